import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { markTargetBrand } from '@pulse/sentiment';
import { dedupeByText, splitTrainDev } from './dataset-split.js';
import { splitLines } from './datasets/csv.parser.js';
import { loadRuSentNe, loadRuSentNeRows, type RuSentNeRow } from './datasets/rusentne.loader.js';
import { loadRuSentiTweet } from './datasets/rusentitweet.loader.js';
import { loadSemEvalDevtest } from './datasets/semeval-devtest.loader.js';
import { PAIR_LABELS, type SentiRuEvalDomain, type SentiRuEvalRow, loadSentiRuEvalRows } from './datasets/sentirueval.loader.js';
import { loadTweetEval, parseAlignedLines } from './datasets/tweeteval.loader.js';
import { Prng, deriveSeed } from './prng.js';
import type { LabelId, LoadResult, Sample } from './sample.js';
import { SENTIRUEVAL_COMPANY_TERMS, companyTerms } from './sentirueval-lexicon.js';
import { normalizeText } from './tokenizer-spec.js';

/** Protocols of the datasets README. */
export type ProtocolName = 'macro-f1-posneg' | 'macro-f1-3' | 'macro-recall';

/** One model input of a dev set; a SentiRuEval tweet carries one gold label per company. */
export interface DevUnit {
  text: string;
  gold: LabelId[];
}

export interface DevSet {
  name: string;
  protocol: ProtocolName;
  units: DevUnit[];
  note: string;
}

export interface CorpusOptions {
  seed: number;
  devFraction: number;
  includeEtalon: boolean;
  /** Small smoke run: at most this many items per source. */
  limit?: number;
  /**
   * 'random' (default): a seeded share of all SentiRuEval tweets is dev. 'etalon': train on
   * train.xml and use all of test_etalon.xml (later tweets) as dev, a time split closer to how the
   * hidden 2016 test relates to this data; nothing of test_etalon.xml is then trained on.
   */
  sentiruevalDev?: 'random' | 'etalon';
}

export interface TrainingCorpus {
  train: Sample[];
  dev: DevSet[];
  summary: { source: string; train: number; dev: number }[];
  messages: string[];
}

export const EXPECTED_DATASETS = ['sentirueval-2015', 'rusentitweet', 'rusentne-2023', 'tweeteval', 'semeval-2016devtest', 'xlm-t-umsab'];

export function checkDataDir(dataDir: string): void {
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    throw new Error(`data directory ${dataDir} does not exist; pass --data <dir> (the labeled datasets, see its README.md)`);
  }
  const missing = EXPECTED_DATASETS.filter((d) => !existsSync(join(dataDir, d)));
  if (missing.length > 0) throw new Error(`data directory ${dataDir} lacks ${missing.join(', ')}; is --data pointing at the datasets root?`);
}

function limitTo<T>(items: T[], limit: number | undefined, seed: number, salt: string): T[] {
  if (limit === undefined || items.length <= limit) return items;
  return new Prng(deriveSeed(seed, `limit:${salt}`)).shuffle([...items]).slice(0, limit);
}

/** Seeded split of arbitrary items by a text key (duplicates removed first), like splitTrainDev. */
function splitGroups<T>(items: T[], key: (t: T) => string, opts: CorpusOptions, salt: string): { train: T[]; dev: T[] } {
  const seen = new Set<string>();
  const unique = items.filter((t) => {
    const k = normalizeText(key(t)).replace(/\s+/g, ' ').trim();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const pool = limitTo(unique, opts.limit, opts.seed, salt);
  const shuffled = new Prng(deriveSeed(opts.seed, `split:${salt}`)).shuffle([...pool]);
  const nDev = Math.round(shuffled.length * opts.devFraction);
  return { dev: shuffled.slice(0, nDev), train: shuffled.slice(nDev) };
}

export function labelledPairs(row: SentiRuEvalRow): { company: string; label: LabelId }[] {
  const out: { company: string; label: LabelId }[] = [];
  for (const [company, value] of row.companies) {
    const label = PAIR_LABELS[value];
    if (label !== undefined) out.push({ company, label });
  }
  return out;
}

const tweetKey = (text: string): string => normalizeText(text).replace(/\s+/g, ' ').trim();

/** train.xml tweets train, test_etalon.xml tweets (minus any text also in train) are dev. */
function timeSplitRows(train: SentiRuEvalRow[], etalon: SentiRuEvalRow[], opts: CorpusOptions, salt: string): { train: SentiRuEvalRow[]; dev: SentiRuEvalRow[] } {
  const all = splitGroups(train, (r) => r.text, { ...opts, devFraction: 0 }, salt).train;
  const seen = new Set(all.map((r) => tweetKey(r.text)));
  const dev: SentiRuEvalRow[] = [];
  for (const r of etalon) {
    const key = tweetKey(r.text);
    if (labelledPairs(r).length === 0 || seen.has(key)) continue;
    seen.add(key);
    dev.push(r);
  }
  return { train: all, dev: limitTo(dev, opts.limit, opts.seed, `${salt}:etalon`) };
}

/**
 * SentiRuEval's tweets with a labelled company, per domain, split into train and dev exactly as
 * training splits them (seeded 10%, or the time split: train.xml trains, test_etalon.xml is dev).
 * Shared with the per-(tweet, company) evaluation of the app's targeting, so it scores the same dev tweets.
 */
export function sentiruevalSplits(
  dataDir: string,
  opts: CorpusOptions,
): { domain: SentiRuEvalDomain; usable: SentiRuEvalRow[]; split: { train: SentiRuEvalRow[]; dev: SentiRuEvalRow[] } }[] {
  const timeSplit = opts.sentiruevalDev === 'etalon';
  const etalonRows = new Map(timeSplit ? loadSentiRuEvalRows(dataDir, { includeEtalon: true, only: 'test_etalon.xml' }).map((d) => [d.domain, d.rows]) : []);
  return loadSentiRuEvalRows(dataDir, { includeEtalon: opts.includeEtalon && !timeSplit }).map(({ domain, rows }) => {
    const source = `sentirueval-${domain}`;
    const usable = rows.filter((r) => labelledPairs(r).length > 0);
    const split = timeSplit ? timeSplitRows(usable, etalonRows.get(domain) ?? [], opts, source) : splitGroups(usable, (r) => r.text, opts, source);
    return { domain, usable, split };
  });
}

/** The tweet with `company` marked [BRAND] and the tweet's other labelled companies [OTHER]. */
export function markCompany(row: SentiRuEvalRow, company: string): string {
  const others = [...row.companies.keys()].filter((c) => c !== company && SENTIRUEVAL_COMPANY_TERMS[c]).flatMap((c) => companyTerms(c));
  return markTargetBrand(row.text, companyTerms(company), others);
}

function markEntity(r: RuSentNeRow): string {
  return `${r.sentence.slice(0, r.start)} [BRAND] ${r.sentence.slice(r.end)}`;
}

/**
 * Everything the trainer and the evaluator need, split the same way for both: seeded 10% dev per
 * source (by tweet or sentence, so a tweet's marked copies never straddle train and dev).
 *
 * SentiRuEval is used twice: unmarked, for tweets whose companies agree (the overall tone), and
 * once per (tweet, company) pair with that company marked [BRAND] (the per-brand tone). RuSentNE
 * likewise: sentences whose entities agree, and each entity marked.
 */
export function buildTrainingCorpus(dataDir: string, opts: CorpusOptions): TrainingCorpus {
  checkDataDir(dataDir);
  const train: Sample[] = [];
  const dev: DevSet[] = [];
  const summary: TrainingCorpus['summary'] = [];
  const messages: string[] = [];
  const note = (r: LoadResult, name: string): void => {
    messages.push(`${name}: ${r.samples.length} samples, ${r.skipped} rows skipped`, ...r.messages.map((m) => `  ${m}`));
  };

  for (const { domain, usable, split } of sentiruevalSplits(dataDir, opts)) {
    const source = `sentirueval-${domain}`;
    let overall = 0;
    let pairs = 0;
    for (const row of split.train) {
      const labels = labelledPairs(row);
      const mixed = [...row.companies.values()].includes('+-');
      const first = labels[0]?.label;
      if (!mixed && first !== undefined && labels.every((l) => l.label === first)) {
        train.push({ text: row.text, label: first, lang: 'ru', source, pairLabels: labels.map((l) => l.label) });
        overall++;
      }
      for (const { company, label } of labels) {
        train.push({ text: markCompany(row, company), label, lang: 'ru', source: `${source}/targeted` });
        pairs++;
      }
    }
    dev.push({
      name: source,
      protocol: 'macro-f1-posneg',
      units: split.dev.map((r) => ({ text: r.text, gold: labelledPairs(r).map((l) => l.label) })),
      note: 'every labelled (tweet, company) pair of the dev tweets scored with the tweet\'s overall (unmarked) prediction, as the CLI gives it',
    });
    dev.push({
      name: `${source}/targeted`,
      protocol: 'macro-f1-posneg',
      units: split.dev.flatMap((r) => labelledPairs(r).map(({ company, label }) => ({ text: markCompany(r, company), gold: [label] }))),
      note: 'every labelled (tweet, company) pair scored on its own input, the company marked [BRAND] and the others [OTHER] (per-topic scoring in the app)',
    });
    summary.push({ source, train: overall, dev: split.dev.length }, { source: `${source}/targeted`, train: pairs, dev: dev.at(-1)?.units.length ?? 0 });
    messages.push(`${source}: ${usable.length} tweets with a labelled company; train ${split.train.length} tweets (${overall} agreeing, ${pairs} pairs), dev ${split.dev.length} tweets`);
  }

  const sentenceLevel = (source: string, r: LoadResult, protocol: ProtocolName, devNote: string): void => {
    note(r, source);
    const d = dedupeByText(r.samples);
    const pool = limitTo(d.samples, opts.limit, opts.seed, source);
    const split = splitTrainDev(pool, opts.devFraction, opts.seed, source);
    train.push(...split.train);
    dev.push({ name: source, protocol, units: split.dev.map((s) => ({ text: s.text, gold: [s.label] })), note: devNote });
    summary.push({ source, train: split.train.length, dev: split.dev.length });
  };

  sentenceLevel('rusentitweet', loadRuSentiTweet(dataDir), 'macro-f1-3', 'our seeded 10% split of rusentitweet_train.csv; skip/speech dropped');

  {
    const r = loadRuSentNe(dataDir);
    note(r, 'rusentne');
    const rows = loadRuSentNeRows(dataDir);
    const split = splitGroups([...new Set(rows.map((x) => x.sentence))], (s) => s, opts, 'rusentne');
    const devSentences = new Set(split.dev);
    const trainSentences = new Set(split.train);
    const sentences = r.samples.filter((s) => trainSentences.has(s.text));
    train.push(...sentences);
    const entityRows = rows.filter((x) => trainSentences.has(x.sentence));
    train.push(...entityRows.map((x) => ({ text: markEntity(x), label: x.label, lang: 'ru' as const, source: 'rusentne/targeted' })));
    const devRows = rows.filter((x) => devSentences.has(x.sentence));
    dev.push({
      name: 'rusentne/targeted',
      protocol: 'macro-f1-posneg',
      units: devRows.map((x) => ({ text: markEntity(x), gold: [x.label] })),
      note: 'entity-level: each (sentence, entity) row with the entity marked [BRAND]; news, not social media',
    });
    summary.push({ source: 'rusentne', train: sentences.length, dev: 0 }, { source: 'rusentne/targeted', train: entityRows.length, dev: devRows.length });
  }

  sentenceLevel('semeval2016', loadSemEvalDevtest(dataDir), 'macro-recall', 'our seeded 10% split of the SemEval-2016 devtest file');

  {
    // TweetEval ships an official val split: it is the dev set.
    const te = loadTweetEval(dataDir);
    note(te.train, 'tweeteval train');
    const d = dedupeByText(te.train.samples);
    const valKeys = new Set(dedupeByText(te.val.samples).samples.map((s) => normalizeText(s.text)));
    const trainSamples = limitTo(d.samples, opts.limit, opts.seed, 'tweeteval').filter((s) => !valKeys.has(normalizeText(s.text)));
    const val = limitTo(te.val.samples, opts.limit === undefined ? undefined : Math.ceil(opts.limit / 5), opts.seed, 'tweeteval-val');
    train.push(...trainSamples);
    dev.push({ name: 'tweeteval', protocol: 'macro-recall', units: val.map((s) => ({ text: s.text, gold: [s.label] })), note: 'official val split' });
    summary.push({ source: 'tweeteval', train: trainSamples.length, dev: val.length });
  }

  {
    // UMSAB is not trained on (its English part overlaps TweetEval val, and it has no Russian);
    // its val split measures how the model does on the other seven languages.
    const dir = join(dataDir, 'xlm-t-umsab');
    const read = (f: string): string[] => splitLines(readFileSync(join(dir, f), 'utf8'));
    const val = parseAlignedLines(read('val_text.txt'), read('val_labels.txt'), 'umsab');
    const units = limitTo(val.samples, opts.limit, opts.seed, 'umsab').map((s) => ({ text: s.text, gold: [s.label] }));
    dev.push({ name: 'umsab', protocol: 'macro-f1-3', units, note: 'official val split, 8 languages, none of them Russian; not trained on' });
    summary.push({ source: 'umsab', train: 0, dev: units.length });
  }

  return { train, dev, summary, messages };
}
