import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LabelId, type LoadResult, type Sample, SkipLog } from '../sample.js';
import { splitLines } from './csv.parser.js';

const LABEL_MAP: Record<string, LabelId> = { '-1': 0, '0': 1, '1': 2 };

/**
 * RuSentNE labels tone toward one entity per row; the same sentence often appears once per entity.
 * We want sentence-level samples, so rows are grouped by sentence and kept only when all entity
 * labels agree (the same rule as SentiRuEval's per-company labels).
 */
export function parseRuSentNeTsv(content: string, source = 'rusentne'): LoadResult {
  const log = new SkipLog();
  const lines = splitLines(content);
  const header = (lines.shift() ?? '').split('\t');
  const sentIdx = header.indexOf('sentence');
  const labelIdx = header.indexOf('label');
  if (sentIdx < 0 || labelIdx < 0) throw new Error(`${source}: header must have sentence and label columns`);
  const bySentence = new Map<string, LabelId[]>();
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const cols = line.split('\t');
    const label = LABEL_MAP[(cols[labelIdx] ?? '').trim()];
    const text = cols[sentIdx]?.trim();
    if (cols.length !== header.length || !text || label === undefined) {
      log.skip(`${source}: line ${i + 2} is malformed (${cols.length} fields, label ${JSON.stringify(cols[labelIdx])})`);
      return;
    }
    const list = bySentence.get(text) ?? [];
    list.push(label);
    bySentence.set(text, list);
  });
  const samples: Sample[] = [];
  let conflicting = 0;
  for (const [text, labels] of bySentence) {
    const first = labels[0] as LabelId;
    if (labels.some((l) => l !== first)) {
      conflicting++;
      continue;
    }
    samples.push({ text, label: first, lang: 'ru', source });
  }
  const messages = [...log.messages, `${source}: dropped ${conflicting} sentences whose entities disagree`];
  return { samples, skipped: log.skipped + conflicting, messages };
}

export function loadRuSentNe(dataDir: string): LoadResult {
  const out: LoadResult = { samples: [], skipped: 0, messages: [] };
  for (const file of ['train_data.csv', 'validation_data_labeled.csv']) {
    const r = parseRuSentNeTsv(readFileSync(join(dataDir, 'rusentne-2023', file), 'utf8'));
    out.samples.push(...r.samples);
    out.skipped += r.skipped;
    out.messages.push(...r.messages.map((m) => `${file}: ${m}`));
  }
  return out;
}

/** One entity-level row: the tone of `sentence` toward the entity at [start, end). */
export interface RuSentNeRow {
  sentence: string;
  entity: string;
  start: number;
  end: number;
  label: LabelId;
}

export function parseRuSentNeRows(content: string): RuSentNeRow[] {
  const lines = splitLines(content);
  const header = (lines.shift() ?? '').split('\t');
  const col = (name: string): number => header.indexOf(name);
  const [si, ei, st, en, li] = [col('sentence'), col('entity'), col('entity_pos_start_rel'), col('entity_pos_end_rel'), col('label')];
  const rows: RuSentNeRow[] = [];
  for (const line of lines) {
    const cols = line.split('\t');
    const label = LABEL_MAP[(cols[li] ?? '').trim()];
    const sentence = cols[si] ?? '';
    const start = Number(cols[st]);
    const end = Number(cols[en]);
    if (cols.length !== header.length || label === undefined || !Number.isInteger(start) || !(end > start) || end > sentence.length) continue;
    rows.push({ sentence, entity: cols[ei] ?? '', start, end, label });
  }
  return rows;
}

export function loadRuSentNeRows(dataDir: string): RuSentNeRow[] {
  return ['train_data.csv', 'validation_data_labeled.csv'].flatMap((file) => parseRuSentNeRows(readFileSync(join(dataDir, 'rusentne-2023', file), 'utf8')));
}
