import { TOPICS } from '@pulse/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, idOf, mention, startGateway, type Harness } from '../testing/gateway-spec.fixtures.js';
import { gql, waitFor } from '../testing/gateway-test-kit.js';

const BY_TOPIC = `query($id: ID!) { mention(id: $id) { sentiment { byTopic { topicId label score rule explain { rule reason evidence } } } } }`;
type ByTopic = { mention: { sentiment: { byTopic: { topicId: string; label: string; score: number; rule: string | null; explain: { rule: string; reason: string; evidence: string | null } | null }[] } } | null };

describe('the rule behind each topic\'s tone over GraphQL', () => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startGateway();
    const text = 'Перешёл с Билайна на МТС. Интернет наконец нормальный';
    await gw.bus.publish(TOPICS.scoredMentions, [
      mention('switch', {
        text,
        topicIds: ['beeline', 'mts'],
        matches: [
          { topicId: 'beeline', terms: ['Билайн'] },
          { topicId: 'mts', terms: ['МТС'] },
        ],
        sentiment: {
          label: 'positive',
          score: 0.8,
          scores: { negative: 0.1, neutral: 0.1, positive: 0.8 },
          byTopic: [
            { topicId: 'beeline', label: 'negative', score: 0.12, explain: { rule: 'switch-from', reason: 'switched away from it to МТС', evidence: 'Перешёл с Билайна на МТС.' } },
            { topicId: 'mts', label: 'positive', score: 0.88, explain: { rule: 'switch-to', reason: 'switched to it from Билайна' } },
          ],
        },
      }),
      // Scored before per-topic rules: no explain.
      mention('older', { topicIds: ['beeline'], sentiment: { label: 'negative', score: 0.9, scores: { negative: 0.9, neutral: 0.05, positive: 0.05 }, byTopic: [{ topicId: 'beeline', label: 'negative', score: 0.9 }] } }),
    ]);
    await waitFor('mentions stored', async () => ((await gql<{ mentions: { totalCount: number } }>(gw.url, ADMIN_KEY, '{ mentions { totalCount } }')).data?.mentions.totalCount === 2 ? true : undefined));
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('serves the stored rule, reason and evidence per topic', async () => {
    const res = await gql<ByTopic>(gw.url, ADMIN_KEY, BY_TOPIC, { id: idOf('switch') });
    expect(res.errors).toBeUndefined();
    expect(res.data!.mention!.sentiment.byTopic).toEqual([
      { topicId: 'beeline', label: 'negative', score: 0.12, rule: 'switch-from', explain: { rule: 'switch-from', reason: 'switched away from it to МТС', evidence: 'Перешёл с Билайна на МТС.' } },
      { topicId: 'mts', label: 'positive', score: 0.88, rule: 'switch-to', explain: { rule: 'switch-to', reason: 'switched to it from Билайна', evidence: null } },
    ]);
  });

  it('answers null for mentions scored before per-topic rules', async () => {
    const res = await gql<ByTopic>(gw.url, ADMIN_KEY, BY_TOPIC, { id: idOf('older') });
    expect(res.data!.mention!.sentiment.byTopic).toEqual([{ topicId: 'beeline', label: 'negative', score: 0.9, rule: null, explain: null }]);
  });
});
