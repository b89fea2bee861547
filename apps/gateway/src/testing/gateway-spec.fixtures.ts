import type { INestApplication } from '@nestjs/common';
import type { MemoryBus } from '@pulse/bus/memory';
import { TOPICS, mentionId, type ApiKeyRecord, type ScoredMention, type SentimentLabel, type Source, type TrackedTopic } from '@pulse/contracts';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import type { GatewayConfig } from '../config/gateway.config.js';
import type { GatewayFeature } from '../gateway.feature.js';
import { gql, startTestGateway, waitFor, type GqlResponse } from './gateway-test-kit.js';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';

/**
 * The id of the fixture mention called `name`: derived from source + sourceId like every real
 * one (the scored topic dead-letters any other), the readable name kept in the sourceId.
 */
export const idOf = (name: string, source: Source = 'vk'): string => mentionId(source, `s-${name}`);

export function mention(name: string, over: Partial<ScoredMention> & { label?: SentimentLabel; source?: Source } = {}): ScoredMention {
  const label = over.label ?? 'neutral';
  const topicIds = over.topicIds ?? ['acme'];
  const source = over.source ?? 'vk';
  const sourceId = over.sourceId ?? `s-${name}`;
  const { label: _label, ...rest } = over;
  return {
    id: mentionId(source, sourceId),
    source,
    sourceId,
    url: null,
    text: `mention ${name} about acme`,
    language: 'ru',
    author: { id: `a-${name}`, handle: `user_${name}`, name: 'User', url: null },
    publishedAt: '2026-03-02T10:00:00.000Z',
    collectedAt: '2026-03-02T10:01:00.000Z',
    topicIds,
    matches: topicIds.map((topicId) => ({ topicId, terms: ['acme'] })),
    direct: false,
    duplicateOf: null,
    spam: { score: 0, reasons: [] },
    sentiment: { label, score: 0.9, scores: { negative: 0.05, neutral: 0.9, positive: 0.05 }, byTopic: [] },
    model: { id: 'm', version: '1' },
    scoredAt: '2026-03-02T10:02:00.000Z',
    ...rest,
  };
}

export interface Harness {
  feature: GatewayFeature;
  bus: MemoryBus;
  app: INestApplication;
  url: string;
  published: { keys: ApiKeyRecord[]; topics: TrackedTopic[] };
  close(): Promise<void>;
}

/** Ids of the six mentions useSeededGateway stores, by name (m3 came from telegram, the rest from vk). */
export const SEEDED = {
  m1: idOf('m1'),
  m2: idOf('m2'),
  m3: idOf('m3', 'telegram'),
  m4: idOf('m4'),
  m5: idOf('m5'),
  m6: idOf('m6'),
} as const;

/** The seeded name of an id, for assertions that read like the seed ('m1'); any other id unchanged. */
export const seededName = (id: string): string => Object.entries(SEEDED).find(([, seeded]) => seeded === id)?.[0] ?? id;

/** The topics the fixtures' mentions are about. */
export const FIXTURE_TOPICS = ['acme', 'globex'];

export async function startGateway(over: Partial<GatewayConfig> = {}, topics: string[] = []): Promise<Harness> {
  const published: Harness['published'] = { keys: [], topics: [] };
  const gateway = await startTestGateway({
    config: over,
    topics,
    partitions: 4,
    beforeStart: async (bus) => {
      await bus.subscribe({ topic: TOPICS.apiKeys, groupId: 'test-keys', handler: async (batch) => void published.keys.push(...batch.map((m) => m.value)) });
      await bus.subscribe({ topic: TOPICS.trackedTopics, groupId: 'test-topics', handler: async (batch) => void published.topics.push(...batch.map((m) => m.value)) });
    },
  });
  return { ...gateway, published, close: gateway.stop };
}

export const codeOf = (res: GqlResponse): unknown => res.errors?.[0]?.extensions?.['code'];

export function wsClient(url: string, key: string | undefined): { client: Client; closed: Promise<number>; reason: Promise<string> } {
  let onClosed!: (code: number) => void;
  let onReason!: (reason: string) => void;
  const closed = new Promise<number>((resolve) => (onClosed = resolve));
  const reason = new Promise<string>((resolve) => (onReason = resolve));
  const client = createClient({
    url: url.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: key ? { authorization: `Bearer ${key}` } : {},
    lazy: false,
    retryAttempts: 0,
    // Refusals are asserted through the close code; the default would print the close event.
    onNonLazyError: () => undefined,
    on: {
      closed: (event) => {
        onReason((event as { reason: string }).reason);
        onClosed((event as { code: number }).code);
      },
    },
  });
  return { client, closed, reason };
}

export function collect(client: Client, query: string, variables: Record<string, unknown> = {}): { events: FormattedExecutionResult<Record<string, unknown>, unknown>[]; errors: unknown[]; done: () => void } {
  const events: FormattedExecutionResult<Record<string, unknown>, unknown>[] = [];
  const errors: unknown[] = [];
  const done = client.subscribe({ query, variables }, { next: (v) => void events.push(v), error: (e) => void errors.push(e), complete: () => undefined });
  return { events, errors, done };
}

export type RoleKeys = Record<'viewer' | 'analyst' | 'ingest', string>;

/**
 * One gateway per spec file, seeded the same way: a key per role and six mentions (spam, a
 * copy, replies, two topics, two sources). Call at the top level of a describe.
 */
export function useSeededGateway(): { gw: () => Harness; keys: RoleKeys } {
  let gw: Harness | undefined;
  const keys: RoleKeys = { viewer: '', analyst: '', ingest: '' };
  beforeAll(async () => {
    gw = await startGateway({}, FIXTURE_TOPICS);
    const started = gw;
    for (const role of ['viewer', 'analyst', 'ingest'] as const) {
      const res = await gql<{ createApiKey: { key: string } }>(started.url, ADMIN_KEY, `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id role } } }`, { input: { name: `${role} key`, role } });
      keys[role] = res.data!.createApiKey.key;
    }
    await started.bus.publish(TOPICS.scoredMentions, [
      mention('m1', { label: 'negative', publishedAt: '2026-03-02T10:00:00.000Z', text: 'Провайдер опять без интернета' }),
      mention('m2', { label: 'negative', publishedAt: '2026-03-02T11:30:00.000Z', author: { id: 'a-ivan', handle: 'ivan', name: 'Иван', url: null, followers: 10 } }),
      mention('m3', { label: 'positive', publishedAt: '2026-03-03T09:00:00.000Z', topicIds: ['globex'], source: 'telegram' }),
      mention('m4', { label: 'negative', publishedAt: '2026-03-03T12:00:00.000Z', spam: { score: 0.9, reasons: ['links'] } }),
      mention('m5', { label: 'neutral', publishedAt: '2026-03-03T13:00:00.000Z', duplicateOf: SEEDED.m1, parentId: SEEDED.m2 }),
      mention('m6', { label: 'negative', publishedAt: '2026-03-04T08:00:00.000Z', parentId: SEEDED.m1, author: { id: 'a-ivan', handle: 'ivan', name: 'Иван', url: null, followers: 10 } }),
    ]);
    await waitFor('mentions stored', async () => ((await gql<{ mentions: { totalCount: number } }>(started.url, ADMIN_KEY, '{ mentions(filter: { includeSpam: true, includeDuplicates: true }) { totalCount } }')).data?.mentions.totalCount === 6 ? true : undefined));
  });

  afterAll(async () => {
    await gw?.close();
  });
  return { gw: () => gw!, keys };
}
