import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTestCertificate, type TestCertificate } from '@pulse/runtime/testing';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { REPO_ROOT } from './support/app-process.js';
import { TEST_API_KEY } from './support/graphql-client.js';
import { startMockKafka, type MockKafka } from './support/mock-kafka.js';
import { freePort, waitFor } from './support/ports.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(secure: boolean, options: RequestOptions, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(options, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.once('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}

/**
 * The distributed gateway (dist/main.js, its own process) with TLS_CERT_FILE and TLS_KEY_FILE
 * set: GraphQL over HTTPS (with HSTS) and over WSS on the one port, with a certificate made in
 * the test by a throwaway CA; plain HTTP on that port gets no answer.
 */
describe('gateway over TLS (HTTPS and WSS)', () => {
  let kafka: MockKafka;
  let cert: TestCertificate;
  let child: ChildProcess;
  let output = '';
  let port: number;
  let dataDir: string;
  const tls = (): RequestOptions => ({ host: '127.0.0.1', port, ca: cert.ca, servername: 'localhost' });

  beforeAll(async () => {
    kafka = await startMockKafka(1);
    cert = generateTestCertificate();
    port = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'pulse-gateway-tls-'));
    child = spawn(process.execPath, [join(REPO_ROOT, 'apps/gateway/dist/main.js')], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        KAFKA_BROKERS: kafka.brokers,
        PULSE_DATA_DIR: dataDir,
        PULSE_BOOTSTRAP_KEY: TEST_API_KEY,
        TLS_CERT_FILE: cert.certFile,
        TLS_KEY_FILE: cert.keyFile,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer): void => void (output += chunk.toString());
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    await waitFor(
      'gateway /readyz over https',
      async () => {
        if (child.exitCode !== null) throw new Error(`gateway exited with ${child.exitCode}:\n${output.slice(-3000)}`);
        return (await send(true, { ...tls(), path: '/readyz' }).catch(() => ({ status: 0 }))).status === 200;
      },
      90_000,
      250,
    );
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await kafka?.stop();
    cert?.remove();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers GraphQL over HTTPS with HSTS, and says so in its start-up line', async () => {
    const body = JSON.stringify({ query: '{ topics { id name } }' });
    const res = await send(true, { ...tls(), method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_API_KEY}` } }, body);
    expect(res.status).toBe(200);
    const json = JSON.parse(res.body) as { data?: { topics: { id: string }[] }; errors?: unknown };
    expect(json.errors).toBeUndefined();
    // The seeded default topics: a real answer from the store, not an empty shell.
    expect(json.data!.topics.length).toBeGreaterThan(0);
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(output).toContain(`https://localhost:${port}/graphql`);
  });

  it('refuses a client that does not trust the certificate, and plain HTTP on the TLS port', async () => {
    await expect(send(true, { host: '127.0.0.1', port, path: '/readyz', servername: 'localhost' })).rejects.toThrow(/certificate/i);
    const plain = await send(false, { host: '127.0.0.1', port, path: '/readyz' }).catch((error: Error) => error);
    // Node's TLS server answers plain HTTP with a bare 400 or hangs up: either way no data is served in clear.
    if (!(plain instanceof Error)) expect(plain.status).toBe(400);
  });

  it('runs a query and refuses an unknown topic over WSS (graphql-ws)', async () => {
    const ca = cert.ca;
    class TrustingWebSocket extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { ca });
      }
    }
    const client = createClient({
      url: `wss://127.0.0.1:${port}/graphql`,
      webSocketImpl: TrustingWebSocket,
      connectionParams: { authorization: `Bearer ${TEST_API_KEY}` },
      retryAttempts: 0,
    });
    try {
      const run = (query: string): Promise<{ data?: unknown; errors?: { extensions?: Record<string, unknown> }[] }> =>
        new Promise((resolve, reject) => {
          let result: { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] } = {};
          client.subscribe({ query }, { next: (value) => void (result = value as typeof result), error: (error) => (Array.isArray(error) ? resolve({ errors: error }) : reject(error)), complete: () => resolve(result) });
        });
      const topics = await run('{ topics { id } }');
      expect((topics.data as { topics: unknown[] }).topics.length).toBeGreaterThan(0);
      const refused = await run('subscription { mentionScored(filter: { topicIds: ["no-such-topic"] }) { id } }');
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'filter.topicIds' });
    } finally {
      await client.dispose();
    }
  });
});
