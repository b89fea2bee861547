import { Prng, deriveSeed } from './prng.js';
import type { Sample } from './sample.js';
import { normalizeText } from './tokenizer-spec.js';

/**
 * Drops repeated texts (retweets, the same sentence listed per entity). Without this the same
 * tweet lands in train and dev and the dev figures flatter the model.
 */
export function dedupeByText(samples: Sample[]): { samples: Sample[]; removed: number } {
  const seen = new Set<string>();
  const out: Sample[] = [];
  for (const s of samples) {
    const key = normalizeText(s.text).replace(/\s+/g, ' ').trim();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return { samples: out, removed: samples.length - out.length };
}

/** Seeded split per source, so each dataset's dev set has the same share regardless of the others. */
export function splitTrainDev(samples: Sample[], devFraction: number, seed: number, salt: string): { train: Sample[]; dev: Sample[] } {
  const rng = new Prng(deriveSeed(seed, `split:${salt}`));
  const shuffled = rng.shuffle([...samples]);
  const nDev = Math.round(shuffled.length * devFraction);
  return { dev: shuffled.slice(0, nDev), train: shuffled.slice(nDev) };
}
