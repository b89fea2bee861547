import { describe, expect, it } from 'vitest';
import { KeywordMatcher } from './keyword.matcher.js';

const matcher = new KeywordMatcher([
  { id: 'beeline', keywords: ['Билайн', 'Beeline'] },
  { id: 'mts', keywords: ['МТС', 'MTS'] },
  { id: 'chase', keywords: ['Chase'] },
  { id: 'att', keywords: ['AT&T'] },
  { id: 'bofa', keywords: ['Bank of America'] },
  { id: 'pyaterochka', keywords: ['Пятёрочка'] },
]);

const topics = (text: string): string[] => matcher.match(text).map((m) => m.topicId).sort();

describe('KeywordMatcher', () => {
  it('matches Russian inflected forms and is case-insensitive', () => {
    expect(topics('перешёл с билайна на мтс')).toEqual(['beeline', 'mts']);
    expect(topics('БИЛАЙНОМ пользуюсь давно')).toEqual(['beeline']);
  });

  it('reports which keywords matched', () => {
    expect(matcher.match('Beeline aka Билайн')).toEqual([{ topicId: 'beeline', terms: ['Билайн', 'Beeline'] }]);
  });

  it('matches whole words only', () => {
    expect(topics('my purchase arrived')).toEqual([]);
    expect(topics('Chase froze my card')).toEqual(['chase']);
    expect(topics('МТСБанк')).toEqual([]);
    expect(topics('мтс-ом')).toEqual(['mts']);
  });

  it('handles punctuation inside keywords, phrases and ё/е', () => {
    expect(topics('AT&T is down again')).toEqual(['att']);
    expect(topics('bank  of america app crashed')).toEqual(['bofa']);
    expect(topics('в пятерочке очереди')).toEqual(['pyaterochka']);
  });

  it('does not let short Latin keywords inflect', () => {
    expect(topics('MTSS')).toEqual([]);
  });
});
