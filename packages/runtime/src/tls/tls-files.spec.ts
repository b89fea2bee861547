import { once } from 'node:events';
import { copyFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:tls';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestCertificate, type TestCertificate } from '../testing/test-certificates.js';
import { loadTlsOptions, watchTlsFiles, type TlsFiles } from './tls-files.js';

const logger = pino({ level: 'silent' });

/** The certificate a fresh connection is served, by fingerprint. */
function servedFingerprint(port: number, options: { maxVersion?: 'TLSv1.1' | 'TLSv1.2' } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...options }, () => {
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      socket.end();
      resolve(fingerprint);
    });
    socket.once('error', reject);
  });
}

describe('TLS certificate files', () => {
  let first: TestCertificate;
  let second: TestCertificate;
  let live: TlsFiles & { dir: string };
  let server: Server;
  let port: number;
  let stop: () => void;

  beforeAll(async () => {
    first = generateTestCertificate({ commonName: 'first' });
    second = generateTestCertificate({ commonName: 'second' });
    // The files the server watches: start as `first`, later overwritten with `second`.
    const dir = generateTestCertificate({ commonName: 'first' });
    copyFileSync(first.certFile, dir.certFile);
    copyFileSync(first.keyFile, dir.keyFile);
    live = { certFile: dir.certFile, keyFile: dir.keyFile, minVersion: 'TLSv1.2', dir: dir.dir };
    server = createServer(loadTlsOptions(live), (_req, res) => res.end('ok'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
    stop = watchTlsFiles(server, live, 50, logger);
  });

  afterAll(() => {
    stop?.();
    server?.close();
    for (const cert of [first, second]) cert?.remove();
  });

  it('serves the configured certificate, verifiable with its CA, and refuses TLS 1.1', async () => {
    expect(await servedFingerprint(port)).toBe(first.fingerprint256);
    const body = await new Promise<string>((resolve, reject) => {
      request({ host: 'localhost', port, ca: first.ca }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve(text));
      })
        .once('error', reject)
        .end();
    });
    expect(body).toBe('ok');
    await expect(servedFingerprint(port, { maxVersion: 'TLSv1.1' })).rejects.toThrow();
  });

  it('swaps in a renewed certificate without a restart, and keeps the old one when the new pair is broken', async () => {
    copyFileSync(second.keyFile, live.keyFile);
    copyFileSync(second.certFile, live.certFile);
    await expect.poll(() => servedFingerprint(port), { timeout: 5000, interval: 50 }).toBe(second.fingerprint256);
    // A key that does not match: logged, and the running certificate stays.
    copyFileSync(first.keyFile, live.keyFile);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await servedFingerprint(port)).toBe(second.fingerprint256);
  });

  it('names the files when the pair cannot be used', () => {
    expect(() => loadTlsOptions({ certFile: '/nonexistent.crt', keyFile: first.keyFile, minVersion: 'TLSv1.2' })).toThrow(/\/nonexistent\.crt/);
    expect(() => loadTlsOptions({ certFile: first.certFile, keyFile: second.keyFile, minVersion: 'TLSv1.2' })).toThrow(/cannot be used/);
  });
});
