import { readFileSync } from 'node:fs';
import { sentimentLabelSchema, type RawMention } from '@pulse/contracts';
import { z } from 'zod';

/**
 * The same relative path from `src/targeting/evaluation` and `dist/targeting/evaluation`: tsc does
 * not copy data files, so both read the one committed file under src.
 */
export const MULTI_BRAND_SET_URL = new URL('../../../src/targeting/evaluation/multi-brand-tone.jsonl', import.meta.url);

/** `dev` is tuned on (its errors are listed); `test` is only measured. */
export const MULTI_BRAND_SPLITS = ['dev', 'test'] as const;
export type MultiBrandSplit = (typeof MULTI_BRAND_SPLITS)[number];

export const CONSTRUCTIONS = ['comparison', 'switching', 'u-x-a-u-y', 'contrast', 'negation', 'question', 'news', 'sarcasm', 'shared', 'control'] as const;
export type Construction = (typeof CONSTRUCTIONS)[number];

const sampleSchema = z.object({
  id: z.string().min(1),
  split: z.enum(MULTI_BRAND_SPLITS),
  language: z.enum(['ru', 'uk', 'en']),
  domain: z.enum(['telecom', 'banks', 'retail', 'marketplaces']),
  construction: z.enum(CONSTRUCTIONS),
  text: z.string().min(1),
  brands: z
    .array(
      z.object({
        topicId: z.string().min(1),
        /** The topic's keywords, as the collector reports them in `matches[].terms`. */
        terms: z.array(z.string().min(1)).min(1),
        label: sentimentLabelSchema,
      }),
    )
    .min(1),
});
export type MultiBrandSample = z.infer<typeof sampleSchema>;

/** Reads the labeled set, naming the line of any broken record so a hand edit cannot silently shrink it. */
export function loadMultiBrandSet(location: string | URL = MULTI_BRAND_SET_URL): MultiBrandSample[] {
  const samples: MultiBrandSample[] = [];
  const ids = new Set<string>();
  readFileSync(location, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      const where = `multi-brand set line ${index + 1}`;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new Error(`${where}: not valid JSON`, { cause: error });
      }
      const parsed = sampleSchema.safeParse(value);
      if (!parsed.success) throw new Error(`${where}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      if (ids.has(parsed.data.id)) throw new Error(`${where}: duplicate id "${parsed.data.id}"`);
      if (new Set(parsed.data.brands.map((b) => b.topicId)).size !== parsed.data.brands.length) throw new Error(`${where}: a topic is labeled twice`);
      ids.add(parsed.data.id);
      samples.push(parsed.data);
    });
  return samples;
}

/** The raw mention the collector would publish for a sample: every labeled brand matched with its terms. */
export function sampleMention(sample: MultiBrandSample): RawMention {
  return {
    id: `eval:${sample.id}`,
    source: 'demo',
    sourceId: sample.id,
    url: null,
    text: sample.text,
    language: sample.language,
    author: { id: 'eval', handle: 'eval', name: 'Eval', url: null },
    publishedAt: '2026-11-20T10:00:00.000Z',
    collectedAt: '2026-11-20T10:00:00.000Z',
    topicIds: sample.brands.map((b) => b.topicId),
    matches: sample.brands.map((b) => ({ topicId: b.topicId, terms: b.terms })),
    direct: false,
    duplicateOf: null,
    spam: { score: 0, reasons: [] },
  };
}
