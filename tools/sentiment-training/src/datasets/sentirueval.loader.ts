import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LabelId, type LoadResult, type Sample, SkipLog } from '../sample.js';

export const SENTIRUEVAL_DOMAINS = ['banks', 'telecoms'] as const;
export type SentiRuEvalDomain = (typeof SENTIRUEVAL_DOMAINS)[number];
const META_COLUMNS = new Set(['id', 'twitid', 'date', 'text']);

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(cp) ? String.fromCodePoint(cp) : m;
    }
    return XML_ENTITIES[body.toLowerCase()] ?? m;
  });
}

/**
 * Parses one phpMyAdmin XML dump. The dump is flat and machine-written, so a regex scan over
 * `<table>` blocks is enough and avoids an XML dependency.
 *
 * Labels are per company; we need one label per tweet: the tweet is kept when every labelled
 * company agrees. `--` (irrelevant) is ignored as if the company were not labelled; `+-` (mixed)
 * drops the tweet because it has no single tone.
 */
export function parseSentiRuEvalXml(xml: string, source: string): LoadResult {
  const log = new SkipLog();
  const samples: Sample[] = [];
  const tableRe = /<table name="[^"]*">([\s\S]*?)<\/table>/g;
  const columnRe = /<column name="([^"]+)">([\s\S]*?)<\/column>/g;
  let mixed = 0;
  let conflicting = 0;
  let unlabelled = 0;
  for (const table of xml.matchAll(tableRe)) {
    const body = table[1] ?? '';
    const cols = new Map<string, string>();
    for (const c of body.matchAll(columnRe)) cols.set(c[1] ?? '', decodeXmlEntities((c[2] ?? '').trim()));
    const id = cols.get('id') ?? '?';
    const text = cols.get('text');
    if (!text) {
      log.skip(`${source}: row id=${id} has no text`);
      continue;
    }
    const labels: LabelId[] = [];
    let bad = false;
    let isMixed = false;
    for (const [name, value] of cols) {
      if (META_COLUMNS.has(name) || value === 'NULL' || value === '--') continue;
      if (value === '+-') isMixed = true;
      else if (value === '1') labels.push(2);
      else if (value === '0') labels.push(1);
      else if (value === '-1') labels.push(0);
      else {
        log.skip(`${source}: row id=${id} has unknown label ${JSON.stringify(value)} for ${name}`);
        bad = true;
        break;
      }
    }
    if (bad) continue;
    if (isMixed) {
      mixed++;
      continue;
    }
    if (labels.length === 0) {
      unlabelled++;
      continue;
    }
    const first = labels[0] as LabelId;
    if (labels.some((l) => l !== first)) {
      conflicting++;
      continue;
    }
    samples.push({ text, label: first, lang: 'ru', source, pairLabels: labels });
  }
  const messages = [...log.messages];
  if (mixed + conflicting + unlabelled > 0) {
    messages.push(
      `${source}: dropped ${mixed} mixed (+-), ${conflicting} with disagreeing company labels, ${unlabelled} with no usable label`,
    );
  }
  return { samples, skipped: log.skipped + mixed + conflicting + unlabelled, messages };
}

/** One tweet with its raw per-company values (`1`, `0`, `-1`, `+-`, `--`); NULL columns left out. */
export interface SentiRuEvalRow {
  id: string;
  text: string;
  companies: Map<string, string>;
}

export function parseSentiRuEvalRows(xml: string): SentiRuEvalRow[] {
  const rows: SentiRuEvalRow[] = [];
  for (const table of xml.matchAll(/<table name="[^"]*">([\s\S]*?)<\/table>/g)) {
    const companies = new Map<string, string>();
    let id = '';
    let text = '';
    for (const c of (table[1] ?? '').matchAll(/<column name="([^"]+)">([\s\S]*?)<\/column>/g)) {
      const name = c[1] ?? '';
      const value = decodeXmlEntities((c[2] ?? '').trim());
      if (name === 'id') id = value;
      else if (name === 'text') text = value;
      else if (!META_COLUMNS.has(name) && value !== 'NULL') companies.set(name, value);
    }
    if (text) rows.push({ id, text, companies });
  }
  return rows;
}

export const PAIR_LABELS: Readonly<Record<string, LabelId>> = { '1': 2, '0': 1, '-1': 0 };

/** Every (tweet, company) pair of both domains with its file: what the per-pair protocol scores. */
export function loadSentiRuEvalRows(dataDir: string, options: SentiRuEvalOptions = { includeEtalon: true }): { domain: SentiRuEvalDomain; rows: SentiRuEvalRow[] }[] {
  return SENTIRUEVAL_DOMAINS.map((domain) => ({
    domain,
    rows: (options.only ? [options.only] : options.includeEtalon ? ['train.xml', 'test_etalon.xml'] : ['train.xml']).flatMap((file) =>
      parseSentiRuEvalRows(readFileSync(join(dataDir, 'sentirueval-2015', domain, file), 'utf8')),
    ),
  }));
}

export interface SentiRuEvalOptions {
  /** test_etalon.xml is the 2015 test; the official hidden test is the 2016 set, so using it for training is fair. */
  includeEtalon: boolean;
  /** Read only this file of each domain. */
  only?: 'train.xml' | 'test_etalon.xml';
}

export function loadSentiRuEval(dataDir: string, options: SentiRuEvalOptions = { includeEtalon: true }): LoadResult {
  const out: LoadResult = { samples: [], skipped: 0, messages: [] };
  for (const domain of SENTIRUEVAL_DOMAINS) {
    const files = options.includeEtalon ? ['train.xml', 'test_etalon.xml'] : ['train.xml'];
    for (const file of files) {
      const xml = readFileSync(join(dataDir, 'sentirueval-2015', domain, file), 'utf8');
      const r = parseSentiRuEvalXml(xml, `sentirueval-${domain}`);
      out.samples.push(...r.samples);
      out.skipped += r.skipped;
      out.messages.push(...r.messages.map((m) => `${file}: ${m}`));
    }
  }
  return out;
}
