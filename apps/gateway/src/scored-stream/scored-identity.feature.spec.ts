import { TOPICS, mentionId, mentionIdProblem, type DeadLetter, type ScoredMention } from '@pulse/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idOf, mention } from '../testing/gateway-spec.fixtures.js';
import { TEST_ADMIN_KEY as ADMIN_KEY, gql, startTestGateway, waitFor, type TestGateway } from '../testing/gateway-test-kit.js';
import { GATEWAY_GROUP_ID } from './scored-mention.consumer.js';

const BY_ID = `query($id: ID!) { mention(id: $id) { id sourceId text } }`;
type ById = { mention: { id: string; sourceId: string; text: string } | null };
const TOTAL = '{ mentions(filter: { includeSpam: true, includeDuplicates: true }) { totalCount } }';

/**
 * Identity is derived, not trusted, on the scored topic too: a producer writing to
 * pulse.mentions.scored.v1 directly (not through the sentiment stage) cannot choose ids.
 */
describe('scored mentions whose id is not derived from source + sourceId', () => {
  let gateway: TestGateway;
  const dead: DeadLetter[] = [];
  const announced: ScoredMention[] = [];
  const byId = async (id: string) => (await gql<ById>(gateway.url, ADMIN_KEY, BY_ID, { id })).data?.mention ?? null;
  const total = async () => (await gql<{ mentions: { totalCount: number } }>(gateway.url, ADMIN_KEY, TOTAL)).data?.mentions.totalCount;

  beforeAll(async () => {
    gateway = await startTestGateway({
      beforeStart: async (bus) => {
        await bus.subscribe({ topic: TOPICS.deadLetter, groupId: 'test-dlq', handler: async (batch) => void dead.push(...batch.map((m) => m.value)) });
        await bus.subscribe({ topic: TOPICS.storedMentions, groupId: 'test-stored', handler: async (batch) => void announced.push(...batch.map((m) => m.value)) });
      },
    });
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  it('are dead-lettered as schema violations and store nothing, while a good one in the same batch is stored', async () => {
    const victim = mention('victim', { text: 'the original post' });
    await gateway.bus.publish(TOPICS.scoredMentions, [victim]);
    await waitFor('victim stored', async () => ((await byId(victim.id)) ? true : undefined));

    // Another post under the victim's id (an overwrite), and a chosen readable id (a second copy of a post).
    const overwrite = mention('intruder', { id: victim.id, text: 'overwritten by a foreign producer' });
    const planted = mention('planted', { id: 'm1', text: 'stored under a chosen id' });
    const good = mention('good', { text: 'a correct producer in the same batch' });
    await gateway.bus.publish(TOPICS.scoredMentions, [overwrite, planted, good]);

    await waitFor('two dead letters', () => (dead.length >= 2 ? true : undefined));
    await waitFor('good stored', async () => ((await byId(good.id)) ? true : undefined));
    const expected = (m: ScoredMention) => ({
      reason: 'schema-violation',
      issues: [{ path: 'id', message: mentionIdProblem(m)! }],
      origin: expect.objectContaining({ topic: TOPICS.scoredMentions, consumerGroup: GATEWAY_GROUP_ID, key: m.id }),
    });
    expect(dead).toEqual([expect.objectContaining(expected(overwrite)), expect.objectContaining(expected(planted))]);
    expect(dead[0]!.error).toContain(`expected ${mentionId('vk', 's-intruder')}`);

    expect(await byId(victim.id)).toEqual({ id: victim.id, sourceId: 's-victim', text: 'the original post' });
    expect(await byId('m1')).toBeNull();
    // Nor under the ids they would have had: nothing of theirs reached the store.
    expect(await byId(idOf('intruder'))).toBeNull();
    expect(await byId(idOf('planted'))).toBeNull();
    expect(await total()).toBe(2);
    // Only stored mentions are announced to the relays (live feed, alert detectors).
    expect(announced.map((m) => m.sourceId)).toEqual(['s-victim', 's-good']);
  });
});
