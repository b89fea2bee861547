import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { connect } from 'node:net';
import WebSocket from 'ws';
import type { HostileAuth, HostileBody, HostileOutcome, HttpCase, RawCase, WsCase } from './hostile-case.js';

/** Where a case's requests go, and which key each role presents there. */
export interface HostileEndpoint {
  name: string;
  host: string;
  port: number;
  keyFor(auth: HostileAuth): string | undefined;
}

const DEFAULT_DEADLINE_MS = 5000;
const CHUNK = 64 * 1024;

export class DeadlineExceeded extends Error {
  constructor(name: string, ms: number) {
    super(`${name}: no answer within ${ms} ms (a hang)`);
  }
}

export function bodyBytes(body: HostileBody | undefined): Buffer {
  if (body === undefined) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if ('json' in body) return Buffer.from(JSON.stringify(body.json), 'utf8');
  if ('base64' in body) return Buffer.from(body.base64, 'base64');
  return Buffer.from(`${body.prefix ?? ''}${body.repeat.repeat(body.count)}${body.suffix ?? ''}`, 'utf8');
}

/** Stripe-style webhook signature, as partners compute it: HMAC-SHA256 over "<t>.<body>". */
function signature(body: Buffer, secret: string, t: number): string {
  const mac = createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
  return `t=${t},v1=${mac}`;
}

function parseAnswer(status: number, text: string): { code: string | undefined; json: unknown } {
  let json: unknown;
  try {
    json = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  // The collector's envelope `{ error: { code } }`, or GraphQL's `{ errors: [{ extensions: { code } }] }` (the gateway's, on every route).
  const error = (json as { error?: { code?: unknown } } | undefined)?.error;
  const graphqlError = (json as { errors?: { extensions?: { code?: unknown } }[] } | undefined)?.errors?.[0];
  const code = error?.code ?? (Array.isArray((json as { errors?: unknown } | undefined)?.errors) ? graphqlError?.extensions?.code : undefined);
  return { code: typeof code === 'string' ? code : undefined, json };
}

/**
 * One HTTP request as the case describes it, with node:http (fetch would normalise or
 * refuse some of what hostile clients send). The body is written in chunks and writing
 * stops as soon as an answer arrives: a server that answers early is not made to wait.
 */
export function sendHttp(kase: HttpCase, endpoint: HostileEndpoint, body: Buffer = bodyBytes(kase.body)): Promise<HostileOutcome> {
  const deadline = kase.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const headers: Record<string, string> = { ...(kase.headers ?? {}) };
  const key = endpoint.keyFor(kase.auth ?? 'ingest');
  if (key !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')) headers.authorization = `Bearer ${key}`;
  if (kase.sign) {
    headers['x-pulse-source'] = kase.sign.sender;
    headers['x-pulse-signature'] = signature(body, kase.sign.secret, kase.sign.timestamp ?? Math.floor(Date.now() / 1000));
  }
  if (kase.chunked) headers['transfer-encoding'] = 'chunked';
  else if (body.length > 0 && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) headers['content-length'] = String(body.length);

  const started = performance.now();
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request({ host: endpoint.host, port: endpoint.port, method: kase.method ?? 'POST', path: kase.path, headers, agent: false });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new DeadlineExceeded(kase.name, deadline));
    }, deadline);
    req.once('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('end', () => {
        clearTimeout(timer);
        const { code, json } = parseAnswer(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'));
        resolve({ name: kase.name, target: kase.target, status: res.statusCode ?? 0, code, json, ms: performance.now() - started });
        req.destroy();
      });
      res.once('error', () => undefined);
    });
    req.once('error', (error) => {
      // Writing after the server answered and closed is expected; an error before any answer is the outcome.
      if (answered) return;
      clearTimeout(timer);
      resolve({ name: kase.name, target: kase.target, status: 0, code: `connection: ${(error as NodeJS.ErrnoException).code ?? error.message}`, json: undefined, ms: performance.now() - started });
    });
    let offset = 0;
    const pump = (): void => {
      while (offset < body.length && !answered && !req.destroyed) {
        const chunk = body.subarray(offset, offset + CHUNK);
        offset += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered && !req.destroyed) req.end();
    };
    pump();
  });
}

/** Raw bytes on a TCP connection; the answer is read until the server closes or the deadline. */
export function sendRaw(kase: RawCase, endpoint: HostileEndpoint): Promise<HostileOutcome> {
  const deadline = kase.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const bytes = bodyBytes(typeof kase.bytes === 'string' ? kase.bytes : kase.bytes).toString('latin1').replaceAll('{{host}}', `${endpoint.host}:${endpoint.port}`);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = connect(endpoint.port, endpoint.host, () => socket.write(Buffer.from(bytes, 'latin1')));
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new DeadlineExceeded(kase.name, deadline));
    }, deadline);
    const finish = (): void => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      const { code, json } = parseAnswer(status, text.split('\r\n\r\n').slice(1).join('\r\n\r\n'));
      resolve({ name: kase.name, target: kase.target, status, code, json, ms: performance.now() - started });
      socket.destroy();
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // One complete answer is enough: keep-alive servers would otherwise hold the socket open.
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, rest] = [text.split('\r\n\r\n')[0] ?? '', text.split('\r\n\r\n').slice(1).join('\r\n\r\n')];
      const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1];
      if (length !== undefined && Buffer.byteLength(rest) >= Number(length)) finish();
    });
    socket.once('end', finish);
    socket.once('error', finish);
  });
}

/** A WebSocket as the case describes it; the outcome carries the close code or the first message. */
export function sendWs(kase: WsCase, endpoint: HostileEndpoint): Promise<HostileOutcome> {
  const deadline = kase.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const key = endpoint.keyFor(kase.auth ?? 'none');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://${endpoint.host}:${endpoint.port}${kase.path}`, kase.protocol, key && !kase.keyInMessages ? { headers: { authorization: `Bearer ${key}` } } : {});
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new DeadlineExceeded(kase.name, deadline));
    }, deadline);
    const done = (outcome: Partial<HostileOutcome> & { status: number }): void => {
      clearTimeout(timer);
      resolve({ name: kase.name, target: kase.target, code: undefined, json: undefined, ms: performance.now() - started, ...outcome });
      socket.terminate();
    };
    // `{{key}}` in a message stands for the case's key (graphql-ws sends it in connection_init, not a header).
    // After a connection_init the rest waits for connection_ack, as a graphql-ws client does.
    const pending = [...kase.messages];
    let awaitingAck = false;
    const sendPending = (): void => {
      while (pending.length > 0 && !awaitingAck) {
        const message = pending.shift()!;
        socket.send((typeof message === 'string' ? message : JSON.stringify(message)).replaceAll('{{key}}', key ?? ''));
        awaitingAck = typeof message !== 'string' && message['type'] === 'connection_init';
      }
    };
    socket.once('open', sendPending);
    socket.on('message', (data: WebSocket.RawData) => {
      if (!awaitingAck || !data.toString().includes('"connection_ack"')) return;
      awaitingAck = false;
      sendPending();
    });
    // The first message, or with an expected `type` the first of that type (past graphql-ws's connection_ack).
    const wanted = 'message' in kase.expect ? kase.expect.message['type'] : undefined;
    socket.on('message', (data: WebSocket.RawData) => {
      if (!('message' in kase.expect)) return;
      const text = data.toString();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Not JSON: compared as text.
      }
      if (wanted !== undefined && (parsed as { type?: unknown } | null)?.type !== wanted) return;
      done({ status: 101, wsMessage: parsed });
    });
    socket.once('close', (code: number, reason: Buffer) => done({ status: 101, wsClose: { code, reason: reason.toString() } }));
    socket.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('end', () => {
        const { code, json } = parseAnswer(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'));
        done({ status: res.statusCode ?? 0, code, json });
      });
    });
    socket.once('error', () => undefined);
  });
}
