import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { MemoryBus } from '@pulse/bus/memory';
import { mentionId, TOPICS, type RawMention } from '@pulse/contracts';
import { PulseMetrics, Readiness, createLogger, tlsEnvSchema } from '@pulse/runtime';
import { generateTestCertificate, type TestCertificate } from '@pulse/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../keys/key-registry.service.js';
import { CollectorFeature } from '../collector.feature.js';
import { collectorSettings, collectorSettingsSchema } from '../config/collector.config.js';
import { signWebhookBody } from '../sources/webhook/webhook-signature.js';
import { startCollectorHttp, type CollectorHttp } from './collector-http.js';

const logger = createLogger('test', 'silent');
const INGEST_KEY = 'collector-http-spec-ingest-key';
const LIMIT = 256 * 1024;

const mention = (sourceId: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  source: 'webhook',
  sourceId,
  text: `Билайн, пост ${sourceId}`,
  author: { id: 'u', handle: 'u', name: 'U', url: null },
  publishedAt: '2026-11-20T10:00:00Z',
  ...extra,
});

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  json: Record<string, unknown> & { error?: { code: string; message: string } };
}

interface Harness {
  http: CollectorHttp;
  published: RawMention[];
  /** Bytes the server has read from each connection so far. */
  serverSockets: Socket[];
  stop(): Promise<void>;
}

async function startHarness(tls: Record<string, string> = {}): Promise<Harness> {
  const bus = new MemoryBus({ app: 'test', logger, metrics: new PulseMetrics(false) });
  const published: RawMention[] = [];
  await bus.subscribe({ topic: TOPICS.rawMentions, groupId: 'spec', handler: async (batch) => void published.push(...batch.map((m) => m.value)) });
  await bus.start();
  const settings = collectorSettingsSchema.parse({ PULSE_DEMO: 'off', WEBHOOK_SECRETS: 'partner-a=s3cret', INGEST_MAX_BODY_BYTES: String(LIMIT), PULSE_DATA_DIR: '/tmp/pulse-collector-http-spec' });
  const readiness = new Readiness();
  const metrics = new PulseMetrics(false);
  const collector = new CollectorFeature({ bus, config: collectorSettings(settings), logger, metrics, readiness });
  const env = { ...tlsEnvSchema.parse({ HOST: '127.0.0.1', TLS_RELOAD_INTERVAL_MS: '100', ...tls }), PORT: 0 };
  const http = await startCollectorHttp(collector, { readiness, metrics, logger, env });
  const at = '2026-11-01T00:00:00.000Z';
  collector.keys.apply([{ id: 'ing', name: 'spec', role: 'ingest', sha256: sha256Hex(INGEST_KEY), revoked: false, createdAt: at, updatedAt: at }]);
  const serverSockets: Socket[] = [];
  (http.app.getHttpServer() as import('node:net').Server).on(http.tls ? 'secureConnection' : 'connection', (socket: Socket) => serverSockets.push(socket));
  return {
    http,
    published,
    serverSockets,
    stop: async () => {
      await http.app.close();
      await bus.stop();
    },
  };
}

function send(
  h: Harness,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string; ca?: Buffer } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = h.http.tls ? httpsRequest : httpRequest;
    const req = request(
      { host: '127.0.0.1', port: h.http.address.port, method, path, headers: options.headers, ...(options.ca ? { ca: options.ca, servername: 'localhost' } : {}) },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, json: text ? JSON.parse(text) : {} }));
      },
    );
    req.once('error', reject);
    req.end(options.body);
  });
}

const post = (h: Harness, body: string, headers: Record<string, string> = {}): Promise<Answer> =>
  send(h, 'POST', '/ingest', { body, headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_KEY}`, ...headers } });

describe('collector HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('answers a signed request from an unknown sender with 401 before reading its body', async () => {
    // A chunked upload that sends its first 64 KiB and then waits: the answer must not wait for the rest.
    const answer = await new Promise<{ status: number; code: string; sentBeforeAnswer: number }>((resolve, reject) => {
      let sent = 0;
      const req = httpRequest({
        host: '127.0.0.1',
        port: h.http.address.port,
        method: 'POST',
        path: '/ingest',
        headers: { 'content-type': 'application/json', 'x-pulse-signature': 't=1,v1=00', 'transfer-encoding': 'chunked' },
      });
      req.once('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          resolve({ status: res.statusCode!, code: (JSON.parse(text) as Answer['json']).error!.code, sentBeforeAnswer: sent });
          req.destroy();
        });
      });
      req.once('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 'a');
      req.write(chunk);
      sent += chunk.length;
    });
    expect(answer).toEqual({ status: 401, code: 'UNAUTHENTICATED', sentBeforeAnswer: 64 * 1024 });

    // Pushing 9 MB at it anyway: the connection is closed, not drained.
    const socket = await new Promise<Socket>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port: h.http.address.port, method: 'POST', path: '/ingest', headers: { 'x-pulse-signature': 't=1,v1=00', 'transfer-encoding': 'chunked' } });
      req.on('error', () => undefined);
      req.on('response', (res) => res.resume());
      const chunk = Buffer.alloc(256 * 1024, 'a');
      let written = 0;
      const pump = (): void => {
        while (written < 9 * 1024 * 1024 && !req.destroyed) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
      req.on('close', () => resolve(h.serverSockets.at(-1)!));
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(socket.bytesRead).toBeLessThan(2 * 1024 * 1024);
  });

  it('answers an unknown route, a wrong method and malformed JSON in the envelope with our codes', async () => {
    const unknown = await send(h, 'GET', '/nope');
    expect(unknown).toMatchObject({ status: 404, json: { error: { code: 'NOT_FOUND', message: expect.stringContaining('GET /nope') } } });
    expect(Object.keys(unknown.json)).toEqual(['error']);
    const method = await send(h, 'GET', '/ingest');
    expect(method).toMatchObject({ status: 405, headers: { allow: 'POST' }, json: { error: { code: 'METHOD_NOT_ALLOWED' } } });
    const malformed = await post(h, '[{"source":');
    expect(malformed).toMatchObject({ status: 400, json: { error: { code: 'MALFORMED_JSON' } } });
    expect(Object.keys(malformed.json)).toEqual(['error']);
    const latin1 = await post(h, JSON.stringify([mention('l1')]), { 'content-type': 'application/json; charset=latin1' });
    expect(latin1).toMatchObject({ status: 415, json: { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('latin1') } } });
  });

  it('cuts off a chunked body over the limit with 413 in the envelope', async () => {
    const answer = await new Promise<Answer>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: h.http.address.port,
          method: 'POST',
          path: '/ingest',
          headers: { authorization: `Bearer ${INGEST_KEY}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, json: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      req.write(Buffer.alloc(LIMIT + 1024, ' '));
    });
    expect(answer).toMatchObject({ status: 413, headers: { connection: 'close' }, json: { error: { code: 'BODY_TOO_LARGE' } } });
  });

  it('answers a batch with nothing accepted with 422, in the 202 body shape plus the error', async () => {
    const answer = await post(h, JSON.stringify([mention('a', { text: '\u0000\u0000' }), mention('b', { id: mentionId('webhook', 'zzz') })]));
    expect(answer.status).toBe(422);
    expect(answer.json).toEqual({
      accepted: 0,
      ids: [],
      rejected: [
        { index: 0, error: expect.stringContaining('text is empty') },
        { index: 1, error: expect.stringContaining('id does not match') },
      ],
      error: { code: 'ALL_ITEMS_REJECTED', message: expect.any(String) },
    });
  });

  it('accepts source "x" as twitter, and a correctly signed webhook from a configured sender', async () => {
    const x = await post(h, JSON.stringify([mention('1850000000000000001', { source: 'x' })]));
    expect(x).toMatchObject({ status: 202, json: { accepted: 1, ids: [mentionId('twitter', '1850000000000000001')] } });
    const body = JSON.stringify([mention('signed-1')]);
    const signed = await send(h, 'POST', '/ingest', {
      body,
      headers: { 'content-type': 'application/json', 'x-pulse-source': 'partner-a', 'x-pulse-signature': signWebhookBody(body, 's3cret') },
    });
    expect(signed).toMatchObject({ status: 202, json: { accepted: 1 } });
    await expect.poll(() => h.published.map((m) => m.sourceId)).toEqual(expect.arrayContaining(['1850000000000000001', 'signed-1']));
  });
});

describe('collector HTTPS', () => {
  let cert: TestCertificate;
  let h: Harness;
  beforeAll(async () => {
    cert = generateTestCertificate();
    h = await startHarness({ TLS_CERT_FILE: cert.certFile, TLS_KEY_FILE: cert.keyFile, HSTS_MAX_AGE_SECONDS: '600' });
  });
  afterAll(async () => {
    await h?.stop();
    cert?.remove();
  });

  it('serves ingest over TLS verified against the test CA, with HSTS', async () => {
    expect(h.http.tls).toBe(true);
    const answer = await send(h, 'POST', '/ingest', {
      ca: cert.ca,
      body: JSON.stringify([mention('tls-1')]),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_KEY}` },
    });
    expect(answer).toMatchObject({ status: 202, json: { accepted: 1 } });
    expect(answer.headers['strict-transport-security']).toBe('max-age=600; includeSubDomains');
    const unknown = await send(h, 'GET', '/nope', { ca: cert.ca });
    expect(unknown).toMatchObject({ status: 404, json: { error: { code: 'NOT_FOUND' } }, headers: { 'strict-transport-security': expect.any(String) } });
  });

  it('refuses TLS 1.1 and plain HTTP on the TLS port', async () => {
    await expect(
      new Promise((resolve, reject) => {
        const socket = tlsConnect({ host: '127.0.0.1', port: h.http.address.port, ca: cert.ca, servername: 'localhost', maxVersion: 'TLSv1.1', minVersion: 'TLSv1' }, () => resolve(socket.getProtocol()));
        socket.once('error', reject);
      }),
    ).rejects.toThrow();
    const plain = await new Promise<string>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port: h.http.address.port, path: '/healthz' }, (res) => resolve(String(res.statusCode)));
      req.once('error', (error) => resolve(error.message));
      req.end();
    });
    expect(plain).not.toBe('200');
  });
});
