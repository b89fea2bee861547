import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceBatch, SourceContext } from '../core/source.port.js';
import { closeFakeHttpServers, fakeHttpServer, testSourceContext, testTopic } from '../core/testing/source-test-kit.js';
import { XStreamConnector, XStreamRefusedError, type XStreamCheckpoint, type XStreamOptions } from './x-stream.connector.js';

afterEach(closeFakeHttpServers);

const EPOCH = 1288834974657n;
let seq = 0;
const newTweet = (text: string, author = '1') => {
  const ms = Date.now();
  return { id: String(((BigInt(ms) - EPOCH) << 22n) + BigInt(seq++ % 4096)), text, created_at: new Date(ms).toISOString(), author_id: author };
};
type Tweet = ReturnType<typeof newTweet>;
const line = (t: Tweet) => `${JSON.stringify({ data: t, includes: { users: [{ id: t.author_id, username: `u${t.author_id}`, name: 'Имя' }] }, matching_rules: [{ id: '9', tag: 'pulse:beeline' }] })}\r\n`;

/** Rules, the filtered stream (kept open; the test writes to it) and recent search for the catch-up. */
class FakeXStream {
  rules: Array<{ id: string; value: string; tag?: string }> = [];
  readonly ruleChanges: unknown[] = [];
  readonly streams: ServerResponse[] = [];
  /** Tweets posted while not streamed: found by the catch-up search. */
  searchable: Tweet[] = [];
  readonly searches: URL[] = [];
  onConnect: (res: ServerResponse) => void = () => undefined;
  streamStatus = 200;
  url = '';
  private nextRuleId = 100;

  async start(): Promise<this> {
    this.url = await fakeHttpServer((req, res) => void this.handle(req, res));
    return this;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '', 'http://x');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    expect(req.headers.authorization).toBe('Bearer bearer-1');
    if (url.pathname === '/2/tweets/search/stream/rules') {
      if (req.method === 'GET') return json(200, { data: this.rules, meta: { result_count: this.rules.length } });
      let raw = '';
      for await (const chunk of req) raw += String(chunk);
      const change = JSON.parse(raw) as { add?: Array<{ value: string; tag: string }>; delete?: { ids: string[] } };
      this.ruleChanges.push(change);
      if (change.delete) this.rules = this.rules.filter((r) => !change.delete!.ids.includes(r.id));
      for (const r of change.add ?? []) this.rules.push({ id: String(this.nextRuleId++), ...r });
      return json(200, { meta: { summary: { created: change.add?.length ?? 0, deleted: change.delete?.ids.length ?? 0 } } });
    }
    if (url.pathname === '/2/tweets/search/stream') {
      if (this.streamStatus !== 200) return json(this.streamStatus, { title: 'Unauthorized', detail: 'Unauthorized' });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('\r\n');
      this.streams.push(res);
      return this.onConnect(res);
    }
    if (url.pathname === '/2/tweets/search/recent') {
      this.searches.push(url);
      const since = BigInt(url.searchParams.get('since_id') ?? '0');
      const terms = url.searchParams.get('query')!.replace(/ -is:retweet$/, '').replace(/^\(|\)$/g, '').split(' OR ');
      const data = this.searchable.filter((t) => BigInt(t.id) > since && terms.some((term) => t.text.includes(term))).reverse();
      return json(200, data.length ? { data, includes: { users: [] }, meta: { newest_id: data[0]!.id, result_count: data.length } } : { meta: { result_count: 0 } });
    }
    json(404, {});
  }
}

const topics = [testTopic('beeline', ['Билайн', 'beeline'], { name: 'Билайн' }), testTopic('mts', ['МТС'], { name: 'МТС' })];

function context() {
  const abort = new AbortController();
  return { ...testSourceContext(topics, { initialBackoffMs: 1 }, abort.signal), abort };
}

function connector(url: string, options: Partial<XStreamOptions> = {}) {
  const backoffs: number[] = [];
  const c = new XStreamConnector({
    apiUrl: url,
    bearerToken: 'bearer-1',
    maxLength: 512,
    includeRetweets: false,
    flushItems: 3,
    flushMs: 50,
    stallMs: 5000,
    initialBackoffMs: 10,
    maxBackoffMs: 100,
    catchUp: true,
    sleep: async (ms, signal) => {
      backoffs.push(ms);
      await new Promise((r) => setTimeout(r, 5));
      signal?.throwIfAborted();
    },
    ...options,
  });
  return { c, backoffs };
}

function consume(c: XStreamConnector, checkpoint: XStreamCheckpoint | undefined, ctx: SourceContext) {
  const batches: Array<SourceBatch<XStreamCheckpoint>> = [];
  const done = (async () => {
    for await (const b of c.collect(checkpoint, ctx)) batches.push(b);
  })();
  return { batches, done, items: () => batches.flatMap((b) => b.items) };
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('XStreamConnector', () => {
  it('syncs rules, streams NDJSON in batches by count and by time, and stops on abort', async () => {
    const x = await new FakeXStream().start();
    x.rules = [
      { id: '1', value: '(старое) -is:retweet', tag: 'pulse:old' },
      { id: '2', value: 'cats', tag: 'another-app' },
      { id: '3', value: '(Билайн OR beeline) -is:retweet', tag: 'pulse:beeline' },
    ];
    const tweets = [newTweet('Билайн 1'), newTweet('beeline 2'), newTweet('МТС 3'), newTweet('Билайн 4')];
    x.onConnect = (res) => {
      res.write(line(tweets[0]!) + line(tweets[1]!));
      res.write('\r\n');
      res.write(line(tweets[2]!).slice(0, 20));
      setTimeout(() => res.write(line(tweets[2]!).slice(20) + 'not json\r\n' + JSON.stringify({ errors: [{ title: 'operational-disconnect' }] }) + '\r\n' + line(tweets[3]!)), 20);
    };
    const { ctx, skipped, abort } = context();
    const { c } = connector(x.url);
    const run = consume(c, undefined, ctx);
    await until(() => run.items().length === 4);

    expect(x.ruleChanges).toEqual([{ delete: { ids: ['1'] } }, { add: [{ value: '(МТС) -is:retweet', tag: 'pulse:mts' }] }]);
    expect(x.rules.map((r) => r.tag).sort()).toEqual(['another-app', 'pulse:beeline', 'pulse:mts']);
    expect(run.batches.map((b) => b.items.length)).toEqual([3, 1]);
    expect(run.items()[0]).toMatchObject({ source: 'twitter', sourceId: tweets[0]!.id, url: `https://x.com/u1/status/${tweets[0]!.id}`, text: 'Билайн 1' });
    expect(run.batches.at(-1)!.checkpoint).toEqual({ lastId: tweets[3]!.id });
    expect(skipped).toEqual(['x stream line is not JSON']);
    expect(x.searches).toHaveLength(0);

    const stopping = Date.now();
    abort.abort(new Error('stop'));
    await run.done;
    expect(Date.now() - stopping).toBeLessThan(1000);
    expect(x.streams).toHaveLength(1);
  });

  it('reconnects when the stream ends and fills the gap with a catch-up search, without duplicates', async () => {
    const x = await new FakeXStream().start();
    const before = [newTweet('Билайн a'), newTweet('Билайн b')];
    const missed = [newTweet('Билайн пропущенный 1'), newTweet('МТС пропущенный 2')];
    const after = newTweet('Билайн после');
    x.onConnect = (res) => {
      if (x.streams.length === 1) {
        res.end(line(before[0]!) + line(before[1]!));
        x.searchable = [...before, ...missed];
      } else res.write(line(after));
    };
    const { ctx, abort } = context();
    const { c, backoffs } = connector(x.url);
    const run = consume(c, undefined, ctx);
    await until(() => run.items().some((i) => i.sourceId === after.id));
    abort.abort(new Error('stop'));
    await run.done;

    const ids = run.items().map((i) => i.sourceId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([...before, ...missed, after].map((t) => t.id).sort());
    expect(x.streams).toHaveLength(2);
    expect(backoffs[0]).toBe(10);
    // One search per rule, each after the last streamed tweet.
    expect(x.searches.map((s) => s.searchParams.get('since_id'))).toEqual([before[1]!.id, before[1]!.id]);
    expect(run.batches.at(-1)!.checkpoint).toEqual({ lastId: after.id });
  });

  it('catches up from the saved checkpoint after a restart', async () => {
    const x = await new FakeXStream().start();
    const seen = newTweet('Билайн уже был');
    const missed = newTweet('Билайн пока лежали');
    x.searchable = [seen, missed];
    const { ctx, abort } = context();
    const { c } = connector(x.url);
    const run = consume(c, { lastId: seen.id }, ctx);
    await until(() => run.batches.some((b) => b.checkpoint.lastId === missed.id));
    abort.abort(new Error('stop'));
    await run.done;
    expect(run.items().map((i) => i.sourceId)).toEqual([missed.id]);
  });

  it('reconnects a stalled stream (no keep-alives) with growing backoff', async () => {
    const x = await new FakeXStream().start();
    const { ctx, abort } = context();
    const { c, backoffs } = connector(x.url, { stallMs: 100 });
    const run = consume(c, undefined, ctx);
    await until(() => x.streams.length >= 3);
    abort.abort(new Error('stop'));
    await run.done;
    expect(backoffs.slice(0, 2)).toEqual([10, 20]);
  });

  it('gives up with a clear error when X refuses the stream (401)', async () => {
    const x = await new FakeXStream().start();
    x.streamStatus = 401;
    const { ctx } = context();
    const { c } = connector(x.url);
    await expect(consume(c, undefined, ctx).done).rejects.toThrow(XStreamRefusedError);
  });
});
