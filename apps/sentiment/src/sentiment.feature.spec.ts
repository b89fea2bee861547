import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MemoryBus } from '@pulse/bus/memory';
import { TOPICS, mentionId, type DeadLetter, type RawMention, type ScoredMention } from '@pulse/contracts';
import { PulseMetrics, Readiness, createLogger } from '@pulse/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import type { SentimentConfig } from './config/sentiment.config.js';
import type { SentimentModel } from './model/sentiment-model.port.js';
import { SENTIMENT_GROUP_ID, SentimentFeature } from './sentiment.feature.js';

const logger = createLogger('test', 'silent');

/** Always neutral: these tests are about what reaches the model, not what it says. */
const neutralModel: SentimentModel = {
  ref: { id: 'fixed', version: '1' },
  classify: async (texts) => texts.map(() => ({ negative: 0.1, neutral: 0.8, positive: 0.1 })),
};

const config: SentimentConfig = { model: 'fixed', cacheDir: '/nonexistent', labelOverrides: {}, languageModels: {}, batchSize: 16, batchWaitMs: 5 };

function raw(sourceId: string, over: Partial<RawMention> = {}): RawMention {
  return {
    id: mentionId('webhook', sourceId),
    source: 'webhook',
    sourceId,
    url: null,
    text: `mention ${sourceId}`,
    language: 'en',
    author: { id: 'a', handle: 'a', name: 'A', url: null },
    publishedAt: '2026-11-20T10:00:00.000Z',
    collectedAt: '2026-11-20T10:00:00.000Z',
    topicIds: [],
    matches: [],
    direct: false,
    duplicateOf: null,
    spam: { score: 0, reasons: [] },
    ...over,
  };
}

async function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('SentimentFeature consumer edge of pulse.mentions.raw.v1', () => {
  let bus: MemoryBus | undefined;
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    await bus?.stop();
  });

  it('dead-letters a mention whose id is not derived from source + sourceId, or whose text is blank, and scores the rest', async () => {
    bus = new MemoryBus({ app: 'test', logger, metrics: new PulseMetrics(false), retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 1 } });
    const readiness = new Readiness();
    const feature = new SentimentFeature({ bus, config, logger, metrics: new PulseMetrics(false), readiness, model: neutralModel });
    const scored: ScoredMention[] = [];
    const dead: DeadLetter[] = [];
    await bus.subscribe({ topic: TOPICS.scoredMentions, groupId: 'gateway', handler: async (b) => void scored.push(...b.map((m) => m.value)) });
    await bus.subscribe({ topic: TOPICS.deadLetter, groupId: 'dlq', handler: async (b) => void dead.push(...b.map((m) => m.value)) });
    await bus.start();

    // Composed as a host composes it: the consumer subscribes from its lifecycle hook.
    @Module({ imports: [feature.nestModule()] })
    class AppModule {}
    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    close = () => app.close();
    feature.attach(app);
    expect(feature.modelRef).toEqual(neutralModel.ref);
    expect(await readiness.report()).toEqual({ ready: true, checks: { model: 'up' } });

    // A third-party producer reusing an existing mention's id for another post, and one storing NULs.
    await bus.publish(TOPICS.rawMentions, [
      raw('1'),
      raw('2', { id: mentionId('webhook', '1') }),
      raw('3', { text: '\u0000\u0000\u0000' }),
    ]);
    await until(() => scored.length === 1 && dead.length === 2);

    expect(scored.map((m) => m.sourceId)).toEqual(['1']);
    const byPath = new Map(dead.map((d) => [d.issues[0]?.path, d]));
    expect(byPath.get('id')).toMatchObject({
      reason: 'schema-violation',
      origin: { topic: TOPICS.rawMentions, consumerGroup: SENTIMENT_GROUP_ID },
      issues: [{ path: 'id', message: expect.stringContaining(`expected ${mentionId('webhook', '2')}`) }],
    });
    expect(byPath.get('text')).toMatchObject({ reason: 'schema-violation', error: expect.stringContaining('text is empty') });
  });
});
