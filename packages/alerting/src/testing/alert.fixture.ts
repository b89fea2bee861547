import type { LeakAlert, RuleAlert, SpikeAlert } from '../alerts/alert.schema.js';

export const spikeAlert: SpikeAlert = {
  kind: 'spike',
  id: 'spike:AAAAAAAAAAAAAAAAAAAAAA',
  topicId: 'beeline',
  metric: 'negative',
  severity: 'critical',
  count: 120,
  baseline: 2.1,
  baselineStdDev: 0.8,
  zScore: 92.4,
  bucketStart: '2026-03-01T02:00:00.000Z',
  bucketEnd: '2026-03-01T02:05:00.000Z',
  raisedAt: '2026-03-01T02:07:00.000Z',
  sampleMentionIds: ['vk:1', 'telegram:2'],
  escalatedFrom: null,
  suppressedBefore: 0,
};

export const leakAlert: LeakAlert = {
  kind: 'leak',
  id: 'leak:BBBBBBBBBBBBBBBBBBBBBB',
  severity: 'high',
  mentionId: 'telegram:3',
  source: 'telegram',
  handle: 'insider',
  url: 'https://t.me/c/1/2?a=1&b=<2>',
  topicIds: ['beeline'],
  matchedTerms: ['ORION-7'],
  watchedAccount: false,
  excerpt: 'Слили спеку ORION-7 <b>до</b> релиза & всё такое',
  publishedAt: '2026-03-01T02:00:00.000Z',
  raisedAt: '2026-03-01T02:00:05.000Z',
};

export const ruleAlert: RuleAlert = {
  kind: 'rule',
  id: 'rule:fixture',
  severity: 'high',
  ruleId: 'r1',
  ruleName: 'Urgent complaints',
  mentionId: 'vk:42',
  source: 'vk',
  handle: 'ivan',
  url: 'https://vk.com/wall1_42',
  topicIds: ['mts'],
  intent: 'complaint',
  sentiment: 'negative',
  excerpt: 'МТС, третий день нет интернета',
  publishedAt: '2026-03-02T10:00:00.000Z',
  raisedAt: '2026-03-02T10:00:05.000Z',
};
