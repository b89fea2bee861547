import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { runnerHarness, testTopic } from '../core/testing/source-test-kit.js';
import { blueskyEnvSchema, createBlueskyConnectors, type BlueskyCheckpoint } from './bluesky-jetstream.connector.js';
import { StreamBatches } from './stream-batches.js';

// --- a fake Jetstream: replays its log from ?cursor=, then live events to every client ---
interface FakeJetstream {
  url: string;
  log: Record<string, unknown>[];
  connections: URL[];
  clients: Set<WebSocket>;
  emit: (...events: Record<string, unknown>[]) => void;
  sendRaw: (data: string) => void;
  dropAll: () => void;
  close: () => Promise<void>;
}
const jetstreams: FakeJetstream[] = [];
afterEach(async () => {
  await Promise.all(jetstreams.splice(0).map((j) => j.close()));
});
async function fakeJetstream(): Promise<FakeJetstream> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  const j: FakeJetstream = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/subscribe`,
    log: [],
    connections: [],
    clients: new Set(),
    emit: (...events) => {
      j.log.push(...events);
      for (const c of j.clients) for (const e of events) c.send(JSON.stringify(e));
    },
    sendRaw: (data) => {
      for (const c of j.clients) c.send(data);
    },
    dropAll: () => {
      for (const c of j.clients) c.terminate();
      j.clients.clear();
    },
    close: async () => {
      j.dropAll();
      await new Promise((resolve) => wss.close(resolve));
    },
  };
  wss.on('connection', (socket, req) => {
    const url = new URL(req.url ?? '/', 'ws://localhost');
    j.connections.push(url);
    expect(url.searchParams.get('wantedCollections')).toBe('app.bsky.feed.post');
    const cursor = url.searchParams.get('cursor');
    if (cursor) for (const e of j.log.filter((e) => (e.time_us as number) >= Number(cursor))) socket.send(JSON.stringify(e));
    j.clients.add(socket);
    socket.on('close', () => j.clients.delete(socket));
  });
  jetstreams.push(j);
  return j;
}

let timeUs = 1_780_000_000_000_000;
let rkeySeq = 0;
const postEvent = (text: string, extra: { record?: Record<string, unknown>; timeUs?: number; did?: string } = {}) => {
  const t = extra.timeUs ?? (timeUs += 1_000_000);
  return {
    did: extra.did ?? 'did:plc:alice123',
    time_us: t,
    kind: 'commit',
    commit: {
      rev: 'x',
      operation: 'create',
      collection: 'app.bsky.feed.post',
      rkey: `3kpost${++rkeySeq}`,
      record: { $type: 'app.bsky.feed.post', text, createdAt: new Date(t / 1000 - 500).toISOString(), langs: ['en-US'], ...extra.record },
      cid: 'bafy',
    },
  };
};
const likeEvent = () => ({ did: 'did:plc:bob', time_us: (timeUs += 1_000_000), kind: 'commit', commit: { operation: 'create', collection: 'app.bsky.feed.like', rkey: 'l1', record: {} } });
const identityEvent = () => ({ did: 'did:plc:bob', time_us: (timeUs += 1_000_000), kind: 'identity', identity: { handle: 'bob.bsky.social' } });

const connector = (j: FakeJetstream, extra: Record<string, string> = {}) =>
  createBlueskyConnectors(blueskyEnvSchema.parse({ BLUESKY_ENABLED: 'true', BLUESKY_JETSTREAM_URL: j.url, BLUESKY_FLUSH_MS: '20', ...extra }), {
    reconnectBackoffMs: { initial: 5, max: 20 },
  })[0]!;
const until = async (condition: () => boolean, timeoutMs = 2_000) => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('bluesky env and factory', () => {
  it('is off unless enabled and takes only ws(s) URLs', () => {
    expect(createBlueskyConnectors(blueskyEnvSchema.parse({}))).toEqual([]);
    expect(createBlueskyConnectors(blueskyEnvSchema.parse({ BLUESKY_ENABLED: 'true' }))).toHaveLength(1);
    expect(blueskyEnvSchema.parse({}).BLUESKY_JETSTREAM_URL).toBe('wss://jetstream2.us-east.bsky.network/subscribe');
    expect(blueskyEnvSchema.safeParse({ BLUESKY_JETSTREAM_URL: 'https://example.com' }).success).toBe(false);
  });
});

describe('BlueskyJetstreamConnector', () => {
  it('keeps only posts matching a keyword, maps them, and saves the time_us cursor', async () => {
    const j = await fakeJetstream();
    const h = runnerHarness();
    const abort = new AbortController();
    const run = h.run(connector(j), abort.signal);
    await until(() => j.clients.size === 1);
    expect(j.connections[0]!.searchParams.get('cursor')).toBeNull();
    const reply = postEvent('Replying: ACME rockets are great', { record: { reply: { root: { uri: 'at://did:plc:x/app.bsky.feed.post/r' }, parent: { uri: 'at://did:plc:x/app.bsky.feed.post/p' } } } });
    j.emit(postEvent('nothing to see'), likeEvent(), identityEvent(), postEvent('I love acme'), postEvent('acmeish is not a match'), reply, likeEvent());
    await until(() => h.published.length === 2);
    abort.abort();
    await run;
    expect(h.published.map((m) => m.text)).toEqual(['I love acme', 'Replying: ACME rockets are great']);
    const first = h.published[0]!;
    expect(first).toMatchObject({
      source: 'bluesky',
      sourceId: expect.stringMatching(/^at:\/\/did:plc:alice123\/app\.bsky\.feed\.post\/3kpost\d+$/),
      url: expect.stringMatching(/^https:\/\/bsky\.app\/profile\/did:plc:alice123\/post\/3kpost\d+$/),
      author: { id: 'did:plc:alice123', handle: 'did:plc:alice123', url: 'https://bsky.app/profile/did:plc:alice123' },
      language: 'en',
      topicIds: ['acme'],
    });
    expect(h.published[1]!.parentId).toMatch(/^bluesky:/);
    await until(() => h.checkpoints.saved.size > 0);
    // The cursor follows every event read, not just the matching ones.
    expect((await h.checkpoints.load<BlueskyCheckpoint>('bluesky-jetstream'))!.cursor).toBe(timeUs);
  });

  it('resumes after a restart from the cursor minus the overlap: new posts only, late ones in the overlap included', async () => {
    const j = await fakeJetstream();
    const h = runnerHarness();
    let abort = new AbortController();
    let run = h.run(connector(j), abort.signal);
    await until(() => j.clients.size === 1);
    j.emit(postEvent('acme one'), postEvent('acme two'));
    await until(() => h.published.length === 2);
    await new Promise((r) => setTimeout(r, 40)); // let the cursor flush
    abort.abort();
    await run;
    const saved = (await h.checkpoints.load<BlueskyCheckpoint>('bluesky-jetstream'))!;
    expect(saved.recent).toHaveLength(2);

    // While down: new posts, and one stamped a moment *before* the saved cursor (arrived late).
    j.log.push(postEvent('acme late', { timeUs: saved.cursor - 500_000 }), postEvent('acme three'), postEvent('acme four'));
    abort = new AbortController();
    run = h.run(connector(j), abort.signal);
    await until(() => h.published.length >= 5);
    await new Promise((r) => setTimeout(r, 40));
    abort.abort();
    await run;
    expect(Number(j.connections[1]!.searchParams.get('cursor'))).toBe(saved.cursor - 3_000_000);
    expect(h.published.map((m) => m.text)).toEqual(['acme one', 'acme two', 'acme late', 'acme three', 'acme four']);
  });

  it('reconnects after the server drops the connection, resuming from its cursor', async () => {
    const j = await fakeJetstream();
    const h = runnerHarness();
    const abort = new AbortController();
    const run = h.run(connector(j), abort.signal);
    await until(() => j.clients.size === 1);
    j.emit(postEvent('acme before drop'));
    await until(() => h.published.length === 1);
    j.dropAll();
    j.log.push(postEvent('acme during outage'));
    await until(() => j.connections.length === 2);
    await until(() => h.published.length === 2);
    j.emit(postEvent('acme after'));
    await until(() => h.published.length === 3);
    abort.abort();
    await run;
    expect(j.connections[1]!.searchParams.get('cursor')).not.toBeNull();
    expect(h.published.map((m) => m.text)).toEqual(['acme before drop', 'acme during outage', 'acme after']);
  });

  it('skips malformed events and records without crashing', async () => {
    const j = await fakeJetstream();
    const h = runnerHarness();
    const abort = new AbortController();
    const run = h.run(connector(j), abort.signal);
    await until(() => j.clients.size === 1);
    j.sendRaw('{not json');
    j.sendRaw(JSON.stringify({ kind: 'commit', commit: {} }));
    j.emit(postEvent('acme', { record: { text: 42 } }), postEvent('   '), { ...postEvent('acme'), commit: { operation: 'create', collection: 'app.bsky.feed.post', rkey: 'bad rkey!', record: { text: 'acme' } } });
    j.emit(postEvent('acme survives'));
    await until(() => h.published.length === 1);
    abort.abort();
    await run;
    expect(h.skipped).toEqual(['jetstream message is not JSON', 'malformed jetstream event', 'malformed bluesky post record', 'bluesky post without text', 'bluesky post without a valid rkey']);
    expect(h.published[0]!.text).toBe('acme survives');
  });

  it('filters with a topic\'s boolean query when it has one', async () => {
    const j = await fakeJetstream();
    const h = runnerHarness([{ ...testTopic('rockets', []), query: 'acme AND rocket' }]);
    const abort = new AbortController();
    const run = h.run(connector(j), abort.signal);
    await until(() => j.clients.size === 1);
    j.emit(postEvent('acme alone'), postEvent('rocket alone'), postEvent('the acme rocket exploded'));
    await until(() => h.published.length === 1);
    await new Promise((r) => setTimeout(r, 40));
    abort.abort();
    await run;
    expect(h.published.map((m) => [m.text, m.topicIds])).toEqual([['the acme rocket exploded', ['rockets']]]);
  });

  it('flushes a full batch before the timer, and reconnects with the new filter when keywords change', async () => {
    const j = await fakeJetstream();
    const h = runnerHarness();
    const abort = new AbortController();
    const run = h.run(connector(j, { BLUESKY_BATCH_SIZE: '2', BLUESKY_FLUSH_MS: '60000' }), abort.signal);
    await until(() => j.clients.size === 1);
    j.emit(postEvent('acme 1'), postEvent('acme 2'), postEvent('acme 3'));
    await until(() => h.published.length === 2);
    h.registry.apply([{ ...testTopic('acme', ['Acme', 'Roadrunner']), updatedAt: '2026-02-01T00:00:00Z' }]);
    j.emit(postEvent('acme 4'));
    await until(() => j.connections.length === 2);
    j.emit(postEvent('roadrunner 1'), postEvent('roadrunner 2'));
    await until(() => h.published.some((m) => m.text === 'roadrunner 2'));
    abort.abort();
    await run;
    expect(h.published.map((m) => m.text)).toEqual(['acme 1', 'acme 2', 'acme 3', 'acme 4', 'roadrunner 1', 'roadrunner 2']);
  });
});

describe('StreamBatches', () => {
  it('caps batches at maxItems', async () => {
    const q = new StreamBatches<number>(2, 60_000);
    for (const n of [1, 2, 3, 4, 5]) q.push(n);
    q.close();
    const got: number[][] = [];
    for await (const b of q.drain(new AbortController().signal)) got.push(b);
    expect(got).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('hands over what was pushed before a failure, then the failure', async () => {
    const q = new StreamBatches<number>(10, 60_000);
    q.push(1);
    q.push(2);
    q.fail(new Error('boom'));
    const got: number[][] = [];
    await expect(
      (async () => {
        for await (const b of q.drain(new AbortController().signal)) got.push(b);
      })(),
    ).rejects.toThrow('boom');
    expect(got).toEqual([[1, 2]]);
  });
});
