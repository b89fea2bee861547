import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerWithoutReadingBody } from './unread-body.js';

describe('answerWithoutReadingBody', () => {
  let server: Server;
  let port: number;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      answerWithoutReadingBody(req, res, 500);
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"code":"UNAUTHENTICATED"}}');
    });
    server.on('connection', (socket: Socket) => sockets.push(socket));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => server?.close());

  it('gets the answer to a client that keeps uploading 9 MB, without reading the upload', async () => {
    const result = await new Promise<{ status: number; body: string; written: number }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'transfer-encoding': 'chunked' } });
      let written = 0;
      req.once('response', (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.once('end', () => resolve({ status: res.statusCode!, body, written }));
      });
      // Unlike a polite client, this one does not stop writing when the answer comes.
      req.once('error', (error) => reject(error));
      const chunk = Buffer.alloc(256 * 1024, 'a');
      const pump = (): void => {
        while (written < 9 * 1024 * 1024 && !req.destroyed) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(result.status).toBe(401);
    expect(result.body).toContain('UNAUTHENTICATED');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sockets.at(-1)!.bytesRead).toBeLessThan(1024 * 1024);
  });
});
