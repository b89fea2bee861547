import type { SentimentScores } from '@pulse/contracts';
import { describe, expect, it } from 'vitest';
import type { SentimentModel } from '../../model/sentiment-model.port.js';
import { benchTargeting, markedPostPredictions, scoreSet } from './multi-brand-predictions.js';
import type { MultiBrandSample } from './multi-brand-set.js';

const seen: string[] = [];
const model: SentimentModel = {
  ref: { id: 'fake', version: '0' },
  targeted: true,
  classify: async (texts) => {
    seen.push(...texts);
    return texts.map((t): SentimentScores => (t.startsWith('[BRAND] лучше') ? { negative: 0, neutral: 0.2, positive: 0.8 } : { negative: 0.7, neutral: 0.2, positive: 0.1 }));
  },
};
const samples: MultiBrandSample[] = [
  {
    id: 'p',
    split: 'dev',
    language: 'ru',
    domain: 'telecom',
    construction: 'comparison',
    text: 'МТС лучше Билайна',
    brands: [
      { topicId: 'mts', terms: ['МТС'], label: 'positive' },
      { topicId: 'beeline', terms: ['Билайн'], label: 'negative' },
    ],
  },
];

describe('multi-brand predictions', () => {
  it('reads byTopic with its rules from the ScoringService, beside the whole-post baseline', async () => {
    const { targeted, wholePost } = await scoreSet(samples, model);
    expect(Object.fromEntries(targeted.get('p')!)).toEqual({ mts: { label: 'positive', rule: 'comparison-winner' }, beeline: { label: 'negative', rule: 'comparison-loser' } });
    expect(Object.fromEntries(wholePost.get('p')!)).toEqual({ mts: { label: 'negative', rule: 'whole-post' }, beeline: { label: 'negative', rule: 'whole-post' } });
  });

  it('keeps the marked-whole-post targeting as the "before" baseline', async () => {
    seen.length = 0;
    const marked = await markedPostPredictions(samples, model);
    expect(seen).toEqual(['[BRAND] лучше [OTHER]', '[OTHER] лучше [BRAND]']);
    expect(Object.fromEntries(marked.get('p')!)).toEqual({ mts: { label: 'positive', rule: 'marked-post' }, beeline: { label: 'negative', rule: 'marked-post' } });
  });

  it('times both targetings on the same posts', async () => {
    const { rounds, figures } = await benchTargeting(samples, model, 2, 10, 4);
    expect(rounds).toBe(2);
    expect(Object.keys(figures)).toEqual(['rules + clause reads', 'marked whole post per topic']);
    for (const f of Object.values(figures)) expect(f.best).toBeGreaterThanOrEqual(f.median);
  });
});
