import { randomUUID } from 'node:crypto';
import { TOPICS, mentionId, type RawMention } from '@pulse/contracts';
import { encodeMessage } from '@pulse/bus';
import { KafkaBus, kafkaConnectionFromEnv, kafkaEnvSchema } from '@pulse/bus/kafka';
import { PulseMetrics, createLogger } from '@pulse/runtime';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockKafka, type MockKafka } from './support/mock-kafka.js';
import { waitFor } from './support/ports.js';

function mention(sourceId: string): RawMention {
  return {
    id: mentionId('webhook', sourceId),
    source: 'webhook',
    sourceId,
    url: null,
    text: `mention ${sourceId}`,
    language: 'en',
    author: { id: 'a', handle: 'a', name: 'A', url: null },
    publishedAt: new Date().toISOString(),
    collectedAt: new Date().toISOString(),
    topicIds: [],
    matches: [],
    direct: false,
    duplicateOf: null,
    spam: { score: 0, reasons: [] },
  };
}

describe('KafkaBus over the Kafka protocol (librdkafka mock cluster)', () => {
  let kafka: MockKafka;
  let admin: ReturnType<Kafka['admin']>;

  beforeAll(async () => {
    kafka = await startMockKafka();
    admin = new Kafka({ clientId: 'offsets-reader', brokers: kafka.brokers.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.disconnect();
    await kafka?.stop();
  });

  const committed = async (groupId: string): Promise<number> => {
    const [topic] = await admin.fetchOffsets({ groupId, topics: [TOPICS.rawMentions] });
    return topic!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  };

  const newBus = (metrics = new PulseMetrics(false)): KafkaBus =>
    new KafkaBus({
      app: 'bus-test',
      connection: kafkaConnectionFromEnv(kafkaEnvSchema.parse({ KAFKA_BROKERS: kafka.brokers, KAFKA_CREATE_TOPICS: 'false' }), 'bus-test'),
      logger: createLogger('bus-test', process.env.BUS_TEST_LOG ?? 'silent'),
      metrics,
    });

  it('commits offsets only after the handler succeeded, and stop() waits for the in-flight batch', async () => {
    const groupId = `commit-test-${randomUUID()}`;
    const producerBus = newBus();
    await producerBus.start();
    const before = await committed(groupId);
    expect(before).toBe(0);

    const consumerMetrics = new PulseMetrics(false);
    const consumerBus = newBus(consumerMetrics);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const handled: string[] = [];
    let entered = false;
    await consumerBus.subscribe({
      topic: TOPICS.rawMentions,
      groupId,
      fromBeginning: false,
      handler: async (batch) => {
        entered = true;
        await gate;
        handled.push(...batch.map((m) => m.value.id));
      },
    });
    await consumerBus.start();
    // Let the group join before producing, so fromBeginning: false sees these messages.
    await new Promise((r) => setTimeout(r, 3000));
    const ids = Array.from({ length: 3 }, () => randomUUID());
    await producerBus.publish(TOPICS.rawMentions, ids.map(mention));

    await waitFor('handler to receive the batch', async () => entered, 30_000);
    expect(await committed(groupId)).toBe(0);

    let stopped = false;
    const stopping = consumerBus.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 500));
    expect(stopped).toBe(false);
    release();
    await stopping;
    await producerBus.stop();


    // The batch in flight at stop() finished and was committed; nothing else was.
    expect(handled.length).toBeGreaterThan(0);
    expect(await committed(groupId)).toBe(handled.length);
    // Each consumed message's publish-to-handler delay is observed (the bench splits latency by it).
    const delays = /pulse_consume_delay_seconds_count\{app="bus-test",topic="pulse\.mentions\.raw\.v1"\} (\d+)/u.exec(await consumerMetrics.render());
    expect(Number(delays?.[1])).toBeGreaterThanOrEqual(handled.length);

    // A new member of the group picks up exactly what was not committed.
    const restarted = newBus();
    const redelivered: string[] = [];
    await restarted.subscribe({ topic: TOPICS.rawMentions, groupId, handler: async (batch) => void redelivered.push(...batch.map((m) => m.value.id)) });
    await restarted.start();
    await waitFor('the uncommitted rest', async () => handled.length + redelivered.length >= ids.length, 30_000);
    await restarted.stop();
    expect([...handled, ...redelivered].sort()).toEqual(ids.map((id) => mentionId('webhook', id)).sort());
    expect(await committed(groupId)).toBe(ids.length);
  });

  it('reports caught up only after handling what the topic held when the consumer started (a table loaded)', async () => {
    const topic = TOPICS.apiKeys;
    const producerBus = newBus();
    await producerBus.start();
    const at = new Date().toISOString();
    const records = Array.from({ length: 40 }, (_, i) => ({ id: `k${i}-${randomUUID()}`, name: `k${i}`, role: 'ingest' as const, sha256: 'a'.repeat(64), revoked: false, createdAt: at, updatedAt: at }));
    await producerBus.publish(topic, records);

    const tableBus = newBus();
    const seen = new Set<string>();
    let seenAtCatchUp = -1;
    await tableBus.subscribe({
      topic,
      groupId: `table-${randomUUID()}`,
      fromBeginning: true,
      maxBatchSize: 7,
      handler: async (batch) => {
        // Slow on purpose: readiness must wait for the handler, not for the fetch.
        await new Promise((r) => setTimeout(r, 20));
        for (const m of batch) seen.add(m.value.id);
      },
      onCaughtUp: () => (seenAtCatchUp = seen.size),
    });
    await tableBus.start();
    await waitFor('the table to be loaded', async () => seenAtCatchUp >= 0, 30_000);
    await tableBus.stop();
    await producerBus.stop();
    // Everything published before the consumer started was handled first (other tests' records too).
    for (const r of records) expect(seen.has(r.id)).toBe(true);
    expect(seenAtCatchUp).toBeGreaterThanOrEqual(records.length);
  });

  it('an ephemeral group (one process, fresh id per start) handles everything and commits nothing', async () => {
    const producerBus = newBus();
    await producerBus.start();
    const ids = Array.from({ length: 5 }, () => randomUUID());
    await producerBus.publish(TOPICS.rawMentions, ids.map(mention));
    const groupId = `ephemeral-${randomUUID()}`;
    const relay = newBus();
    const handled = new Set<string>();
    await relay.subscribe({ topic: TOPICS.rawMentions, groupId, fromBeginning: true, ephemeral: true, handler: async (batch) => void batch.forEach((m) => handled.add(m.value.id)) });
    await relay.start();
    await waitFor('the relay to handle the batch', async () => ids.every((id) => handled.has(mentionId('webhook', id))), 30_000);
    await relay.stop();
    await producerBus.stop();
    expect(await committed(groupId)).toBe(0);
  });

  it('reads ahead while the handler works: small produce requests that arrive during a call are handed over together, in order, and committed', async () => {
    const groupId = `read-ahead-${randomUUID()}`;
    const consumerBus = newBus();
    const calls: { offsets: number[]; ids: string[] }[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await consumerBus.subscribe({
      topic: TOPICS.rawMentions,
      groupId,
      fromBeginning: false,
      handler: async (batch) => {
        calls.push({ offsets: batch.map((m) => Number(m.offset)), ids: batch.map((m) => m.value.id) });
        if (calls.length === 1) await gate;
      },
    });
    await consumerBus.start();
    await new Promise((r) => setTimeout(r, 3000));
    // A plain producer, one request per mention, all on one partition: the mock cluster returns one
    // produced batch per partition per fetch, so without read-ahead every request is a handler call.
    const producer = new Kafka({ brokers: kafka.brokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    const ids = Array.from({ length: 30 }, () => randomUUID());
    const send = async (sourceId: string): Promise<void> => {
      const encoded = encodeMessage(TOPICS.rawMentions, mention(sourceId), 'bus-test');
      await producer.send({ topic: TOPICS.rawMentions, messages: [{ ...encoded, partition: 0 }] });
    };
    await send(ids[0]!);
    await waitFor('the first call to start', async () => calls.length === 1, 30_000);
    for (const id of ids.slice(1)) await send(id);
    // Give the fetch loop time to read the 29 requests while the first call is held.
    await new Promise((r) => setTimeout(r, 1500));
    release();
    await waitFor('every mention handled', async () => calls.flatMap((c) => c.ids).length >= ids.length, 30_000);
    await producer.disconnect();
    await consumerBus.stop();

    expect(calls.flatMap((c) => c.ids)).toEqual(ids.map((id) => mentionId('webhook', id)));
    const offsets = calls.flatMap((c) => c.offsets);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    // 29 requests read while the first call ran: handed over in a few calls, not 29.
    expect(calls.length).toBeLessThanOrEqual(4);
    const [topic] = await admin.fetchOffsets({ groupId, topics: [TOPICS.rawMentions] });
    expect(Number(topic!.partitions.find((p) => p.partition === 0)!.offset)).toBe(offsets.at(-1)! + 1);
  });
});
