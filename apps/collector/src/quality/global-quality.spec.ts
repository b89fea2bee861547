import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MemoryBus } from '@pulse/bus/memory';
import { TOPICS, mentionId, type RawMention, type TrackedTopic } from '@pulse/contracts';
import { PulseMetrics, Readiness, createLogger } from '@pulse/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { CollectorFeature } from '../collector.feature.js';
import { collectorSettings, collectorSettingsSchema } from '../config/collector.config.js';

const logger = createLogger('test', 'silent');
const at = '2026-11-01T00:00:00.000Z';
const topic: TrackedTopic = {
  id: 'mts',
  name: 'МТС',
  keywords: ['МТС'],
  query: null,
  ownAccounts: [{ source: 'vk', handle: 'mts_official' }],
  status: 'active',
  createdAt: at,
  updatedAt: at,
};

interface Post {
  sourceId: string;
  author: string;
  text: string;
  parentId?: string;
}

const campaign = 'Только сегодня МТС дарит безлимитный интернет на месяц всем кто сделает репост этой записи';
/**
 * A copy-paste campaign from twelve accounts (some copies edited), one account posting in a
 * burst, a brand post and a reply under it, and ordinary mentions, in the order they arrive.
 */
const POSTS: Post[] = [
  { sourceId: 'own-1', author: 'mts_official', text: 'МТС: новый тариф уже доступен в приложении для всех абонентов' },
  ...Array.from({ length: 12 }, (_, i) => ({
    sourceId: `copy-${i}`,
    author: `bot${i}`,
    text: i % 3 === 0 ? campaign : i % 3 === 1 ? `${campaign} https://bit.ly/x${i}` : `@friend${i} ${campaign.toUpperCase()}!!!`,
  })),
  ...Array.from({ length: 11 }, (_, i) => ({ sourceId: `burst-${i}`, author: 'flooder', text: `МТС отвратительная связь, сообщение номер ${i} ${'очень '.repeat(i)}` })),
  { sourceId: 'reply-1', author: 'client', text: 'а у меня в приложении ничего не открывается', parentId: mentionId('vk', 'own-1') },
  { sourceId: 'plain-1', author: 'anna', text: 'МТС, спасибо за быстрый ответ в поддержке, всё починили за полчаса' },
  { sourceId: 'plain-2', author: 'oleg', text: 'Перешёл в МТС в прошлом месяце, пока всё устраивает и скорость хорошая' },
];

interface Collector {
  feature: CollectorFeature;
  close(): Promise<void>;
}

let toClose: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of toClose.reverse()) await close();
  toClose = [];
});

/** One collector as a host composes it (its own Nest app and instance id) on a shared bus. */
async function startCollector(bus: MemoryBus): Promise<Collector> {
  const metrics = new PulseMetrics(false);
  const readiness = new Readiness();
  const config = collectorSettings(collectorSettingsSchema.parse({ PULSE_DEMO: 'off', PULSE_DATA_DIR: '/tmp/pulse-global-quality-spec' }));
  const feature = new CollectorFeature({ bus, config, logger, metrics, readiness });

  @Module({ imports: [feature.nestModule()] })
  class AppModule {}

  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  feature.attach(app);
  for (let i = 0; i < 500 && !(await readiness.report()).ready; i++) await new Promise((r) => setTimeout(r, 5));
  return { feature, close: () => app.close() };
}

interface Marks {
  duplicateOf: string | null;
  spam: RawMention['spam'];
  direct: boolean;
  topicIds: string[];
}

/** Posts each mention through the collector `route(i)` picks, one after another, and returns the marks each got, by sourceId. */
async function run(collectors: number, route: (index: number) => number): Promise<Map<string, Marks>> {
  const bus = new MemoryBus({ app: 'test', logger, metrics: new PulseMetrics(false) });
  const raw: RawMention[] = [];
  await bus.subscribe({ topic: TOPICS.rawMentions, groupId: 'spec', handler: async (batch) => void raw.push(...batch.map((m) => m.value)) });
  await bus.start();
  toClose.push(() => bus.stop());
  const started: Collector[] = [];
  for (let i = 0; i < collectors; i++) started.push(await startCollector(bus));
  toClose.push(...started.map((c) => c.close));
  // After every collector subscribed: the in-process bus keeps a message only until every group has read it.
  await bus.publish(TOPICS.trackedTopics, [topic]);
  for (let i = 0; i < 200 && started.some((c) => c.feature.topics.active().length === 0); i++) await new Promise((r) => setTimeout(r, 5));

  for (const [i, post] of POSTS.entries()) {
    const result = await started[route(i)]!.feature.ingest.ingest([
      {
        source: 'vk',
        sourceId: post.sourceId,
        text: post.text,
        author: { id: post.author, handle: post.author, name: post.author, url: null, followers: 40 },
        publishedAt: '2026-11-20T10:00:00Z',
        ...(post.parentId ? { parentId: post.parentId } : {}),
      },
    ]);
    expect(result.accepted).toBe(1);
  }
  for (let i = 0; i < 200 && raw.length < POSTS.length; i++) await new Promise((r) => setTimeout(r, 5));
  const sourceIdOf = new Map(raw.map((m) => [m.id, m.sourceId]));
  return new Map(
    raw.map((m) => [m.sourceId, { duplicateOf: m.duplicateOf === null ? null : (sourceIdOf.get(m.duplicateOf) ?? m.duplicateOf), spam: m.spam, direct: m.direct, topicIds: m.topicIds }]),
  );
}

describe('quality marks across collectors (fingerprint log)', () => {
  it('marks a campaign posted half to each of two collectors exactly as one collector marks it', async () => {
    const one = await run(1, () => 0);
    const two = await run(2, (i) => i % 2);

    // What one collector decides: the campaign's copies point to its first post and become spam as it spreads.
    const copies = [...one].filter(([id]) => id.startsWith('copy-') && id !== 'copy-0');
    expect(copies.every(([, marks]) => marks.duplicateOf === 'copy-0')).toBe(true);
    expect(one.get('copy-11')!.spam.reasons).toContain('same text from 12 accounts');
    expect(one.get('burst-10')!.spam.reasons).toContain('11 posts from one account in 10 minutes');
    expect(one.get('reply-1')).toMatchObject({ direct: true, topicIds: ['mts'] });
    expect(one.get('plain-2')).toMatchObject({ duplicateOf: null, spam: { score: 0 } });

    // Two collectors, every other post to each: the same marks, mention by mention.
    expect(two.size).toBe(POSTS.length);
    expect(Object.fromEntries(two)).toEqual(Object.fromEntries(one));
  });
});
