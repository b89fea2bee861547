import { randomUUID } from 'node:crypto';
import { TOPICS } from '@pulse/contracts';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import type { KafkaConnection } from '../kafka/kafka-config.js';
import type { CommitProgress, DeadLetterLog, PartitionRange, ReplayMessage, StoredLetter } from './dead-letter-log.port.js';
import { DlqError } from './dlq.errors.js';

/**
 * pulse.mentions.dlq.v1 over kafkajs. A run's progress lives in a consumer group of its own
 * (committed offsets), so nothing but Kafka is needed to know what was replayed.
 */
export class KafkaDeadLetterLog implements DeadLetterLog {
  private readonly kafka: Kafka;
  private admin: Admin | undefined;
  private producer: Producer | undefined;

  constructor(
    connection: KafkaConnection,
    private readonly topic: string = TOPICS.deadLetter,
  ) {
    // An operator's command: fail within seconds when the cluster is unreachable, not after kafkajs's minute of retries.
    this.kafka = new Kafka({ ...connection.client, logLevel: logLevel.NOTHING, connectionTimeout: 5_000, retry: { retries: 3, initialRetryTime: 300 } });
  }

  async ranges(groupId: string | null): Promise<PartitionRange[]> {
    const admin = await this.connectedAdmin();
    if (!(await admin.listTopics()).includes(this.topic)) return [];
    const marks = await admin.fetchTopicOffsets(this.topic);
    const committed = new Map<number, string>();
    if (groupId !== null) {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [this.topic] });
      for (const p of offsets?.partitions ?? []) committed.set(p.partition, p.offset);
    }
    return marks
      .map((m) => {
        const resumed = committed.get(m.partition);
        const start = resumed !== undefined && BigInt(resumed) >= 0n ? BigInt(resumed) : BigInt(m.low);
        return { partition: m.partition, start: start > BigInt(m.high) ? BigInt(m.high) : start, end: BigInt(m.high) };
      })
      .sort((a, b) => a.partition - b.partition);
  }

  async read(ranges: readonly PartitionRange[], groupId: string | null, handle: (partition: number, letters: StoredLetter[], commit: CommitProgress) => Promise<void>): Promise<void> {
    const open = new Map(ranges.filter((r) => r.start < r.end).map((r) => [r.partition, r]));
    if (open.size === 0) return;
    // A listing reads as a throwaway group that commits nothing; it is deleted afterwards.
    const group = groupId ?? `pulse-dlq-list-${randomUUID()}`;
    const consumer = this.kafka.consumer({ groupId: group, allowAutoTopicCreation: false, maxWaitTimeInMs: 200 });
    let settle!: { resolve: () => void; reject: (error: unknown) => void };
    const finished = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    consumer.on(consumer.events.CRASH, (event) => {
      if (!event.payload.restart) settle.reject(event.payload.error);
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: this.topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          const range = open.get(batch.partition);
          if (!range || !isRunning() || isStale()) return;
          const letters = batch.messages
            .filter((m) => BigInt(m.offset) >= range.start && BigInt(m.offset) < range.end)
            .map((m) => ({ partition: batch.partition, offset: m.offset, value: m.value }));
          if (letters.length > 0) {
            const commit: CommitProgress = (next) => consumer.commitOffsets([{ topic: this.topic, partition: batch.partition, offset: next }]);
            await handle(batch.partition, letters, commit);
            resolveOffset(letters[letters.length - 1]!.offset);
          }
          await heartbeat();
          const last = batch.messages[batch.messages.length - 1];
          if (last && BigInt(last.offset) + 1n >= range.end) {
            open.delete(batch.partition);
            if (open.size === 0) settle.resolve();
          }
        },
      });
      await finished;
    } finally {
      await consumer.disconnect().catch(() => undefined);
      if (groupId === null) await this.admin?.deleteGroups([group]).catch(() => undefined);
    }
  }

  async publish(messages: readonly ReplayMessage[]): Promise<void> {
    if (!this.producer) {
      const producer = this.kafka.producer({ allowAutoTopicCreation: false });
      await connecting(() => producer.connect());
      this.producer = producer;
    }
    const byTopic = new Map<string, ReplayMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, ms]) => ({ topic, messages: ms.map((m) => ({ key: m.key, value: m.value, headers: m.headers })) })),
    });
  }

  async close(): Promise<void> {
    await this.producer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
  }

  private async connectedAdmin(): Promise<Admin> {
    if (this.admin) return this.admin;
    const admin = this.kafka.admin();
    await connecting(() => admin.connect());
    this.admin = admin;
    return admin;
  }
}

async function connecting(connect: () => Promise<void>): Promise<void> {
  try {
    await connect();
  } catch (error) {
    throw new DlqError('BROKER_UNAVAILABLE', `cannot reach the Kafka cluster: ${(error as Error).message}`, { cause: error });
  }
}
