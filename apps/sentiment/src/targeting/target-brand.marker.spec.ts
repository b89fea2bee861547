import { describe, expect, it } from 'vitest';
import { markTargetBrand } from './target-brand.marker.js';

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

  it('returns the text untouched when nothing matches', () => {
    expect(markTargetBrand('нет брендов', ['МТС'], ['Билайн'])).toBe('нет брендов');
  });
});
