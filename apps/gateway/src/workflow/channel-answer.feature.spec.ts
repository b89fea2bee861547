import { TOPICS } from '@pulse/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_KEY as ADMIN_KEY, gql, startTestGateway, waitFor, type TestGateway } from '../testing/gateway-test-kit.js';
import { MIN, T0, idOf, mention } from './testing/workflow-spec.fixtures.js';

const FIELDS = 'id workflow { status firstResponseAt } history { kind actor message }';

describe('answers given in the channel count as responses', () => {
  let gateway: TestGateway;
  let now = T0 + 60 * MIN;

  beforeAll(async () => {
    gateway = await startTestGateway({ clock: () => now });
    const topic = await gql(gateway.url, ADMIN_KEY, `mutation { createTopic(input: { name: "МТС", keywords: ["МТС"], ownAccounts: [{ source: vk, handle: "MTS_Support" }] }) { id } }`);
    expect(topic.errors).toBeUndefined();
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  it('the brand account replying under a stored complaint takes it up at the reply time; the answer itself is set aside', async () => {
    const complaint = mention('c1', { text: 'МТС, третий день нет интернета', label: 'negative', intent: 'complaint', replyNeeded: true, at: T0 });
    const answer = {
      ...mention('a1', { text: 'Здравствуйте! Проверили, исправили.', label: 'neutral', intent: 'other', author: 'mts_support', at: T0 + 12 * MIN, topicIds: [] }),
      parentId: complaint.id,
    };
    const stranger = { ...mention('x1', { text: 'У меня тоже нет', label: 'negative', author: 'someone', at: T0 + 13 * MIN }), parentId: complaint.id };
    await gateway.bus.publish(TOPICS.scoredMentions, [complaint]);
    await waitFor('complaint stored', async () => (await gql<{ mention: unknown }>(gateway.url, ADMIN_KEY, `{ mention(id: "${idOf('c1')}") { id } }`)).data?.mention ?? undefined);
    await gateway.bus.publish(TOPICS.scoredMentions, [answer, stranger]);

    const res = await waitFor('the answer recorded', async () => {
      const r = await gql<{ c: { workflow: { status: string; firstResponseAt: string | null }; history: { kind: string; actor: string; message: string }[] }; a: { workflow: { status: string } } }>(
        gateway.url,
        ADMIN_KEY,
        `{ c: mention(id: "${idOf('c1')}") { ${FIELDS} } a: mention(id: "${idOf('a1')}") { ${FIELDS} } }`,
      );
      return r.data?.c.workflow.firstResponseAt ? r.data : undefined;
    });
    expect(res.c.workflow).toEqual({ status: 'in_progress', firstResponseAt: new Date(T0 + 12 * MIN).toISOString() });
    expect(res.c.history.map((h) => [h.kind, h.actor])).toEqual([
      ['status', 'channel:vk/mts_support'],
      ['reply', 'channel:vk/mts_support'],
    ]);
    expect(res.c.history[1]!.message).toBe('replied on vk as mts_support: https://vk.com/wall-1_a1');
    expect(res.a.workflow.status).toBe('ignored');

    // Counted in the support figures: first response 12 minutes after the complaint was collected (1 s after it was published).
    const stats = await gql<{ reactionTimes: { responded: number; firstResponseMedianSeconds: number }[] }>(
      gateway.url,
      ADMIN_KEY,
      `{ reactionTimes(topicIds: ["mts"], from: "${new Date(T0 - 60 * MIN).toISOString()}", to: "${new Date(T0 + 60 * MIN).toISOString()}") { responded firstResponseMedianSeconds } }`,
    );
    expect(stats.data!.reactionTimes[0]).toMatchObject({ responded: 1, firstResponseMedianSeconds: 12 * 60 - 1 });

    // A redelivered batch records nothing twice.
    await gateway.bus.publish(TOPICS.scoredMentions, [answer]);
    now += MIN;
    await new Promise((r) => setTimeout(r, 300));
    const again = await gql<{ mention: { history: unknown[] } }>(gateway.url, ADMIN_KEY, `{ mention(id: "${idOf('c1')}") { ${FIELDS} } }`);
    expect(again.data!.mention.history).toHaveLength(2);
  });
});
