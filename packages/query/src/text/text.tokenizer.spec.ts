import { describe, expect, it } from 'vitest';
import { tokenize } from './text.tokenizer.js';

const words = (text: string): string[] => tokenize(text).map((token) => token.text);

describe('tokenize', () => {
  it('splits on whitespace and punctuation and normalizes case and ё', () => {
    expect(words('Ёлки, БИЛАЙН! Beeline.ru — лучший?')).toEqual(['елки', 'билайн', 'beeline', 'ru', 'лучший']);
  });

  it('drops # and @ but keeps handles whole, with their parts', () => {
    expect(tokenize('#билайн @beeline_support')).toEqual([
      { text: 'билайн', start: 1, end: 7 },
      { text: 'beeline_support', start: 9, end: 24, parts: ['beeline', 'support'] },
    ]);
  });

  it('keeps &, apostrophes and underscores inside words, but splits hyphens', () => {
    expect(words("AT&T don’t ivan_petrov интернет-провайдер")).toEqual(['at&t', "don't", 'ivan_petrov', 'интернет', 'провайдер']);
    expect(words('Procter & Gamble')).toEqual(['procter', 'gamble']);
  });

  it('ignores zero-width characters, soft hyphens and stress marks inside words', () => {
    expect(words('би\u200Bлайн про\u00ADвайдер за\u0301мок')).toEqual(['билайн', 'провайдер', 'замок']);
  });

  it('reports offsets into the original text', () => {
    const text = '😀 Билайн';
    const [token] = tokenize(text);
    expect(text.slice(token!.start, token!.end)).toBe('Билайн');
  });
});
