import 'reflect-metadata';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MemoryBus } from '@pulse/bus/memory';
import { PulseMetrics, Readiness, createLogger } from '@pulse/runtime';
import { gatewaySettings, gatewaySettingsSchema, type GatewayConfig } from '../config/gateway.config.js';
import { GatewayFeature } from '../gateway.feature.js';
import { TopicService } from '../topics/topic.service.js';
import { OpsModule } from '@pulse/runtime/nest';

/** Shared by the gateway's feature specs: a GraphQL-over-HTTP call, polling, and a recording HTTP endpoint. */

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export async function gql<T = Record<string, unknown>>(url: string, key: string | undefined, query: string, variables: Record<string, unknown> = {}): Promise<GqlResponse<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as Omit<GqlResponse<T>, 'status'>) };
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A local endpoint standing in for a customer's webhook or helpdesk: records every request
 * and answers with what `respond` returns for the n-th one (1-based); 200 "ok" by default.
 */
export async function recordingEndpoint(
  path: string,
  respond: (n: number) => { status: number; body?: string; json?: unknown } = () => ({ status: 200, body: 'ok' }),
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = respond(received.length);
      if (answer.json !== undefined) res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.json));
      else res.writeHead(answer.status).end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, received, server };
}

export const TEST_ADMIN_KEY = 'test-admin-key-0123456789abcdef';

export interface TestGateway {
  bus: MemoryBus;
  feature: GatewayFeature;
  app: INestApplication;
  url: string;
  /** Stops the feature, the HTTP server and the bus, then closes the store (afterAll). */
  stop(): Promise<void>;
}

/**
 * A whole gateway in this process, as the embedded host runs it: in-memory PGlite, a
 * one-partition MemoryBus (event-time order per topic), the admin key TEST_ADMIN_KEY, Nest on
 * a free port. `env` is the gateway's environment; `beforeStart` subscribes extra readers
 * before the bus starts.
 */
export async function startTestGateway(options: {
  env?: Record<string, string>;
  /** Applied over the settings `env` gives. */
  config?: Partial<GatewayConfig>;
  /** Default 1 (event-time order); the MemoryBus default otherwise. */
  partitions?: number;
  clock?: () => number;
  beforeStart?: (bus: MemoryBus) => Promise<void>;
  /** Topics to create once started (id = name): filters and subscriptions naming a topic need it to exist. */
  topics?: string[];
}): Promise<TestGateway> {
  const logger = createLogger('test', (process.env['TEST_LOG_LEVEL'] as 'silent' | undefined) ?? 'silent');
  const metrics = new PulseMetrics();
  const bus = new MemoryBus({ app: 'test', logger, metrics, partitions: options.partitions ?? 1 });
  const config: GatewayConfig = {
    ...gatewaySettings(gatewaySettingsSchema.parse(options.env ?? {})),
    database: { kind: 'pglite', dataDir: undefined },
    seedTopics: false,
    bootstrapKey: TEST_ADMIN_KEY,
    rateLimitPerMinute: 100_000,
    ...options.config,
  };
  const feature = new GatewayFeature({ bus, config, logger, metrics, readiness: new Readiness(), ...(options.clock ? { clock: options.clock } : {}) });
  await options.beforeStart?.(bus);
  @Module({ imports: [OpsModule.forRoot(new Readiness(), metrics, { beforeShutdown: () => bus.stop() }), feature.nestModule()] })
  class TestModule {}
  await bus.start();
  const app = await NestFactory.create(TestModule, { bodyParser: false, logger: false });
  await app.init();
  feature.attach(app);
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const topics = app.get(TopicService, { strict: false });
  for (const id of options.topics ?? []) await topics.create({ name: id, keywords: [id] });
  return {
    bus,
    feature,
    app,
    url,
    stop: () => app.close(),
  };
}
