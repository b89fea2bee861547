import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { Logger } from '../logging/logger.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerClientErrorsWithEnvelope, hstsMiddleware, isLoopbackAddress, warnIfPlaintextExposed } from './transport-security.js';

function recordingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino<never>({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

describe('isLoopbackAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.5', false],
    ['::ffff:192.168.1.2', false],
  ])('%s → %s', (address, loopback) => {
    expect(isLoopbackAddress(address)).toBe(loopback);
  });
});

describe('warnIfPlaintextExposed', () => {
  it('warns once for plain HTTP on every interface, not for loopback or TLS', () => {
    const { logger, lines } = recordingLogger();
    expect(warnIfPlaintextExposed({ address: '::', family: 'IPv6', port: 4001 }, false, logger)).toBe(true);
    expect(warnIfPlaintextExposed({ address: '127.0.0.1', family: 'IPv4', port: 4001 }, false, logger)).toBe(false);
    expect(warnIfPlaintextExposed({ address: '0.0.0.0', family: 'IPv4', port: 4001 }, true, logger)).toBe(false);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, address: '::', port: 4001, msg: expect.stringContaining('TLS_CERT_FILE') });
  });
});

describe('hstsMiddleware', () => {
  it('sets Strict-Transport-Security with the configured max-age', () => {
    const headers = new Map<string, string>();
    let nexted = false;
    hstsMiddleware(600)({} as never, { setHeader: (name: string, value: string) => headers.set(name, value) } as never, () => (nexted = true));
    expect(headers.get('Strict-Transport-Security')).toBe('max-age=600; includeSubDomains');
    expect(nexted).toBe(true);
  });
});

describe('answerClientErrorsWithEnvelope', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer({ maxHeaderSize: 1024 }, (_req, res) => res.end('ok'));
    answerClientErrorsWithEnvelope(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => server?.close());

  /** Sends raw bytes and returns everything the server answers before closing. */
  function raw(bytes: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      socket.once('end', () => resolve(answer));
      socket.once('error', reject);
    });
  }

  it('answers a request Node cannot parse in the error envelope instead of a bare status line', async () => {
    const answer = await raw('GARBAGE\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(answer.split('\r\n\r\n')[1]!)).toEqual({ error: { code: 'MALFORMED_REQUEST', message: expect.any(String) } });
  });

  it('answers oversized headers with 431 HEADERS_TOO_LARGE', async () => {
    const answer = await raw(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(4096)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(answer.split('\r\n\r\n')[1]!).error.code).toBe('HEADERS_TOO_LARGE');
  });
});
