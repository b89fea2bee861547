import type { SentimentScores } from '@pulse/contracts';
import type { SentimentModel } from '@pulse/sentiment';
import { describe, expect, it } from 'vitest';
import type { SentiRuEvalRow } from './datasets/sentirueval.loader.js';
import { evaluateTargets, tweetMention } from './targets-eval.js';

/** Reads "лучше" as positive and everything else as neutral, whatever is marked. */
const model: SentimentModel = {
  ref: { id: 'stub', version: '0' },
  targeted: true,
  classify: async (texts) => texts.map((t): SentimentScores => (/лучше/u.test(t) ? { negative: 0.1, neutral: 0.2, positive: 0.7 } : { negative: 0.1, neutral: 0.8, positive: 0.1 })),
};

const row = (text: string, companies: Record<string, string>): SentiRuEvalRow => ({ id: text, text, companies: new Map(Object.entries(companies)) });

describe('evaluateTargets', () => {
  it('scores every labelled (tweet, company) pair three ways with the official pos/neg macro-F1', async () => {
    const rows = [row('МТС лучше Билайна, проверено', { mts: '1', beeline: '-1' }), row('Билайн лучше МТС', { beeline: '1', mts: '-1', megafon: '--' })];
    const report = await evaluateTargets(rows, model);
    expect(report.pairs).toBe(4);
    // Whole post: every pair positive, half wrong; the rules read the comparisons.
    expect(report.wholePost.accuracy).toBe(0.5);
    expect(report.targeted.accuracy).toBe(1);
    expect(report.targeted.macroF1PosNeg).toBe(1);
    expect(report.rules).toEqual({ 'comparison-winner': 2, 'comparison-loser': 2 });
  });

  it('makes every company with a column value a matched topic with the lexicon terms', () => {
    const m = tweetMention(row('Билайн лучше МТС', { beeline: '1', mts: '-1', unknownco: '0' }), 7);
    expect(m.topicIds).toEqual(['beeline', 'mts']);
    expect(m.matches[0]!.terms).toContain('Билайн');
  });
});
