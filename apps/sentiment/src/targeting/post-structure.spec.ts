import { describe, expect, it } from 'vitest';
import { analysePost, skeleton, type PostStructure } from './post-structure.js';

const MTS = ['МТС', 'MTS'];
const BEELINE = ['Билайн'];
const MEGAFON = ['Мегафон'];
const TELE2 = ['Теле2'];

const segmentTexts = (post: PostStructure): string[] => post.segments.map((s) => post.text.slice(s.start, s.end));
const scopeTexts = (post: PostStructure, brand: number): string[] => post.scopes[brand]!.map((i) => post.text.slice(post.segments[i]!.start, post.segments[i]!.end));

describe('analysePost', () => {
  it('needs two brands in the text', () => {
    expect(analysePost('МТС опять без связи', [MTS, BEELINE])).toBeUndefined();
    expect(analysePost('Нет ни одного бренда', [MTS, BEELINE])).toBeUndefined();
  });

  it('gives each brand of "у X …, а у Y …" its own clause and records the contrast', () => {
    const post = analysePost('У МТС интернет летает, а у Билайна опять всё висит', [MTS, BEELINE])!;
    expect(segmentTexts(post)).toEqual(['У МТС интернет летает', 'а у Билайна опять всё висит']);
    expect(scopeTexts(post, 1)).toEqual(['а у Билайна опять всё висит']);
    expect(post.contrasts[1]).toEqual({ partners: [0], connective: 'а', elliptical: false });
    expect(post.contrasts[0]).toEqual({ partners: [1], connective: 'а', elliptical: false });
  });

  it('sets two brands\' clauses side by side against each other, unless a word says they are alike', () => {
    const apart = analysePost('МТС ловит в подвале, Билайн вообще ничего', [MTS, BEELINE])!;
    expect(apart.contrasts[0]).toEqual({ partners: [1], connective: '', elliptical: false });
    expect(apart.contrasts[1]).toEqual({ partners: [0], connective: '', elliptical: false });
    const alike = analysePost('МТС подорожал на сотню. Билайн тоже', [MTS, BEELINE])!;
    expect(alike.contrasts.map((c) => c.partners)).toEqual([[], []]);
  });

  it('keeps a list of names one clause, and names joined by "и" one statement', () => {
    const banks = [['Сбербанк'], ['ВТБ'], ['Газпромбанк']];
    const list = analysePost('США ввели санкции против Сбербанка, ВТБ и Газпромбанка', banks)!;
    expect(segmentTexts(list)).toEqual(['США ввели санкции против Сбербанка, ВТБ и Газпромбанка']);
    expect(list.contrasts.map((c) => c.partners)).toEqual([[], [], []]);
    const pair = analysePost('RT @news: Попали ли под санкции Сбербанк и ВТБ, станет известно 30 июля http://t.co/x', banks)!;
    expect(pair.segments.filter((g) => g.brands.length > 0).map((g) => g.brands)).toEqual([[0, 1]]);
  });

  it('marks an elliptical contrast ("а у Теле2 нет", "а у Йоты как всегда")', () => {
    expect(analysePost('У Мегафона связь есть даже в электричке, а у Теле2 нет', [MEGAFON, TELE2])!.contrasts[1]!.elliptical).toBe(true);
    expect(analysePost('у Мегафона всё работает, а у Теле2 как всегда', [MEGAFON, TELE2])!.contrasts[1]!.elliptical).toBe(true);
    expect(analysePost('У Мегафона связь есть, а у Теле2 связи нет вообще нигде', [MEGAFON, TELE2])!.contrasts[1]!.elliptical).toBe(false);
  });

  it('keeps a brand list with its statement and joins brandless clauses to the brand before', () => {
    const list = analysePost('Мегафон, МТС, Билайн — все одинаково ужасны в нашем посёлке', [MEGAFON, MTS, BEELINE])!;
    expect(segmentTexts(list)).toEqual(['Мегафон, МТС, Билайн — все одинаково ужасны в нашем посёлке']);
    const carried = analysePost('Тинькофф одобрил за минуту. Поддержка супер! А Сбер неделю думал', [['Тинькофф'], ['Сбер']])!;
    expect(scopeTexts(carried, 0)).toEqual(['Тинькофф одобрил за минуту.', 'Поддержка супер!']);
    expect(scopeTexts(carried, 1)).toEqual(['А Сбер неделю думал']);
  });

  it('splits comma-separated statements about different brands but not a vocative', () => {
    expect(segmentTexts(analysePost('Из всех банков Альфа самый адекватный, Сбер и ВТБ рядом не стояли', [['Альфа'], ['Сбер'], ['ВТБ']])!)).toEqual([
      'Из всех банков Альфа самый адекватный',
      'Сбер и ВТБ рядом не стояли',
    ]);
    expect(segmentTexts(analysePost('Спасибо, Билайн, за интернет уровня 2005 года. На МТС всё летает', [BEELINE, MTS])!)).toEqual([
      'Спасибо, Билайн, за интернет уровня 2005 года.',
      'На МТС всё летает',
    ]);
  });

  it('treats a brand list before a colon as a header that speaks for nobody', () => {
    const post = analysePost('ozon vs wb: на озоне дороже, зато возвраты без проблем', [['Ozon', 'Озон'], ['WB']])!;
    expect(post.segments[0]!.header).toBe(true);
    expect(scopeTexts(post, 0)).toEqual(['на озоне дороже', 'зато возвраты без проблем']);
    expect(post.scopes[1]).toEqual([]);
  });

  it('splits "X … and Y …" when both sides say something, not "X and Y …"', () => {
    expect(segmentTexts(analysePost('Why is AT&T so bad and Verizon somehow fine in the same building??', [['AT&T'], ['Verizon']])!)).toEqual([
      'Why is AT&T so bad',
      'and Verizon somehow fine in the same building??',
    ]);
    expect(analysePost('МТС и Билайн опять подняли цены', [MTS, BEELINE])!.segments).toHaveLength(1);
    expect(analysePost('Shoutout to Chase and Amex for refunding the fraud charges', [['Chase'], ['Amex']])!.segments).toHaveLength(1);
  });

  it('keeps "в отличие от X" apart from its main clause', () => {
    const post = analysePost('В отличие от Сбера, в Альфе карту перевыпустили за два дня', [['Сбер'], ['Альфа']])!;
    expect(post.unlike).toEqual([[1], []]);
  });

  it('reads the second person as the brand a post opens by addressing', () => {
    const post = analysePost('@beeline_rus вы серьёзно? даже #мтс в подвале ловит лучше вас', [['beeline'], MTS])!;
    expect(post.spans.map((s) => [post.text.slice(s.start, s.end), s.brand])).toEqual([
      ['@beeline_rus', 0],
      ['вы', 0],
      ['#мтс', 1],
      ['вас', 0],
    ]);
    expect(skeleton(post, 1)).toBe('даже ⟪2⟫ в подвале ловит лучше ⟪3⟫');
    // Not addressed: "you" is anyone.
    expect(analysePost('Verizon told me you need a new SIM, T-Mobile did not', [['Verizon'], ['T-Mobile']])!.spans).toHaveLength(2);
  });
});
