import type { DemoRandom } from './demo-random.js';

export const DEMO_INTENTS = ['complaint', 'question', 'request', 'praise', 'other'] as const;
export type DemoIntent = (typeof DEMO_INTENTS)[number];
export type DemoCategory = 'telecom' | 'bank' | 'retail';

export interface IntentPhrases {
  core: Record<DemoCategory, readonly string[]>;
  detail: readonly string[];
  closer: readonly string[];
  emoji: readonly string[];
}

/** A personal moment ("вчера вечером пытался оплатить коммуналку на даче"): most of a post's variety. */
export interface ContextPhrases {
  /** "около {hh}:{mm}": a clock time in the language's words. */
  at: string;
  times: readonly string[];
  activities: readonly string[];
  places: readonly string[];
}

/** What makes one news item differ from the next: who reports it and a figure ({pct}, {n} are random numbers). */
export interface NewsPhrases {
  leads: readonly string[];
  figures: readonly string[];
}

export type PhraseBank = Record<DemoIntent, IntentPhrases> & {
  slots: Record<'city' | 'days' | 'hours' | 'amount', readonly string[]>;
  context: ContextPhrases;
  news: NewsPhrases;
};

export interface BrandWords {
  /** The name as a subject or an address ("Билайн"). */
  nominative: string;
  /** After "у", "от", "поддержка" ("Билайна"); the English name is the same. */
  genitive: string;
  /** The brand's support account, addressed as @handle in some posts (a direct mention). */
  handle?: string;
}

/**
 * One post: a core about the brand, then (each optional) a detail, a closer and an emoji, so
 * that no two posts are the same words in the same order. `direct` prefixes the brand's
 * support account, as customers do when they want an answer; `news` (a site's item) gets a
 * source and a figure instead of a personal moment.
 */
export function composePost(
  bank: PhraseBank,
  intent: DemoIntent,
  category: DemoCategory,
  brand: BrandWords,
  rng: DemoRandom,
  options: { direct?: boolean; news?: boolean } = {},
): string {
  const phrases = bank[intent];
  const fill = (template: string): string =>
    template
      .replaceAll('{brand}', brand.nominative)
      .replaceAll('{gen}', brand.genitive)
      .replace(/\{(city|days|hours|amount)\}/gu, (_, slot: 'city' | 'days' | 'hours' | 'amount') => rng.pick(bank.slots[slot]));
  const parts = [fill(rng.pick(phrases.core[category]))];
  if (options.news) {
    const figure = rng.pick(bank.news.figures).replace('{pct}', String(rng.int(2, 48))).replace('{n}', String(rng.int(3, 900)));
    parts.push(`${rng.pick(bank.news.leads)}, ${figure}`);
  }
  // News is not personal; everyone else says when and where it happened to them.
  if (!options.news && rng.chance(0.92)) {
    const moment = personalMoment(bank, rng);
    if (rng.chance(0.5)) parts.unshift(moment);
    else parts.push(moment);
  }
  if (rng.chance(0.75)) parts.push(fill(rng.pick(phrases.detail)));
  if (rng.chance(0.6)) parts.push(fill(rng.pick(phrases.closer)));
  let text = parts
    .filter((p) => p !== '')
    .reduce((joined, part) => (joined === '' ? part : /[?!]$/u.test(joined) ? `${joined} ${part}` : `${joined}${rng.chance(0.5) ? ', ' : '. '}${part}`), '');
  text = text.charAt(0).toUpperCase() + text.slice(1);
  if (rng.chance(0.35)) text += ` ${rng.pick(phrases.emoji)}`;
  if (options.direct && brand.handle) text = `@${brand.handle} ${text}`;
  return text;
}

/** "вчера вечером пытался оплатить коммуналку на даче около 19:40": when and where it happened. */
export function personalMoment(bank: PhraseBank, rng: DemoRandom): string {
  const { times, activities, places, at } = bank.context;
  // A clock time is what people add, and what keeps two similar stories from reading as one copy.
  const clock = rng.chance(0.6) ? ` ${at.replace('{hh}', String(rng.int(7, 23))).replace('{mm}', String(rng.int(0, 59)).padStart(2, '0'))}` : '';
  return `${rng.pick(times)} ${rng.pick(activities)}${rng.chance(0.6) ? ` ${rng.pick(places)}` : ''}${clock}`;
}
