import { describe, expect, it } from 'vitest';
import { stem } from './word.stemmer.js';

describe('stem', () => {
  it('picks the stemmer by script and normalizes first', () => {
    expect(stem('Билайна')).toBe('билайн');
    expect(stem('ПЯТЁРОЧКЕ')).toBe(stem('пятерочка'));
    expect(stem('Cards')).toBe('card');
    expect(stem('Beeline’s')).toBe(stem('beeline'));
  });

  it('leaves names with digits, joiners or mixed scripts unstemmed, minus a possessive', () => {
    expect(stem('5G')).toBe('5g');
    expect(stem('AT&T')).toBe('at&t');
    expect(stem('AT&T’s')).toBe('at&t');
    expect(stem('ivan_petrov')).toBe('ivan_petrov');
    expect(stem('iPhoneа')).toBe('iphoneа');
  });

  it('gives the same answer from the memo as from the stemmer', () => {
    const first = stem('провайдерами');
    expect(stem('провайдерами')).toBe(first);
    expect(first).toBe('провайдер');
  });
});
