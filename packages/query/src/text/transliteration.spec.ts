import { describe, expect, it } from 'vitest';
import { transliterationAliases } from './transliteration.js';

describe('transliterationAliases', () => {
  it.each([
    ['Beeline', ['билайн']],
    ['Amazon', ['амазон']],
    ['Walmart', ['валмарт', 'уалмарт']],
    ['Chase', ['чейс']],
    ['Магнит', ['magnit']],
    ['Пятёрочка', ['pyaterochka']],
    ['Билайн', ['bilayn', 'bilain']],
    ['Альфа-Банк', ['alfa bank']],
  ])('%s → %o', (name, aliases) => {
    expect(transliterationAliases(name)).toEqual(aliases);
  });

  it('gives none for mixed-script or empty names, and at most four', () => {
    expect(transliterationAliases('Ozonом')).toEqual([]);
    expect(transliterationAliases('  ')).toEqual([]);
    expect(transliterationAliases('Щукинцы').length).toBeLessThanOrEqual(4);
  });
});
