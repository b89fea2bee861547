import { describe, expect, it } from 'vitest';
import { DuplicateDetector } from './duplicate.detector.js';
import { decodeSignature, encodeSignature, estimatedSimilarity, minhash, normalizeForDedup, textSignature } from './text-fingerprint.js';

/** Checks a text the way the quality window does: by its signature, at a time. */
function checker(detector: DuplicateDetector): (id: string, text: string, author: string, at?: number) => ReturnType<DuplicateDetector['check']> {
  let clock = 0;
  return (id, text, author, at = ++clock) => detector.check(id, textSignature(text), author, at);
}

const campaign = 'Только сегодня! Билайн дарит 100 ГБ интернета всем абонентам, переходи по ссылке и забирай подарок';

describe('DuplicateDetector', () => {
  it('marks reposts and copy-paste with small edits, links and handles as duplicates of the first', () => {
    const detector = new DuplicateDetector();
    const check = checker(detector);
    expect(check('a', campaign, 'u1')).toEqual({ duplicateOf: null, authors: 1 });
    expect(check('b', `${campaign} https://bit.ly/xyz`, 'u2')).toEqual({ duplicateOf: 'a', authors: 2 });
    expect(check('c', `@friend ${campaign.toUpperCase()}!!!`, 'u3')).toEqual({ duplicateOf: 'a', authors: 3 });
    expect(check('d', `${campaign} срочно`, 'u4')).toEqual({ duplicateOf: 'a', authors: 4 });
    expect(check('e', campaign.replace('100', '200'), 'u5')).toEqual({ duplicateOf: 'a', authors: 5 });
  });

  it('does not confuse different texts, short generic texts, or a re-collection of the same mention', () => {
    const detector = new DuplicateDetector();
    const check = checker(detector);
    check('a', campaign, 'u1');
    expect(check('b', 'МТС, третий день нет интернета в Химках, когда почините уже?', 'u2').duplicateOf).toBeNull();
    expect(check('c', 'МТС не работает', 'u3').duplicateOf).toBeNull();
    expect(check('d', 'МТС не работает', 'u4').duplicateOf).toBeNull();
    expect(check('a', campaign, 'u1').duplicateOf).toBeNull();
  });

  it('stays within its capacity, forgetting the oldest texts first', () => {
    const detector = new DuplicateDetector({ capacity: 2 });
    const check = checker(detector);
    check('a', campaign, 'u1');
    check('b', 'Сбербанк заблокировал карту без объяснений, поддержка молчит уже сутки', 'u2');
    check('c', 'Озон привез не тот товар и отказывается принимать возврат через пункт выдачи', 'u3');
    expect(detector.size).toBe(2);
    expect(check('d', campaign, 'u4').duplicateOf).toBeNull();
  });
});

describe('DuplicateDetector window', () => {
  it('forgets originals older than its window, measured from the newest time it has seen', () => {
    const detector = new DuplicateDetector({ windowMs: 1_000 });
    const check = checker(detector);
    check('a', campaign, 'u1', 10_000);
    expect(check('b', campaign, 'u2', 10_900).duplicateOf).toBe('a');
    // A fingerprint from a collector whose clock is behind does not bring the window back.
    check('x', 'Сбербанк заблокировал карту без объяснений, поддержка молчит уже сутки', 'u3', 11_500);
    expect(check('c', campaign, 'u4', 10_950).duplicateOf).toBeNull();
  });
});

describe('signatures on the wire', () => {
  it('round-trip through base64url', () => {
    const signature = textSignature(campaign)!;
    const encoded = encodeSignature(signature);
    expect(encoded).toHaveLength(171);
    expect(decodeSignature(encoded)).toEqual(signature);
    expect(textSignature('МТС не работает')).toBeNull();
  });
});

describe('normalizeForDedup', () => {
  it('reads a copy with look-alike letters swapped in as the same words', () => {
    // Latin a, o, p, e in place of Cyrillic ones.
    expect(normalizeForDedup('Билaйн дapит 100 ГБ, жми сюдa')).toEqual(normalizeForDedup('Билайн дарит 100 ГБ, жми сюда'));
  });
});

describe('minhash', () => {
  it('estimates high similarity for a repost with a word added and low for a different text', () => {
    const a = minhash(normalizeForDedup(campaign));
    const b = minhash(normalizeForDedup(`${campaign} срочно`));
    const c = minhash(normalizeForDedup('Verizon outage again in Brooklyn, no signal since the morning, support is useless'));
    expect(estimatedSimilarity(a, b)).toBeGreaterThanOrEqual(0.75);
    expect(estimatedSimilarity(a, c)).toBeLessThan(0.2);
  });
});

describe('DuplicateDetector at campaign scale', () => {
  it('stays fast when thousands of slightly varied copies share the same buckets', () => {
    const detector = new DuplicateDetector();
    const check = checker(detector);
    const base = 'Срочно! МТС раздаёт бесплатный интернет на год, переходите по ссылке и вводите код';
    let duplicates = 0;
    for (let i = 0; i < 20_000; i++) {
      if (check(`m${i}`, `${base} ${i}`, `u${i}`).duplicateOf !== null) duplicates++;
    }
    // MinHash estimates similarity from 32 hashes, so a few variants fall under the line and
    // become originals themselves; the work per check stays bounded by the bucket cap.
    expect(duplicates).toBeGreaterThan(19_900);
    expect(detector.size).toBeLessThan(100);
  });
});
