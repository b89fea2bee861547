import { afterEach, describe, expect, it } from 'vitest';
import { closeFakeHttpServers, fakeHttpServer, runnerHarness } from '../core/testing/source-test-kit.js';
import { createRssConnectors, rssEnvSchema, type RssCheckpoint } from './rss-feed.connector.js';

afterEach(closeFakeHttpServers);

// --- fixtures ---
interface Item {
  guid?: string;
  title?: string;
  link?: string;
  description?: string;
  pubDate?: string;
  creator?: string;
}
const rss = (items: Item[]) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>Acme News</title><link>https://news.example.com/</link>
<atom:link href="https://news.example.com/feed" rel="self" type="application/rss+xml"/>
${items
  .map(
    (i) => `<item>${i.title !== undefined ? `<title>${i.title}</title>` : ''}${i.link ? `<link>${i.link}</link>` : ''}${i.guid ? `<guid isPermaLink="false">${i.guid}</guid>` : ''}${
      i.description !== undefined ? `<description>${i.description}</description>` : ''
    }${i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : ''}${i.creator ? `<dc:creator>${i.creator}</dc:creator>` : ''}</item>`,
  )
  .join('\n')}
</channel></rss>`;

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Acme Blog</title>
  <link href="https://blog.example.org/" rel="alternate"/>
  <entry>
    <title type="html">Acme &amp;amp; friends</title>
    <link rel="self" href="https://blog.example.org/api/1"/>
    <link rel="alternate" href="https://blog.example.org/posts/1"/>
    <id>tag:blog.example.org,2026:1</id>
    <updated>2026-03-02T10:00:00Z</updated>
    <published>2026-03-01T09:00:00Z</published>
    <summary type="html">&lt;p&gt;We tried &lt;b&gt;Acme&lt;/b&gt; rockets.&lt;/p&gt;&lt;p&gt;Verdict: great.&lt;/p&gt;</summary>
    <author><name>Wile E.</name></author>
  </entry>
  <entry>
    <title>Second</title>
    <link href="/posts/2"/>
    <id>tag:blog.example.org,2026:2</id>
    <updated>2026-03-03T10:00:00Z</updated>
    <content type="html"><![CDATA[<div>Acme <i>again</i></div>]]></content>
  </entry>
</feed>`;

const connectorFor = (feeds: string[]) => createRssConnectors(rssEnvSchema.parse({ RSS_FEEDS: feeds.join(',') }))[0]!;

describe('rssEnvSchema / createRssConnectors', () => {
  it('is disabled without feeds and validates URLs', () => {
    expect(createRssConnectors(rssEnvSchema.parse({}))).toEqual([]);
    expect(rssEnvSchema.safeParse({ RSS_FEEDS: 'https://a.example/rss, ftp://nope' }).success).toBe(false);
    expect(rssEnvSchema.parse({ RSS_FEEDS: 'https://a.example/rss,https://a.example/rss' }).RSS_FEEDS).toHaveLength(1);
  });
});

describe('RssFeedConnector', () => {
  it('parses RSS 2.0 items into mentions, strips HTML and skips items without link and title', async () => {
    const base = await fakeHttpServer((_req, res) => {
      res.setHeader('content-type', 'application/rss+xml');
      res.end(
        rss([
          { guid: 'g-1', title: 'Acme launches rockets', link: 'https://news.example.com/1', description: '&lt;p&gt;Big &lt;b&gt;news&lt;/b&gt; today&lt;/p&gt;', pubDate: 'Mon, 02 Mar 2026 10:00:00 GMT', creator: 'Jane Doe' },
          { title: '', description: 'orphan description' },
          { title: 'No guid, link is the id', link: 'https://news.example.com/2', description: '<![CDATA[<b>Acme</b> &amp; more]]>' },
        ]),
      );
    });
    const h = runnerHarness();
    expect(await h.run(connectorFor([`${base}/feed`]))).toBe(2);
    expect(h.published.map((m) => m.sourceId)).toEqual(['g-1', 'https://news.example.com/2']);
    expect(h.published[0]).toMatchObject({
      source: 'rss',
      url: 'https://news.example.com/1',
      text: 'Acme launches rockets\n\nBig news today',
      publishedAt: '2026-03-02T10:00:00.000Z',
      author: { id: '127.0.0.1:' + new URL(base).port, name: 'Jane Doe', url: 'https://news.example.com/' },
      topicIds: ['acme'],
    });
    expect(h.published[1]!.text).toBe('No guid, link is the id\n\nAcme & more');
    expect(h.skipped).toEqual(['rss item has neither link nor title']);
  });

  it('parses Atom entries (alternate link, summary or content, published or updated, author name)', async () => {
    const base = await fakeHttpServer((_req, res) => res.end(atom));
    const h = runnerHarness();
    await h.run(connectorFor([`${base}/atom`]));
    expect(h.published).toHaveLength(2);
    expect(h.published[0]).toMatchObject({
      sourceId: 'tag:blog.example.org,2026:1',
      url: 'https://blog.example.org/posts/1',
      text: 'Acme & friends\n\nWe tried Acme rockets.\nVerdict: great.',
      publishedAt: '2026-03-01T09:00:00.000Z',
      author: { name: 'Wile E.', url: 'https://blog.example.org/' },
    });
    expect(h.published[1]).toMatchObject({ url: `${base}/posts/2`, text: 'Second\n\nAcme again', publishedAt: '2026-03-03T10:00:00.000Z' });
  });

  it('sends the stored validators, publishes nothing on 304, and only new items after a restart', async () => {
    let items: Item[] = [
      { guid: 'a', title: 'Acme one', link: 'https://n.example/a' },
      { guid: 'b', title: 'Acme two', link: 'https://n.example/b' },
    ];
    let version = 1;
    const conditional: (string | undefined)[] = [];
    const base = await fakeHttpServer((req, res) => {
      conditional.push(req.headers['if-none-match'] as string | undefined);
      const etag = `"v${version}"`;
      if (req.headers['if-none-match'] === etag) {
        res.statusCode = 304;
        return res.end();
      }
      res.setHeader('etag', etag);
      res.setHeader('last-modified', 'Mon, 02 Mar 2026 10:00:00 GMT');
      res.end(rss(items));
    });
    const h = runnerHarness();
    const feed = `${base}/feed`;
    expect(await h.run(connectorFor([feed]))).toBe(2);
    expect((await h.checkpoints.load<RssCheckpoint>('rss'))!.feeds[feed]).toEqual({ etag: '"v1"', lastModified: 'Mon, 02 Mar 2026 10:00:00 GMT', seen: ['a', 'b'] });

    // Restart: a fresh connector from the saved checkpoint; the server answers 304.
    expect(await h.run(connectorFor([feed]))).toBe(0);
    expect(conditional).toEqual([undefined, '"v1"']);

    // The feed changes: one new item on top, one re-listed; only the new one is published.
    items = [{ guid: 'c', title: 'Acme three', link: 'https://n.example/c' }, ...items];
    version = 2;
    expect(await h.run(connectorFor([feed]))).toBe(1);
    expect(h.published.map((m) => m.sourceId)).toEqual(['a', 'b', 'c']);
    expect((await h.checkpoints.load<RssCheckpoint>('rss'))!.feeds[feed]!.seen).toEqual(['c', 'a', 'b']);
  });

  it('keeps the seen set bounded while remembering everything still listed', async () => {
    let items: Item[] = Array.from({ length: 5 }, (_, i) => ({ guid: `id-${i}`, title: `Acme ${i}`, link: `https://n.example/${i}` }));
    const base = await fakeHttpServer((_req, res) => res.end(rss(items)));
    const h = runnerHarness();
    const connector = createRssConnectors(rssEnvSchema.parse({ RSS_FEEDS: `${base}/f`, RSS_SEEN_LIMIT: '3' }))[0]!;
    expect(await h.run(connector)).toBe(5);
    expect(await h.run(connector)).toBe(0);
    items = [{ guid: 'id-new', title: 'Acme new', link: 'https://n.example/new' }];
    expect(await h.run(connector)).toBe(1);
    expect((await h.checkpoints.load<RssCheckpoint>('rss'))!.feeds[`${base}/f`]!.seen).toEqual(['id-new', 'id-0', 'id-1']);
  });

  it('retries a 500 and a 429 with Retry-After, then succeeds', async () => {
    let calls = 0;
    const base = await fakeHttpServer((_req, res) => {
      calls++;
      if (calls === 1) {
        res.statusCode = 500;
        return res.end('oops');
      }
      if (calls === 2) {
        res.statusCode = 429;
        res.setHeader('retry-after', '7');
        return res.end();
      }
      res.end(rss([{ guid: 'x', title: 'Acme', link: 'https://n.example/x' }]));
    });
    const h = runnerHarness();
    expect(await h.run(connectorFor([`${base}/f`]))).toBe(1);
    expect(calls).toBe(3);
    expect(h.sleeps).toContain(7000);
  });

  it('fails only the malformed feed; the others are published', async () => {
    const base = await fakeHttpServer((_req, res, url) => {
      if (url.pathname === '/broken') return res.end('<rss><channel><item><title>unclosed</channel></rss>');
      if (url.pathname === '/html') return res.end('<html><body>not a feed</body></html>');
      res.end(rss([{ guid: 'ok', title: 'Acme fine', link: 'https://n.example/ok' }]));
    });
    const h = runnerHarness();
    expect(await h.run(connectorFor([`${base}/broken`, `${base}/html`, `${base}/good`]))).toBe(1);
    const checkpoint = (await h.checkpoints.load<RssCheckpoint>('rss'))!;
    expect(Object.keys(checkpoint.feeds)).toEqual([`${base}/good`]);
  });

  it('throws when every feed fails, so the runner backs off', async () => {
    const base = await fakeHttpServer((_req, res) => {
      res.statusCode = 404;
      res.end('gone');
    });
    const h = runnerHarness();
    await expect(h.run(connectorFor([`${base}/a`, `${base}/b`]))).rejects.toThrow(/all 2 RSS feeds failed/);
  });
});
