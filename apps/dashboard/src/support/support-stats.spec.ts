import { describe, expect, it } from 'vitest';
import type { SupportStats } from '../api/api.types.js';
import { rowFor, supportFigures } from './support-stats.js';

const stats: SupportStats = {
  reactionTimes: [
    { topicId: null, inScope: 40, responded: 30, resolved: 20, firstResponseMedianSeconds: 240, firstResponseP90Seconds: 7500, resolutionMedianSeconds: 5400, resolutionP90Seconds: 90_000 },
    { topicId: 'mts', inScope: 0, responded: 0, resolved: 0, firstResponseMedianSeconds: null, firstResponseP90Seconds: null, resolutionMedianSeconds: null, resolutionP90Seconds: null },
  ],
  handlingEffect: [
    { topicId: null, authors: 12, beforeTotal: 40, beforeNegativeShare: 0.45, afterTotal: 20, afterNegativeShare: 0.2 },
    { topicId: 'mts', authors: 0, beforeTotal: 0, beforeNegativeShare: null, afterTotal: 0, afterNegativeShare: null },
  ],
  answerCoverage: [
    { topicId: null, requests: 50, matched: 31, share: 0.62 },
    { topicId: 'mts', requests: 0, matched: 0, share: null },
  ],
};

describe('rowFor', () => {
  it('takes the all-mentions row without a topic, the topic row with one', () => {
    expect(rowFor(stats.reactionTimes, '')?.inScope).toBe(40);
    expect(rowFor(stats.reactionTimes, 'mts')?.inScope).toBe(0);
    expect(rowFor(stats.reactionTimes, 'nope')).toBeUndefined();
  });
});

describe('supportFigures', () => {
  it('puts all mentions in words', () => {
    expect(supportFigures(stats, '')).toEqual({
      firstResponse: 'median 4 min · p90 2 h 5 min',
      resolution: 'median 1 h 30 min · p90 1 d 1 h',
      responded: '30 of 40 (75%)',
      coverage: '62% of 50 requests',
      negativeShift: '45% → 20% (12 authors)',
    });
  });

  it('says so when there is nothing to measure', () => {
    expect(supportFigures(stats, 'mts')).toEqual({
      firstResponse: '—',
      resolution: '—',
      responded: 'nothing needed an answer',
      coverage: 'no requests',
      negativeShift: 'no handled authors yet',
    });
  });
});
