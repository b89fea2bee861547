import { describe, expect, it } from 'vitest';
import { compileQuery } from '../matching/query.compiler.js';
import { cyrillicLookalike, foldHomoglyphs, foldHomoglyphsInText } from './homoglyph.folding.js';
import { tokenize } from './text.tokenizer.js';

describe('foldHomoglyphs', () => {
  it.each([
    ['Сбеp', 'Сбер'], // Latin p
    ['МTС', 'МТС'], // Latin T
    ['MTС', 'MTC'], // every letter has a look-alike: the majority script wins (Russian text still reads it as МТС)
    ['Билaйн', 'Билайн'], // Latin a
    ['Мeгафон', 'Мегафон'],
    ['Ozоn', 'Ozon'], // Cyrillic о in a Latin word
    ['BTБ', 'ВТБ'],
  ])('%s → %s', (word, folded) => {
    expect(foldHomoglyphs(word)).toBe(folded);
  });

  it('leaves single-script words and genuine mixtures alone', () => {
    expect(foldHomoglyphs('Билайн')).toBe('Билайн');
    expect(foldHomoglyphs('Beeline')).toBe('Beeline');
    expect(foldHomoglyphs('Ozonом')).toBe('Ozonом'); // a Latin name with a Russian ending
    expect(foldHomoglyphs('iPhoneж')).toBe('iPhoneж');
  });

  it('reads all-Latin look-alike words in Cyrillic on request', () => {
    expect(cyrillicLookalike('MTC')).toBe('МТС');
    expect(cyrillicLookalike('T2')).toBe('Т2');
    expect(cyrillicLookalike('Beeline')).toBeUndefined();
    expect(cyrillicLookalike('МТС')).toBeUndefined();
  });

  it('folds the words of a text and counts them', () => {
    expect(foldHomoglyphsInText('пpомокод на Сбеp, ok')).toEqual({ text: 'промокод на Сбер, ok', foldedWords: 2 });
  });

  it('tokens carry the folded word, offsets unchanged', () => {
    const [token] = tokenize('Сбеp');
    expect(token).toMatchObject({ text: 'сбер', start: 0, end: 4 });
  });
});

describe('matching sees through look-alike letters', () => {
  it.each([
    ['сбер', 'Сбеp опять повысил комиссию'],
    ['мтс', 'MTC в очередной раз порадовал'],
    ['мтс', 'верните деньги, MTС'],
    ['билайн', 'Билaйн дарит 100 ГБ'],
    ['т2', 'T2 опять шлёт спам'],
    ['ozon', 'Ozоn delivery'],
  ])('%s finds "%s"', (query, text) => {
    expect(compileQuery(query).matches({ text })).toBe(true);
  });

  it('reads an all-Latin look-alike word as Cyrillic only in Russian text', () => {
    expect(compileQuery('мтс').matches({ text: 'MTC is a company in Namibia' })).toBe(false);
    expect(compileQuery('мтс').matches({ text: 'у меня MTC' })).toBe(true);
  });
});
