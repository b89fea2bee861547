import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MemoryBus } from '@pulse/bus/memory';
import { TOPICS, mentionId, type RawMention, type ScoredMention } from '@pulse/contracts';
import { PulseMetrics, Readiness, createLogger } from '@pulse/runtime';
import { OpsModule } from '@pulse/runtime/nest';
import { describe, expect, it } from 'vitest';
import type { SentimentConfig } from './config/sentiment.config.js';
import type { SentimentModel } from './model/sentiment-model.port.js';
import { SentimentFeature } from './sentiment.feature.js';

const logger = createLogger('test', 'silent');
const config: SentimentConfig = { model: 'slow', cacheDir: '/nonexistent', labelOverrides: {}, languageModels: {}, batchSize: 16, batchWaitMs: 0 };

const raw = (sourceId: string): RawMention => ({
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
});

describe('SentimentModule lifecycle', () => {
  it('finishes the batch in flight (scored, published) before the host closes the app', async () => {
    const metrics = new PulseMetrics(false);
    const bus = new MemoryBus({ app: 'test', logger, metrics });
    let entered = false;
    // A model that takes its time, so the batch is still being scored when shutdown begins.
    const slow: SentimentModel = {
      ref: { id: 'slow', version: '1' },
      classify: async (texts) => {
        entered = true;
        await new Promise((r) => setTimeout(r, 300));
        return texts.map(() => ({ negative: 0.1, neutral: 0.8, positive: 0.1 }));
      },
    };
    const readiness = new Readiness();
    const feature = new SentimentFeature({ bus, config, logger, metrics, readiness, model: slow });
    const scored: ScoredMention[] = [];
    await bus.subscribe({ topic: TOPICS.scoredMentions, groupId: 'gateway', handler: async (b) => void scored.push(...b.map((m) => m.value)) });

    @Module({ imports: [OpsModule.forRoot(readiness, metrics, { beforeShutdown: () => bus.stop() }), feature.nestModule()] })
    class AppModule {}

    await bus.start();
    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    await bus.publish(TOPICS.rawMentions, [raw('1'), raw('2')]);
    for (let i = 0; i < 200 && !entered; i++) await new Promise((r) => setTimeout(r, 5));
    expect(entered).toBe(true);

    await app.close();
    expect(scored.map((m) => m.sourceId).sort()).toEqual(['1', '2']);
  });
});
