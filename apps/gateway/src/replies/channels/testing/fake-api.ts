import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a fake source API received it. */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON (undefined if it is not). */
  json: unknown;
  /** The body parsed as a form (empty if it is not one). */
  form: URLSearchParams;
}

export interface FakeAnswer {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
  /** Answer this late (to run a client's deadline out). */
  delayMs?: number;
  /** Close the connection without answering, after reading the request. */
  hangUp?: boolean;
}

export interface FakeApi {
  url: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

/**
 * A local HTTP server standing in for a social network's API: records every request and answers
 * what `handle` returns. Each source's fake (fake-*.api.ts) implements its documented request
 * and response shapes, including the failures, on top of this.
 */
export async function startFakeApi(handle: (req: FakeRequest) => FakeAnswer | Promise<FakeAnswer>): Promise<FakeApi> {
  const requests: FakeRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://fake');
      let json: unknown;
      try {
        json = body ? (JSON.parse(body) as unknown) : undefined;
      } catch {
        json = undefined;
      }
      const form = (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded') ? new URLSearchParams(body) : new URLSearchParams();
      const request: FakeRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, json, form };
      requests.push(request);
      void Promise.resolve(handle(request)).then(async (answer) => {
        if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
        if (answer.hangUp) {
          req.socket.destroy();
          return;
        }
        if (res.destroyed) return;
        const headers = { ...(answer.json !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...answer.headers };
        res.writeHead(answer.status, headers).end(answer.json !== undefined ? JSON.stringify(answer.json) : (answer.text ?? ''));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The bearer token of a request, if any. */
export function bearer(req: FakeRequest): string | undefined {
  return /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
}

/** A local URL nothing listens on (a port just released): connections are refused. */
export async function refusedUrl(): Promise<string> {
  const api = await startFakeApi(() => ({ status: 200 }));
  await api.close();
  return api.url;
}
