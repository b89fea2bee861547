import type { SpamAssessment } from '@pulse/contracts';
import { foldHomoglyphsInText } from '@pulse/query';

export interface SpamSignals {
  text: string;
  authorHandle: string;
  followers?: number;
  /** Distinct authors who posted this same text (from the duplicate detector). */
  copyAuthors: number;
  /** Posts by this author in the burst window, this one included. */
  authorRecentPosts: number;
}

const URL = /https?:\/\/\S+|www\.\S+/gi;
const PROMO: { pattern: RegExp; reason: string }[] = [
  { pattern: /розыгрыш|giveaway|дарим|раздача|раздаем|раздаём/i, reason: 'giveaway wording' },
  { pattern: /промокод|promo ?code|купон|coupon|скидк\p{L}* до \d{2,}\s?%/iu, reason: 'promo code or discount bait' },
  { pattern: /заработ\p{L}*|доход от|earn \$?\d*|make money|пассивный доход|work from home|работа на дому/iu, reason: 'earnings offer' },
  { pattern: /крипт\p{L}*|crypto|bitcoin|биткоин|airdrop|usdt/iu, reason: 'crypto offer' },
  { pattern: /подпис\p{L}* на (канал|меня)|follow (me|back)|перейди по ссылке|click (the )?link|жми на ссылку|ссылка в (био|профиле)/iu, reason: 'call to follow a link' },
];

/**
 * An explainable spam score: each signal adds weight and says why. No single soft signal
 * reaches the 0.5 line that hides a mention by default; two of them, or a hard one
 * (link-only post, copy-paste across many accounts), do.
 */
export function scoreSpam(signals: SpamSignals): SpamAssessment {
  const reasons: string[] = [];
  let score = 0;
  const add = (weight: number, reason: string): void => {
    score += weight;
    reasons.push(reason);
  };
  const links = signals.text.match(URL) ?? [];
  const words = signals.text.replace(URL, ' ').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (links.length > 0 && words.length < 4) add(0.5, 'link-only post');
  else if (links.length >= 3) add(0.25, `${links.length} links`);
  // Wording is read with look-alike letters folded, so "пpомокод" with a Latin p is still a
  // promo code; the disguise itself is a soft signal (ordinary typing rarely mixes scripts).
  const { text: folded, foldedWords } = foldHomoglyphsInText(signals.text.replace(URL, ' '));
  for (const { pattern, reason } of PROMO) if (pattern.test(folded)) add(0.25, reason);
  if (foldedWords > 0) add(0.25, `look-alike Latin/Cyrillic letters in ${foldedWords} word${foldedWords === 1 ? '' : 's'}`);
  if (signals.copyAuthors >= 3) add(signals.copyAuthors >= 5 ? 0.6 : 0.4, `same text from ${signals.copyAuthors} accounts`);
  if (signals.authorRecentPosts >= 10) add(0.3, `${signals.authorRecentPosts} posts from one account in 10 minutes`);
  if (/^[\p{L}_]+?\d{5,}$/u.test(signals.authorHandle)) add(0.15, 'generated-looking handle');
  if (signals.followers !== undefined && signals.followers < 3 && links.length > 0) add(0.15, 'link from an account with almost no followers');
  const hashtags = signals.text.match(/#[\p{L}\p{N}_]+/gu) ?? [];
  if (hashtags.length >= 6) add(0.2, `${hashtags.length} hashtags`);
  return { score: Math.min(1, Math.round(score * 100) / 100), reasons };
}

/** Mentions at or above this score are hidden from default queries (defined once in the contracts). */
export { SPAM_THRESHOLD } from '@pulse/contracts';
