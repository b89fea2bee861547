import { HEADERS, TOPICS, type RawMention, type ScoredMention } from '@pulse/contracts';
import type { Bus, BusMessage, SubscribeOptions } from '@pulse/bus';
import { describe, expect, it } from 'vitest';
import type { SentimentConfig } from '../config/sentiment.config.js';
import type { ScoringService } from '../scoring/scoring.service.js';
import { RawMentionConsumer, SENTIMENT_GROUP_ID } from './raw-mention.consumer.js';

describe('RawMentionConsumer', () => {
  it('subscribes two partitions at a time with coalescing, and publishes each batch scored with its traces', async () => {
    let options: SubscribeOptions<typeof TOPICS.rawMentions> | undefined;
    const published: { topic: string; payloads: unknown[]; traceparent: unknown }[] = [];
    const bus = {
      subscribe: async (o: SubscribeOptions<typeof TOPICS.rawMentions>) => {
        options = o;
      },
      publish: async (topic: string, payloads: unknown[], o: { traceparent?: unknown }) => {
        published.push({ topic, payloads, traceparent: o.traceparent });
      },
    } as unknown as Bus;
    const scoring = { score: async (mentions: RawMention[]) => mentions.map((m) => ({ id: m.id }) as ScoredMention) } as unknown as ScoringService;
    const config = { batchSize: 128, batchWaitMs: 7 } as SentimentConfig;
    await new RawMentionConsumer(bus, scoring, config).onApplicationBootstrap();

    expect(options).toMatchObject({ topic: TOPICS.rawMentions, groupId: SENTIMENT_GROUP_ID, maxBatchSize: 128, maxWaitMs: 7, concurrency: 2, coalesce: true });
    const batch = ['a', 'b'].map((id) => ({ value: { id } as RawMention, headers: { [HEADERS.traceparent]: `00-${id}` } }) as unknown as BusMessage<typeof TOPICS.rawMentions>);
    await options?.handler(batch);
    expect(published).toEqual([{ topic: TOPICS.scoredMentions, payloads: [{ id: 'a' }, { id: 'b' }], traceparent: ['00-a', '00-b'] }]);
  });
});
