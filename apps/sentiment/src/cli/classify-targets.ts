import type { RawMention, ScoredMention } from '@pulse/contracts';
import { compileQuery, QueryParseError } from '@pulse/query';

/**
 * One entry of a record's `"targets"`: a brand name ("Билайн": that word, located as the app
 * locates a topic's terms — any case, inflected), `{"query": "…"}` (a topic query in Pulse's query
 * language: the operands that matched the text are the brand's terms, as the collector reports
 * them), or `{"terms": […]}`. An object may carry `"id"`, the name its result is reported under.
 */
export interface ClassifyTarget {
  /** How the result names it: the string given, else `id`, else the query or the first term. */
  name: string;
  terms: string[];
  /** For a query: whether it matched the text at all (a topic that does not match is not a topic of the mention). */
  matched?: boolean;
}

export type TargetsParse = { ok: true; targets: ClassifyTarget[] } | { ok: false; error: string };

/** At most this many targets a line: each one may cost a model read. */
export const MAX_TARGETS = 32;

const strings = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every((t) => typeof t === 'string' && t.trim() !== '');

/** The query's operands that matched `text`, quotes dropped ("\"би лайн\"" → "би лайн"), as the collector's matches[].terms. */
function queryTarget(query: string, id: string | undefined, text: string): ClassifyTarget | string {
  let compiled;
  try {
    compiled = compileQuery(query);
  } catch (error) {
    if (error instanceof QueryParseError) return `query ${JSON.stringify(query)}: ${error.message}`;
    throw error;
  }
  const unquote = (t: string): string => t.replace(/^"|"$/g, '');
  const explained = compiled.explain({ text });
  // A query that does not match still names its words: they are looked for in the text as terms would be.
  const terms = explained.matched ? explained.terms : compiled.terms.filter((t) => !t.negated && t.kind !== 'field').map((t) => t.text);
  return { name: id ?? query, terms: terms.map(unquote).filter((t) => t.trim() !== ''), matched: explained.matched };
}

/** Reads a record's optional `"targets"`; undefined when the record has none. */
export function parseTargets(value: unknown, text: string): TargetsParse | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0) return { ok: false, error: '"targets" must be a non-empty array' };
  if (value.length > MAX_TARGETS) return { ok: false, error: `"targets" holds at most ${MAX_TARGETS} entries` };
  const targets: ClassifyTarget[] = [];
  for (const [i, entry] of value.entries()) {
    const where = `"targets"[${i}]`;
    if (typeof entry === 'string') {
      if (entry.trim() === '') return { ok: false, error: `${where} must not be empty` };
      targets.push({ name: entry, terms: [entry] });
      continue;
    }
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return { ok: false, error: `${where} must be a brand name or an object with "query" or "terms"` };
    const record = entry as Record<string, unknown>;
    const id = record['id'];
    if (id !== undefined && (typeof id !== 'string' || id.trim() === '')) return { ok: false, error: `${where}.id must be a non-empty string` };
    if (typeof record['query'] === 'string' && record['query'].trim() !== '') {
      const target = queryTarget(record['query'], id, text);
      if (typeof target === 'string') return { ok: false, error: `${where}: ${target}` };
      targets.push(target);
    } else if (strings(record['terms'])) {
      targets.push({ name: id ?? record['terms'][0]!, terms: record['terms'] });
    } else {
      return { ok: false, error: `${where} needs "query" (a string) or "terms" (strings)` };
    }
  }
  if (new Set(targets.map((t) => t.name)).size !== targets.length) return { ok: false, error: '"targets" names a target twice' };
  return { ok: true, targets };
}

/**
 * The raw mention the collector would publish for a line: each target a topic, its terms the
 * matched terms. Only what scoring reads is real; the rest is filler the contract requires.
 */
export function targetsMention(line: number, text: string, language: string, targets: readonly ClassifyTarget[]): RawMention {
  const topics = targets.map((_, i) => `t${i}`);
  const at = '2000-01-01T00:00:00.000Z';
  return {
    id: `cli:${line}`,
    source: 'demo',
    sourceId: String(line),
    url: null,
    text,
    language,
    author: { id: 'cli', handle: 'cli', name: 'cli', url: null },
    publishedAt: at,
    collectedAt: at,
    topicIds: topics,
    matches: targets.map((t, i) => ({ topicId: topics[i]!, terms: t.terms })),
    direct: false,
    duplicateOf: null,
    spam: { score: 0, reasons: [] },
  };
}

export interface TargetResult {
  target: string;
  label: string;
  score: number;
  rule: string;
  reason: string;
  evidence?: string;
  matched?: boolean;
}

/** `byTarget` of an output line: per target, in the order given, the tone toward it and the rule that decided it. */
export function byTarget(scored: ScoredMention, targets: readonly ClassifyTarget[]): TargetResult[] {
  const round = (x: number): number => Math.round(x * 1e4) / 1e4;
  return targets.map((t, i) => {
    const tone = scored.sentiment.byTopic.find((b) => b.topicId === `t${i}`);
    if (!tone) throw new Error(`no tone for target ${i}`);
    return {
      target: t.name,
      label: tone.label,
      score: round(tone.score),
      rule: tone.explain?.rule ?? 'whole-post',
      reason: tone.explain?.reason ?? '',
      ...(tone.explain?.evidence !== undefined && tone.explain.evidence !== text(scored) ? { evidence: tone.explain.evidence } : {}),
      ...(t.matched !== undefined ? { matched: t.matched } : {}),
    };
  });
}

const text = (m: ScoredMention): string => m.text;
