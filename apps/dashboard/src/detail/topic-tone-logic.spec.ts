import { describe, expect, it } from 'vitest';
import { topicToneEvidence, topicToneLine } from './topic-tone-logic.js';

describe('topicToneLine', () => {
  it('names the tone, the topic, the reason and the rule that decided it', () => {
    const explain = { rule: 'switch-from', reason: 'switched away from it to МТС', evidence: 'Перешёл с Билайна на МТС.' };
    expect(topicToneLine('negative', 'Билайн', explain)).toBe('Negative toward Билайн: switched away from it to МТС (rule switch-from)');
  });

  it('says the tone alone for mentions scored before per-topic rules', () => {
    expect(topicToneLine('positive', 'МТС', null)).toBe('Positive toward МТС');
  });
});

describe('topicToneEvidence', () => {
  it('quotes the part read for the topic, not the whole post again', () => {
    const text = 'Перешёл с Билайна на МТС. Интернет наконец нормальный';
    expect(topicToneEvidence({ rule: 'switch-from', reason: '…', evidence: 'Перешёл с Билайна на МТС.' }, text)).toBe('“Перешёл с Билайна на МТС.”');
    expect(topicToneEvidence({ rule: 'own-clause', reason: '…', evidence: text }, text)).toBeNull();
    expect(topicToneEvidence({ rule: 'switch-from', reason: '…', evidence: null }, text)).toBeNull();
    expect(topicToneEvidence(null, text)).toBeNull();
  });
});
