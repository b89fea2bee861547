import { readFileSync } from 'node:fs';

/** One labeled post: the brands (topic ids) it is about; empty for a post about none of them. */
export interface MatchingSample {
  id: string;
  language: string;
  /** `tune`: rules were developed looking at its errors; `check`: written after, measured only. */
  split: MatchingSplit;
  brands: string[];
  text: string;
}

export const MATCHING_SPLITS = ['tune', 'check'] as const;
export type MatchingSplit = (typeof MATCHING_SPLITS)[number];

/** The same relative path from `src/evaluation` and `dist/evaluation`. */
export const MATCHING_SET_URL = new URL('../../fixtures/matching-set.jsonl', import.meta.url);

/**
 * Reads the labeled set (one JSON object per line, blank lines ignored) and checks every
 * field, naming the line, so a hand edit that breaks the file fails loudly instead of
 * silently shrinking the set. `knownBrands`, when given, rejects labels no topic has.
 */
export function loadMatchingSet(location: string | URL = MATCHING_SET_URL, knownBrands?: ReadonlySet<string>): MatchingSample[] {
  const samples: MatchingSample[] = [];
  const ids = new Set<string>();
  readFileSync(location, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      const sample = parseMatchingSample(line, index + 1, knownBrands);
      if (ids.has(sample.id)) throw new Error(`matching set line ${index + 1}: duplicate id "${sample.id}"`);
      ids.add(sample.id);
      samples.push(sample);
    });
  return samples;
}

export function parseMatchingSample(line: string, lineNumber: number, knownBrands?: ReadonlySet<string>): MatchingSample {
  const fail = (problem: string): never => {
    throw new Error(`matching set line ${lineNumber}: ${problem}`);
  };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return fail('not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('expected a JSON object');
  const record = value as Record<string, unknown>;
  const text = (key: string): string => {
    const field = record[key];
    return typeof field === 'string' && field.trim() !== '' ? field : fail(`"${key}" must be a non-empty string`);
  };
  const split = text('split');
  if (!(MATCHING_SPLITS as readonly string[]).includes(split)) fail(`"split" must be one of ${MATCHING_SPLITS.join(', ')}`);
  const brands = record.brands;
  if (!Array.isArray(brands) || !brands.every((brand): brand is string => typeof brand === 'string' && brand !== '')) {
    return fail('"brands" must be an array of topic ids');
  }
  if (new Set(brands).size !== brands.length) fail('"brands" lists a topic twice');
  const unknown = knownBrands === undefined ? undefined : brands.find((brand) => !knownBrands.has(brand));
  if (unknown !== undefined) fail(`"brands" names "${unknown}", which no topic has`);
  return { id: text('id'), language: text('language'), split: split as MatchingSplit, brands, text: text('text') };
}
