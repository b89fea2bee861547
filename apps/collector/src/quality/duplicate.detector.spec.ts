import { describe, expect, it } from 'vitest';
import { DuplicateDetector } from './duplicate.detector.js';
import { estimatedSimilarity, minhash, normalizeForDedup } from './text-fingerprint.js';

const campaign = 'Только сегодня! Билайн дарит 100 ГБ интернета всем абонентам, переходи по ссылке и забирай подарок';

describe('DuplicateDetector', () => {
  it('marks reposts and copy-paste with small edits, links and handles as duplicates of the first', () => {
    const detector = new DuplicateDetector();
    expect(detector.check('a', campaign, 'u1')).toEqual({ duplicateOf: null, authors: 1 });
    expect(detector.check('b', `${campaign} https://bit.ly/xyz`, 'u2')).toEqual({ duplicateOf: 'a', authors: 2 });
    expect(detector.check('c', `@friend ${campaign.toUpperCase()}!!!`, 'u3')).toEqual({ duplicateOf: 'a', authors: 3 });
    expect(detector.check('d', `${campaign} срочно`, 'u4')).toEqual({ duplicateOf: 'a', authors: 4 });
    expect(detector.check('e', campaign.replace('100', '200'), 'u5')).toEqual({ duplicateOf: 'a', authors: 5 });
  });

  it('does not confuse different texts, short generic texts, or a re-collection of the same mention', () => {
    const detector = new DuplicateDetector();
    detector.check('a', campaign, 'u1');
    expect(detector.check('b', 'МТС, третий день нет интернета в Химках, когда почините уже?', 'u2').duplicateOf).toBeNull();
    expect(detector.check('c', 'МТС не работает', 'u3').duplicateOf).toBeNull();
    expect(detector.check('d', 'МТС не работает', 'u4').duplicateOf).toBeNull();
    expect(detector.check('a', campaign, 'u1').duplicateOf).toBeNull();
  });

  it('stays within its capacity, forgetting the oldest texts first', () => {
    const detector = new DuplicateDetector({ capacity: 2 });
    detector.check('a', campaign, 'u1');
    detector.check('b', 'Сбербанк заблокировал карту без объяснений, поддержка молчит уже сутки', 'u2');
    detector.check('c', 'Озон привез не тот товар и отказывается принимать возврат через пункт выдачи', 'u3');
    expect(detector.size).toBe(2);
    expect(detector.check('d', campaign, 'u4').duplicateOf).toBeNull();
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
    const base = 'Срочно! МТС раздаёт бесплатный интернет на год, переходите по ссылке и вводите код';
    let duplicates = 0;
    for (let i = 0; i < 20_000; i++) {
      if (detector.check(`m${i}`, `${base} ${i}`, `u${i}`).duplicateOf !== null) duplicates++;
    }
    // MinHash estimates similarity from 32 hashes, so a few variants fall under the line and
    // become originals themselves; the work per check stays bounded by the bucket cap.
    expect(duplicates).toBeGreaterThan(19_900);
    expect(detector.size).toBeLessThan(100);
  });
});
