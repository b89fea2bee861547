import { describe, expect, it } from 'vitest';
import { compileQuery } from './query.compiler.js';
import { isAcronym, markedEndingForms, nameBases, queryBases } from './name-forms.js';

const matches = (query: string, text: string): boolean => compileQuery(query).matches({ text });

/**
 * Every case form (nominative, genitive, dative, accusative, instrumental, prepositional;
 * plural where people use it) of each default topic's Russian brand names, written as posts
 * would. Indeclinable names (Теле2, Ozon in Latin, МТС, ВТБ) are in the acronym cases below.
 */
const CASE_FORMS: Readonly<Record<string, readonly string[]>> = {
  Ростелеком: ['Ростелеком', 'Ростелекома', 'Ростелекому', 'Ростелекомом', 'Ростелекоме', 'Ростелекомы', 'Ростелекомам', 'Ростелекомами', 'Ростелекомах'],
  Билайн: ['Билайн', 'Билайна', 'Билайну', 'Билайном', 'Билайне', 'Билайны'],
  МегаФон: ['МегаФон', 'МегаФона', 'МегаФону', 'МегаФоном', 'МегаФоне'],
  Сбер: ['Сбер', 'Сбера', 'Сберу', 'Сбером', 'Сбере'],
  Сбербанк: ['Сбербанк', 'Сбербанка', 'Сбербанку', 'Сбербанком', 'Сбербанке'],
  Тинькофф: ['Тинькофф', 'Тинькоффа', 'Тинькоффу', 'Тинькоффом', 'Тинькоффе'],
  Тинек: ['Тинек', 'Тинька', 'Тиньку', 'Тиньком', 'Тиньке', 'Тинёк'],
  'Т-Банк': ['Т-Банк', 'Т-Банка', 'Т-Банку', 'Т-Банком', 'Т-Банке'],
  'Альфа-Банк': ['Альфа-Банк', 'Альфа-Банка', 'Альфа-Банку', 'Альфа-Банком', 'Альфа-Банке'],
  Альфа: ['Альфа', 'Альфы', 'Альфе', 'Альфу', 'Альфой', 'Альфою'],
  Альфабанк: ['Альфабанк', 'Альфабанка', 'Альфабанку', 'Альфабанком', 'Альфабанке'],
  Вайлдберриз: ['Вайлдберриз', 'Вайлдберриза', 'Вайлдберризу', 'Вайлдберризом', 'Вайлдберризе'],
  Озон: ['Озон', 'Озона', 'Озону', 'Озоном', 'Озоне'],
  Магнит: ['Магнит', 'Магнита', 'Магниту', 'Магнитом', 'Магните', 'Магниты', 'Магнитах'],
  Пятёрочка: ['Пятёрочка', 'Пятёрочки', 'Пятёрочке', 'Пятёрочку', 'Пятёрочкой', 'Пятёрочкою', 'Пятерочки', 'Пятёрочках'],
  'Почта России': ['Почта России', 'Почты России', 'Почте России', 'Почту России', 'Почтой России'],
};

describe('names the dictionary does not know inflect', () => {
  for (const [name, forms] of Object.entries(CASE_FORMS)) {
    if (forms.length === 0) continue;
    it.each(forms)(`${name} finds "%s"`, (form) => {
      expect(matches(`"${name}"`, `Вчера писал про ${form} в чат поддержки`)).toBe(true);
      expect(matches(`"${name.toLowerCase()}"`, `${form.toLowerCase()} опять`)).toBe(true);
    });
  }

  it('the issue case: "Ростелекома техники пришли вовремя"', () => {
    expect(matches('ростелеком', 'Ростелекома техники пришли вовремя')).toBe(true);
  });

  it('an inflected query word finds the other forms too', () => {
    expect(matches('ростелекома', 'Ростелеком опять лежит')).toBe(true);
    expect(matches('билайном', 'у билайна новый тариф')).toBe(true);
  });

  it('Ukrainian case endings', () => {
    expect(matches('ростелеком', 'дякую Ростелекомові')).toBe(true);
    expect(matches('магнит', 'купила в Магниті')).toBe(true);
    expect(matches('пятерочка', "з П'ятерочкою")).toBe(false); // a different spelling, not a case form
  });

  it('keeps short words and surnames apart', () => {
    expect(matches('тинек', 'Олег Тиньков')).toBe(false);
    expect(matches('магнит', 'Магнитогорск')).toBe(false);
    expect(matches('магнит', 'магнитола')).toBe(false);
    expect(matches('озон', 'озоновый слой')).toBe(false);
    expect(matches('сбер', 'сбережения')).toBe(false);
    expect(matches('кот', 'котлета')).toBe(false);
  });

  it('stems still work for ordinary words', () => {
    expect(matches('провайдер', 'сменил провайдера')).toBe(true);
    expect(matches('дом', 'нет дома')).toBe(true);
  });
});

describe('Latin names with Russian endings', () => {
  it.each([
    ["На Ozon'е нашла чайник", 'ozon'],
    ['Wildberries’у пора исправиться', 'wildberries'],
    ['с Ozonом проблемы', 'ozon'],
    ["Verizon's network", 'verizon'],
  ])('%s → %s', (text, query) => {
    expect(matches(query, text)).toBe(true);
  });
});

describe('acronyms match whole tokens', () => {
  it.each([
    ['МТС', 'МТС опять лежит', true],
    ['МТС', 'мтс опять лежит', true],
    ['МТС', 'Что с МТСом?', true],
    ['МТС', 'в МТСе сказали', true],
    ['МТС', 'МТС-ка моя', true],
    ['МТС', 'спасибо мтсу', false], // lower-case "мтсу" is not read as a declined acronym
    ['МТС', 'В МГТС сказали', false],
    ['МТС', 'МТСБанк одобрил', false],
    ['МТС', 'мтсники', false],
    ['ВТБ', 'ВТБшная кредитка', false],
    ['ВТБ', 'вклад в втб', true],
    ['ВБ', 'вбить гвоздь', false],
    ['ВБ', 'заказ на вб', true],
    ['ATT', 'ATT customer service', true],
    ['ATT', 'pay attention', false],
    ['Т2', 'перешёл в Т2', true],
  ] as const)('%s in "%s" → %s', (query, text, expected) => {
    expect(matches(query, text)).toBe(expected);
  });

  it('knows an acronym by its lack of vowels or by capitals in the query', () => {
    expect(isAcronym('мтс')).toBe(true);
    expect(isAcronym('мгтс')).toBe(true);
    expect(isAcronym('т2')).toBe(true);
    expect(isAcronym('att', 'ATT')).toBe(true);
    expect(isAcronym('att', 'att')).toBe(false);
    expect(isAcronym('дом')).toBe(false);
    expect(isAcronym('билайн', 'БИЛАЙН')).toBe(false);
  });
});

describe('name forms', () => {
  it('strips unmarked case endings from Cyrillic words only, leaving bases of four letters or more', () => {
    expect(nameBases('билайном')).toEqual(['билайн']);
    expect(nameBases('сбера')).toEqual(['сбер']);
    expect(nameBases('мтса')).toEqual([]);
    expect(nameBases('ozona')).toEqual([]);
  });

  it('reads endings marked off by an apostrophe, a change of script or of case', () => {
    expect(markedEndingForms("Ozon'е", "ozon'е")).toEqual(['ozon']);
    expect(markedEndingForms('Ozonом', 'ozonом')).toEqual(['ozon']);
    expect(markedEndingForms('МТСом', 'мтсом')).toEqual(['мтс']);
    expect(markedEndingForms('мтсом', 'мтсом')).toEqual([]);
    expect(markedEndingForms("don't", "don't")).toEqual([]);
  });

  it('drops a final vowel and a fleeting vowel from query words', () => {
    expect(queryBases('пятерочка')).toEqual(['пятерочка', 'пятерочк']);
    expect(queryBases('тинек')).toEqual(['тинек', 'тинк', 'тиньк']);
    expect(queryBases('мтс')).toEqual([]);
  });
});
