import { describe, expect, it } from 'vitest';
import { SPAM_THRESHOLD, scoreSpam } from './spam.scorer.js';

const base = { authorHandle: 'ivan', followers: 120, copyAuthors: 1, authorRecentPosts: 1 };

describe('scoreSpam', () => {
  it('leaves an ordinary complaint clean', () => {
    expect(scoreSpam({ ...base, text: 'Билайн, третий день нет интернета, верните деньги за месяц' })).toEqual({ score: 0, reasons: [] });
  });

  it('flags a crypto giveaway with a link from a fresh account, with every reason', () => {
    const result = scoreSpam({ ...base, authorHandle: 'promo84720193', followers: 0, text: 'Розыгрыш USDT! Подпишись на канал и жми на ссылку https://t.me/x' });
    expect(result.score).toBeGreaterThanOrEqual(SPAM_THRESHOLD);
    expect(result.reasons).toEqual(
      expect.arrayContaining(['giveaway wording', 'crypto offer', 'call to follow a link', 'generated-looking handle', 'link from an account with almost no followers']),
    );
  });

  it('flags link-only posts, copy-paste campaigns and bursts on their own', () => {
    expect(scoreSpam({ ...base, text: 'МТС https://example.com/a' }).score).toBeGreaterThanOrEqual(SPAM_THRESHOLD);
    expect(scoreSpam({ ...base, copyAuthors: 5, text: 'Сбер лучший банк, все переходите в Сбер' }).reasons).toEqual(['same text from 5 accounts']);
    expect(scoreSpam({ ...base, authorRecentPosts: 12, text: 'Ozon снова задержал заказ' }).reasons).toEqual(['12 posts from one account in 10 minutes']);
  });

  it('does not hide a mention for one soft signal', () => {
    expect(scoreSpam({ ...base, text: 'Нашёл промокод Ozon на доставку, кому нужен — пишите' }).score).toBeLessThan(SPAM_THRESHOLD);
  });

  it('reads wording through look-alike letters and counts the disguise as a soft signal', () => {
    // "пpомокод" and "Сбеp" with a Latin p, "рoзыгрыш" with a Latin o.
    const result = scoreSpam({ ...base, text: 'Сбеp дарит пpомокод на 5000, рoзыгрыш до пятницы' });
    expect(result.reasons).toEqual(['giveaway wording', 'promo code or discount bait', 'look-alike Latin/Cyrillic letters in 3 words']);
    expect(result.score).toBeGreaterThanOrEqual(SPAM_THRESHOLD);
  });

  it('does not count links or single-script words as a disguise', () => {
    expect(scoreSpam({ ...base, text: 'Beeline и Билайн — одно и то же, см. https://beeline.ru/тарифы' }).reasons).toEqual([]);
  });
});
