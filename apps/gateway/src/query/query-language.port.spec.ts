import { describe, expect, it } from 'vitest';
import { defaultQueryValidator, prefixSearchCompiler } from './query-language.port.js';

describe('defaultQueryValidator', () => {
  it('accepts web-search syntax and reports unbalanced quotes and parentheses with a position', () => {
    expect(defaultQueryValidator('провайдер -сбой "нет интернета" OR (mts beeline)')).toEqual({ ok: true });
    expect(defaultQueryValidator('"open')).toEqual({ ok: false, error: { message: 'unclosed " opened at 0', position: 5, expected: ['"'] } });
    expect(defaultQueryValidator('a) b')).toMatchObject({ ok: false, error: { position: 1 } });
    expect(defaultQueryValidator('(a (b)')).toMatchObject({ ok: false, error: { position: 6, expected: [')'] } });
    expect(defaultQueryValidator('"a (" b')).toEqual({ ok: true });
  });
});

describe('prefixSearchCompiler', () => {
  it('matches word forms by prefix and honours exclusions and phrases', () => {
    const q = prefixSearchCompiler('провайдер -сбой');
    expect(q.matches('Провайдера опять нет')).toBe(true);
    expect(q.matches('провайдер и сбой сети')).toBe(false);
    expect(prefixSearchCompiler('"нет интернета"').matches('Нет интернету')).toBe(true);
  });
});
