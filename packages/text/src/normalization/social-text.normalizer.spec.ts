import { describe, expect, it } from 'vitest';
import { SOCIAL_PLACEHOLDERS, normalizeSocialText } from './social-text.normalizer.js';

describe('normalizeSocialText', () => {
  it.each([
    ['Смотрите https://t.co/abc и www.mts.ru/tarif', 'смотрите [URL] и [URL]'],
    ['@Beeline_RUS верните деньги', '[USER] верните деньги'],
    ['mail me at a@b.c', 'mail me at a@b.c'],
    ['#ЛучшийБанк #fail', 'лучший банк fail'],
    ['Ооочень долгооо', 'очень долго'],
    ['Sooooo cool!!!!!', 'soo cool!!'],
    ['ЁЛКИ, всё', 'елки, все'],
    ['Спасибо :) :-D xD', 'спасибо [SMILE] [LAUGH] [LAUGH]'],
    ['спасибо)))', 'спасибо [SMILE]'],
    ['спасибо)', 'спасибо [SMILE]'],
    ['опять не работает(((', 'опять не работает [SAD]'],
    ['жаль(', 'жаль [SAD]'],
    ['(как обычно) пришел', '(как обычно) пришел'],
    [':( :\'( <3 ;)', '[SAD] [SAD] [LOVE] [WINK]'],
    ['ахахахах смешно', '[LAUGH] смешно'],
    ['Круто👍👍👍🏻 😡', 'круто 👍 😡'],
    ['a\u0000b\u200bc', 'abc'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeSocialText(input)).toBe(expected);
  });

  it('keeps placeholders already in the input and is idempotent', () => {
    const once = normalizeSocialText('[BRAND] лучше чем [OTHER] :) https://x.ru @a #ТопБанк Ооочень');
    expect(once).toBe('[BRAND] лучше чем [OTHER] [SMILE] [URL] [USER] топ банк очень');
    expect(normalizeSocialText(once)).toBe(once);
    for (const p of SOCIAL_PLACEHOLDERS) expect(normalizeSocialText(p)).toBe(p);
  });
});
