import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MemoryBus } from '@pulse/bus/memory';
import { TOPICS, type RawMention } from '@pulse/contracts';
import { PulseMetrics, Readiness, createLogger } from '@pulse/runtime';
import { OpsModule } from '@pulse/runtime/nest';
import { describe, expect, it } from 'vitest';
import { CollectorFeature } from './collector.feature.js';
import { collectorSettings, collectorSettingsSchema } from './config/collector.config.js';
import { sha256Hex } from './keys/key-registry.service.js';

const at = '2026-11-01T00:00:00.000Z';

async function until(what: string, probe: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('CollectorModule lifecycle', () => {
  it('reads its tables and starts the demo once bootstrapped, and stops the demo before the bus drains', async () => {
    const logger = createLogger('test', 'silent');
    const metrics = new PulseMetrics(false);
    const readiness = new Readiness();
    const bus = new MemoryBus({ app: 'test', logger, metrics });
    // Records whether anything still published once the host began draining the bus.
    let draining = false;
    let publishedWhileDraining = 0;
    const publish = bus.publish.bind(bus);
    bus.publish = async (topic, payloads, options) => {
      if (draining) publishedWhileDraining++;
      return publish(topic, payloads, options);
    };
    await bus.publish(TOPICS.apiKeys, [{ id: 'k1', name: 'spec', role: 'ingest', sha256: sha256Hex('spec-key'), revoked: false, createdAt: at, updatedAt: at }]);
    await bus.publish(TOPICS.trackedTopics, [{ id: 'mts', name: 'МТС', keywords: ['МТС'], query: null, ownAccounts: [], status: 'active', createdAt: at, updatedAt: at }]);
    const raw: RawMention[] = [];
    await bus.subscribe({ topic: TOPICS.rawMentions, groupId: 'spec', handler: async (batch) => void raw.push(...batch.map((m) => m.value)) });
    const config = collectorSettings(collectorSettingsSchema.parse({ PULSE_DEMO: 'on', PULSE_DEMO_RATE: '50', PULSE_DATA_DIR: '/tmp/pulse-collector-module-spec' }));
    const collector = new CollectorFeature({ bus, config, logger, metrics, readiness });

    const drain = async (): Promise<void> => {
      draining = true;
      await bus.stop();
    };

    @Module({ imports: [OpsModule.forRoot(readiness, metrics, { beforeShutdown: drain }), collector.nestModule()] })
    class AppModule {}

    await bus.start();
    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    collector.attach(app);
    await until('the key table', () => collector.keys.roleOf('spec-key') !== null);
    await until('the topic table', () => collector.topics.active().length === 1);
    await until('demo mentions on the raw topic', () => raw.length >= 5);
    // The demo's world posts from the sources it imitates (VK, Telegram, X, Reddit, RSS).
    expect(['vk', 'telegram', 'twitter', 'reddit', 'rss']).toContain(raw[0]!.source);

    await app.close();
    const published = raw.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(raw.length).toBe(published);
    // The demo stopped (its batch in flight published) before the bus began to drain.
    expect(draining).toBe(true);
    expect(publishedWhileDraining).toBe(0);
  });
});
