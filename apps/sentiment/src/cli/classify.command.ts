import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { SentimentScores } from '@pulse/contracts';
import type { SentimentModel } from '../model/sentiment-model.port.js';
import { ScoringService, topLabel } from '../scoring/scoring.service.js';
import { markTargetBrand } from '../targeting/target-brand.marker.js';
import { byTarget, parseTargets, targetsMention, type ClassifyTarget } from './classify-targets.js';

export interface ClassifyOptions {
  /** Lines read before one model call; bigger batches amortize the call, smaller ones stream sooner. */
  batchSize: number;
}

export interface ClassifyStats {
  lines: number;
  classified: number;
  errors: number;
}

type Parsed = { ok: true; id: unknown; text: string; language?: string; targets?: ClassifyTarget[] } | { ok: false; id: unknown; error: string };

const terms = (v: unknown): string[] | undefined =>
  typeof v === 'string' ? [v] : Array.isArray(v) && v.every((t) => typeof t === 'string') ? (v as string[]) : undefined;

/**
 * One JSONL record: `{"id", "text"}`, optionally `"target"` (the brand's terms) and `"others"`
 * (other brands' terms) to get the tone toward that brand from a targeted model, or `"targets"`
 * (brand names, `{"query"}` or `{"terms"}`; see classify-targets.ts) to get the tone toward each,
 * decided as the sentiment stage decides it per topic, with the rule that decided it.
 */
export function parseRecord(line: string, targeted: boolean): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, id: null, error: `malformed JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, id: null, error: 'expected a JSON object' };
  const record = value as Record<string, unknown>;
  const id = record['id'] ?? null;
  const text = record['text'];
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, id, error: '"text" must be a non-empty string' };
  const targets = parseTargets(record['targets'], text);
  if (targets && !targets.ok) return { ok: false, id, error: targets.error };
  if (targets && record['target'] !== undefined) return { ok: false, id, error: 'give either "target" or "targets", not both' };
  const language = record['language'];
  if (language !== undefined && (typeof language !== 'string' || !/^[a-z]{2,3}$/.test(language))) return { ok: false, id, error: '"language" must be an ISO 639 code such as "ru"' };
  if (targets) return { ok: true, id, text, targets: targets.targets, ...(language ? { language } : {}) };
  const target = terms(record['target']);
  if (record['target'] !== undefined && !target) return { ok: false, id, error: '"target" must be a string or an array of strings' };
  const others = terms(record['others']) ?? [];
  return { ok: true, id, text: target && targeted ? markTargetBrand(text, target, others) : text };
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

function resultLine(id: unknown, s: SentimentScores, extra: Record<string, unknown> = {}): string {
  const { label, score } = topLabel(s);
  return JSON.stringify({
    id,
    label,
    score: round(score),
    scores: { negative: round(s.negative), neutral: round(s.neutral), positive: round(s.positive) },
    ...extra,
  });
}

function write(out: Writable, chunk: string): Promise<void> {
  return out.write(chunk) ? Promise.resolve() : new Promise((resolve) => out.once('drain', () => resolve()));
}

/**
 * Reads JSONL from `input`, writes one JSONL result per non-empty input line in the same order.
 * A line that cannot be used yields `{"id", "line", "error"}` and the run goes on.
 */
export async function runClassify(input: Readable, output: Writable, model: SentimentModel, options: ClassifyOptions): Promise<ClassifyStats> {
  const stats: ClassifyStats = { lines: 0, classified: 0, errors: 0 };
  const scoring = new ScoringService(model);
  let batch: { line: number; parsed: Parsed }[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    type Valid = { line: number; parsed: Extract<Parsed, { ok: true }> };
    const valid = batch.filter((b): b is Valid => b.parsed.ok);
    const plain = valid.filter((b) => !b.parsed.targets);
    const targeted = valid.filter((b) => b.parsed.targets);
    const scores = plain.length > 0 ? await model.classify(plain.map((b) => b.parsed.text)) : [];
    // Lines with targets go through the sentiment stage's own scoring, so the CLI decides per-brand tone exactly as the app does.
    const scored = targeted.length > 0 ? await scoring.score(targeted.map((b) => targetsMention(b.line, b.parsed.text, b.parsed.language ?? 'und', b.parsed.targets!))) : [];
    let k = 0;
    let t = 0;
    let chunk = '';
    for (const { line, parsed } of batch) {
      if (parsed.ok && parsed.targets) {
        const mention = scored[t++]!;
        chunk += `${resultLine(parsed.id, mention.sentiment.scores, { byTarget: byTarget(mention, parsed.targets) })}\n`;
        stats.classified++;
      } else if (parsed.ok) {
        chunk += `${resultLine(parsed.id, scores[k++] as SentimentScores)}\n`;
        stats.classified++;
      } else {
        chunk += `${JSON.stringify({ id: parsed.id, line, error: parsed.error })}\n`;
        stats.errors++;
      }
    }
    batch = [];
    await write(output, chunk);
  };
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const raw of lines) {
    stats.lines++;
    if (raw.trim() === '') continue;
    batch.push({ line: stats.lines, parsed: parseRecord(raw, model.targeted === true) });
    if (batch.length >= options.batchSize) await flush();
  }
  await flush();
  return stats;
}
