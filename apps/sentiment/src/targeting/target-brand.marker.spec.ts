import { describe, expect, it } from 'vitest';
import { findBrandSpans, locatableTerms, markTargetBrand } from './target-brand.marker.js';

describe('markTargetBrand', () => {
  it('marks the target and the other brands, inflected forms included', () => {
    expect(markTargetBrand('МТС лучше, чем Билайн', ['МТС'], ['Билайн'])).toBe('[BRAND] лучше, чем [OTHER]');
    expect(markTargetBrand('МТС лучше, чем Билайн', ['Билайн'], ['МТС'])).toBe('[OTHER] лучше, чем [BRAND]');
    expect(markTargetBrand('Ушел от Билайна к Мегафону', ['Мегафон'], ['Билайн'])).toBe('Ушел от [OTHER] к [BRAND]');
    expect(markTargetBrand('В Пятёрочке очередь', ['Пятерочка'])).toBe('В [BRAND] очередь');
  });

  it('matches whole words only and takes brand handles and hashtags whole', () => {
    expect(markTargetBrand('мтсник', ['МТС'])).toBe('мтсник');
    expect(markTargetBrand('@mts_rus #МТС спасибо', ['mts', 'МТС'])).toBe('[BRAND] [BRAND] спасибо');
  });

  it('prefers the longest term and the target on overlaps', () => {
    expect(markTargetBrand('Альфа-Банк и Альфа', ['Альфа-Банк', 'Альфа'])).toBe('[BRAND] и [BRAND]');
    expect(markTargetBrand('Сбер', ['Сбер'], ['Сбер'])).toBe('[BRAND]');
  });

  it('declines the first word of a several-word Russian name ("Банк Москвы" → "Банка Москвы")', () => {
    expect(markTargetBrand('санкции против ВТБ, Банка Москвы и Россельхозбанка', ['Банк Москвы'], ['ВТБ', 'Россельхозбанк'])).toBe('санкции против [OTHER] , [BRAND] и [OTHER]');
    expect(markTargetBrand('вклад в Почте Банке', ['Почта Банк'])).toBe('вклад в [BRAND]');
  });

  it('returns the text untouched when nothing matches', () => {
    expect(markTargetBrand('нет брендов', ['МТС'], ['Билайн'])).toBe('нет брендов');
  });

  it('matches Russian forms that drop a fleeting vowel ("Перекрёсток" → "Перекрёстка")', () => {
    expect(markTargetBrand('ВкусВилл не дешевле Перекрёстка', ['Перекрёсток'], ['ВкусВилл'])).toBe('[OTHER] не дешевле [BRAND]');
    expect(markTargetBrand('Ларёк у дома', ['Ларек'])).toBe('[BRAND] у дома');
  });
});

describe('findBrandSpans', () => {
  it('returns each mention once with its brand, in text order', () => {
    const text = 'Альфа-Банк лучше, чем Сбер; в Альфе и Сбербанке очереди';
    expect(findBrandSpans(text, [['Альфа-Банк', 'Альфа'], ['Сбер', 'Сбербанк']]).map((s) => [text.slice(s.start, s.end), s.brand])).toEqual([
      ['Альфа-Банк', 0],
      ['Сбер', 1],
      ['Альфе', 0],
      ['Сбербанке', 1],
    ]);
  });
});

describe('locatableTerms', () => {
  it('turns matched query operands into words to look for', () => {
    expect(locatableTerms(['"МТС"', '*МТС*', 'сберовск*', 'chase NEAR/4 card', 'source:vk', '«Билайн»', ' '])).toEqual(['МТС', 'сберовск', 'chase', 'Билайн']);
  });
});
