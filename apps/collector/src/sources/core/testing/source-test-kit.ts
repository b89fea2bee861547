/**
 * Shared harness for the source-connector specs; imported only by `*.spec.ts` files.
 * It deliberately does not import vitest: collector's tsconfig.build.json compiles this file
 * into dist, where vitest is not a dependency, so specs register the cleanup hook themselves
 * with `afterEach(closeFakeHttpServers)`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bus } from '@pulse/bus';
import { MemoryBus } from '@pulse/bus/memory';
import { TOPICS, type RawMention, type RawMentionInput, type TrackedTopic } from '@pulse/contracts';
import { createLogger, PulseMetrics, Readiness } from '@pulse/runtime';
import { IngestService } from '../../../ingest/ingest.service.js';
import { MentionNormalizer } from '../../../ingest/mention-normalizer.service.js';
import { QualityAssessor } from '../../../quality/quality.assessor.js';
import { QualityService } from '../../../quality/quality.service.js';
import { QualityWindow } from '../../../quality/quality.window.js';
import { TopicRegistry } from '../../../topics/topic-registry.service.js';
import { MemoryCheckpointStore } from '../checkpoint.store.js';
import { HttpClient, type HttpClientOptions } from '../http.client.js';
import type { SourceConnector, SourceContext } from '../source.port.js';
import { SourceRunner } from '../source.runner.js';

/** An active topic; `overrides` for the odd spec that needs a name, query or owned account. */
export const testTopic = (id: string, keywords: string[], overrides: Partial<TrackedTopic> = {}): TrackedTopic => ({
  id,
  name: id,
  keywords,
  query: null,
  ownAccounts: [],
  status: 'active',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...overrides,
});

export type FakeHttpHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

const servers: Server[] = [];

/** Serves `handler` on 127.0.0.1 at a free port and returns its base URL (no trailing slash). */
export async function fakeHttpServer(handler: FakeHttpHandler): Promise<string> {
  const server = createServer((req, res) => handler(req, res, new URL(req.url ?? '/', 'http://localhost')));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The whole request body as text, for fakes of APIs that take their parameters in a POST form. */
export async function readRequestBody(req: IncomingMessage): Promise<string> {
  let data = '';
  for await (const chunk of req) data += String(chunk);
  return data;
}

/**
 * Closes every fake server. Open streams and long polls would keep `close` waiting forever,
 * so their connections are cut first.
 */
export async function closeFakeHttpServers(): Promise<void> {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise((resolve) => {
          server.closeAllConnections();
          server.close(resolve);
        }),
    ),
  );
}

/** Connector HTTP with no real waiting: backoff and rate-limit delays are recorded in `sleeps` instead. */
function instantHttp(options: Partial<HttpClientOptions>): { http: HttpClient; sleeps: number[] } {
  const sleeps: number[] = [];
  const http = new HttpClient({ ratePerSecond: 10_000, ...options, sleep: async (ms) => void sleeps.push(ms) });
  return { http, sleeps };
}

/**
 * A context for calling `connector.collect` directly: fixed topics, instant HTTP, and the
 * reasons passed to `skipped` kept for assertions.
 */
export function testSourceContext(topics: TrackedTopic[], httpOptions: Partial<HttpClientOptions> = {}, signal: AbortSignal = new AbortController().signal) {
  const { http, sleeps } = instantHttp(httpOptions);
  const skipped: string[] = [];
  const ctx: SourceContext = { topics: () => topics, http, logger: createLogger('test', 'silent'), signal, skipped: (reason) => void skipped.push(reason) };
  return { ctx, skipped, sleeps };
}

/** One poll the way the runner does it: resume from the stored checkpoint and save each batch's. */
export async function collectPass<C>(connector: SourceConnector<C>, store: MemoryCheckpointStore, ctx: SourceContext): Promise<RawMentionInput[]> {
  const items: RawMentionInput[] = [];
  for await (const batch of connector.collect(await store.load<C>(connector.name), ctx)) {
    items.push(...batch.items);
    await store.save(connector.name, batch.checkpoint);
  }
  return items;
}

/**
 * The real runner and ingest path (topic registry, normalizer, quality marks over an
 * in-process fingerprint log, ingest service) in front of a raw topic that only records
 * what is published, so a spec sees exactly what would reach the broker.
 */
export function runnerHarness(topics: TrackedTopic[] = [testTopic('acme', ['Acme'])], httpOptions: Partial<HttpClientOptions> = {}) {
  const registry = new TopicRegistry();
  registry.apply(topics);
  const published: RawMention[] = [];
  const metrics = new PulseMetrics(false);
  const logger = createLogger('test', 'silent');
  const memory = new MemoryBus({ app: 'test', logger, metrics });
  const bus = {
    publish: async (topic, payloads, options) => {
      if (topic === TOPICS.rawMentions) published.push(...(payloads as RawMention[]));
      else await memory.publish(topic, payloads, options);
    },
  } as Pick<Bus, 'publish'> as Bus;
  const quality = new QualityService({ bus: memory, window: new QualityWindow(), assessor: new QualityAssessor(), topics: registry, readiness: new Readiness(), logger, clock: Date.now, verdictTimeoutMs: 5_000 });
  const started = quality.onApplicationBootstrap().then(() => memory.start());
  const { http, sleeps } = instantHttp({ retries: 3, ...httpOptions });
  const checkpoints = new MemoryCheckpointStore();
  const ingest = new IngestService(new MentionNormalizer(registry), quality, bus, metrics, 'collector', 5_000);
  const runner = new SourceRunner([], { ingest, checkpoints, topics: registry, logger, metrics, httpFor: () => http });
  const skipped: string[] = [];
  const ctx: SourceContext = { topics: () => registry.active(), http, logger, signal: new AbortController().signal, skipped: (reason) => void skipped.push(reason) };
  return {
    published,
    sleeps,
    checkpoints,
    skipped,
    registry,
    run: async (connector: SourceConnector, signal?: AbortSignal) => {
      await started;
      return runner.runOnce(connector, signal ? { ...ctx, signal } : ctx);
    },
  };
}
