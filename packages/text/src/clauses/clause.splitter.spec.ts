import { describe, expect, it } from 'vitest';
import { splitClauses, type Clause } from './clause.splitter.js';

const brief = (text: string): [string, Clause['boundary'], string | null, number][] =>
  splitClauses(text).map((c) => [c.text, c.boundary, c.connective, c.sentence]);

describe('splitClauses', () => {
  it('cuts before contrastive connectives, the comma before them included', () => {
    expect(brief('У МТС интернет летает, а у Билайна опять всё висит')).toEqual([
      ['У МТС интернет летает', 'start', null, 0],
      ['а у Билайна опять всё висит', 'contrast', 'а', 0],
    ]);
    expect(brief('Мегафон вообще не ловит на даче, зато Теле2 внезапно выдаёт 4G')).toEqual([
      ['Мегафон вообще не ловит на даче', 'start', null, 0],
      ['зато Теле2 внезапно выдаёт 4G', 'contrast', 'зато', 0],
    ]);
    expect(brief('Verizon has great coverage whereas T-Mobile drops every call')).toEqual([
      ['Verizon has great coverage', 'start', null, 0],
      ['whereas T-Mobile drops every call', 'contrast', 'whereas', 0],
    ]);
    expect(brief('Приватбанк знову не працює, зате monobank тягне').map((c) => c[2])).toEqual([null, 'зате']);
  });

  it('tells "хотя бы" (at least) and "а также" (and also) from the connectives', () => {
    expect(brief('Билайн хотя бы дешевле, а МТС опять поднял тарифы').map((c) => c[0])).toEqual(['Билайн хотя бы дешевле', 'а МТС опять поднял тарифы']);
    expect(brief('Магнит нормальный, хотя Пятёрочка ближе').map((c) => c[2])).toEqual([null, 'хотя']);
    expect(brief('Сбер, а также ВТБ подняли ставки').map((c) => c[1])).toEqual(['start', 'comma']);
  });

  it('cuts "а" only after a comma or at a sentence start, where it is a contrast rather than "and"', () => {
    expect(brief('Я а он нет')).toHaveLength(1);
    expect(splitClauses('Мегафон как всегда на высоте. А Теле2 хоть бы что').map((c) => [c.connective, c.sentence])).toEqual([
      [null, 0],
      ['а', 1],
    ]);
    expect(brief('У Альфы кэшбэк пришёл сразу, а у ВТБ до сих пор жду').map((c) => c[1])).toEqual(['start', 'contrast']);
  });

  it('marks sentences, questions, unlike-phrases, punctuation and plain commas', () => {
    const clauses = splitClauses('Что лучше, МТС или Билайн? Живу в Химках. В отличие от Сбера, в Альфе всё быстро; рекомендую — честно');
    expect(clauses.map((c) => [c.text, c.boundary, c.sentence, c.question])).toEqual([
      ['Что лучше', 'start', 0, true],
      ['МТС или Билайн?', 'comma', 0, true],
      ['Живу в Химках.', 'sentence', 1, false],
      ['В отличие от Сбера', 'unlike', 2, false],
      ['в Альфе всё быстро', 'comma', 2, false],
      ['рекомендую', 'punctuation', 2, false],
      ['честно', 'punctuation', 2, false],
    ]);
  });

  it('does not end a sentence at abbreviations, initials, decimals or dotted names', () => {
    expect(splitClauses('ФАС оштрафовала Билайн на 500 тыс. рублей, сообщает Яндекс.Маркет в 10:30').map((c) => c.sentence)).toEqual([0, 0]);
    expect(splitClauses('Ставка 7.5% у ВТБ. Круто').map((c) => c.text)).toEqual(['Ставка 7.5% у ВТБ.', 'Круто']);
  });

  it('keeps offsets into the input and where each clause body starts', () => {
    const text = 'Озон молодцы, однако  Вайлдберриз подвёл!!';
    for (const c of splitClauses(text)) expect(text.slice(c.start, c.end)).toBe(c.text);
    const [, second] = splitClauses(text);
    expect(text.slice(second!.bodyStart, second!.end)).toBe('Вайлдберриз подвёл!!');
  });

  it('counts a "?!" or "??" ending as a question and drops stretches without words', () => {
    expect(splitClauses('Почему МТС опять не работает?!').map((c) => c.question)).toEqual([true]);
    expect(splitClauses('since when?? ok. ... !!').map((c) => [c.text, c.question])).toEqual([
      ['since when??', true],
      ['ok.', false],
    ]);
    expect(splitClauses('')).toEqual([]);
  });
});
