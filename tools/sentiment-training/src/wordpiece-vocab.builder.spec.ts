import { describe, expect, it } from 'vitest';
import { SPECIAL_TOKENS, normalizeText, preTokenize } from './tokenizer-spec.js';
import { buildWordPieceVocab } from './wordpiece-vocab.builder.js';

const texts = ['Интернет не работает', 'интернета нет', 'Интернету конец', 'работает отлично!', 'Ёлки, работает', 'работает'];

describe('tokenizer normalization replica', () => {
  it('lowercases, keeps й, maps ё to е, drops links and masks handles', () => {
    expect(normalizeText('Ёжик Йошкар http://t.co/x @MTS_help')).toBe('ежик йошкар [URL] [USER]');
    expect(preTokenize('привет, мир!')).toEqual(['привет', ',', 'мир', '!']);
  });
});

describe('buildWordPieceVocab', () => {
  it('puts special tokens first, then every character, words and pieces', () => {
    const { vocab, stats } = buildWordPieceVocab(texts, { size: 200, minPieceCount: 2 });
    expect(vocab.slice(0, 4)).toEqual([...SPECIAL_TOKENS]);
    expect(new Set(vocab).size).toBe(vocab.length);
    expect(vocab).toContain('работает');
    expect(vocab).toContain('и');
    expect(vocab).toContain('##т');
    expect(vocab).toContain('интернет'); // a stem shared by 3 inflected forms
    expect(stats.chars).toBeGreaterThan(10);
  });

  it('respects the size budget and is deterministic', () => {
    const a = buildWordPieceVocab(texts, { size: 40, minWordCount: 1, minPieceCount: 1 });
    const b = buildWordPieceVocab(texts, { size: 40, minWordCount: 1, minPieceCount: 1 });
    expect(a.vocab.length).toBeLessThanOrEqual(40);
    expect(a.vocab).toEqual(b.vocab);
  });
});
