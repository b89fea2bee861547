import { mentionId } from '@pulse/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCheckpointStore } from '../core/checkpoint.store.js';
import { closeFakeHttpServers, collectPass, fakeHttpServer, testSourceContext } from '../core/testing/source-test-kit.js';
import { TelegramChannelConnector } from './telegram-channel.connector.js';
import { parseCount, parseTelegramWebPage } from './telegram-web.parser.js';
import { createTelegramConnectors, telegramEnvSchema } from './telegram.connectors.js';

afterEach(closeFakeHttpServers);

interface FakePost {
  id: number;
  html: string;
  date?: string;
  views?: string;
  kind?: 'service' | 'no-date';
  replyTo?: number;
  reactions?: string[];
}

const T0 = Date.parse('2026-11-20T08:00:00Z');

/** Markup as t.me/s/<channel> renders it (trimmed to what the parser reads, plus some noise). */
function renderPost(channel: string, p: FakePost): string {
  if (p.kind === 'service') {
    return `<div class="tgme_widget_message_wrap"><div class="tgme_widget_message service_message js-widget_message" data-post="${channel}/${p.id}"><div class="tgme_widget_message_text">Channel photo updated</div></div></div>`;
  }
  const date = p.date ?? new Date(T0 + p.id * 60_000).toISOString().replace('.000Z', '+00:00');
  const reply = p.replyTo
    ? `<a class="tgme_widget_message_reply" href="https://t.me/${channel}/${p.replyTo}"><div class="tgme_widget_message_author accent_color"><span class="tgme_widget_message_author_name">Билайн</span></div><div class="tgme_widget_message_text js-message_reply_text">Цитата исходного поста</div></a>`
    : '';
  const reactions = p.reactions ? `<div class="tgme_widget_message_reactions">${p.reactions.map((r) => `<span class="tgme_reaction"><i class="emoji"><b>👍</b></i>${r}</span>`).join('')}</div>` : '';
  return `<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="${channel}/${p.id}" data-view="abc">
  <div class="tgme_widget_message_user"><a href="https://t.me/${channel}"><i class="tgme_widget_message_user_photo bgcolor0"><img src="https://cdn.example/x.jpg"></i></a></div>
  <div class="tgme_widget_message_bubble"><i class="tgme_widget_message_bubble_tail"></i>
    <div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/${channel}"><span dir="auto">Билайн &amp; Ко</span></a></div>
    ${reply}
    ${p.html ? `<div class="tgme_widget_message_text js-message_text" dir="auto">${p.html}</div>` : '<a class="tgme_widget_message_photo_wrap" href="#"></a>'}
    ${reactions}
    <div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info">
      <span class="tgme_widget_message_views">${p.views ?? '1.2K'}</span><span class="copyonly"> views</span>
      <span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/${channel}/${p.id}">${p.kind === 'no-date' ? '' : `<time datetime="${date}" class="time">12:00</time>`}</a></span>
    </div></div>
  </div></div></div>`;
}

class FakeTme {
  readonly channels = new Map<string, FakePost[]>();
  readonly requests: string[] = [];
  readonly inject: Array<{ status: number; headers?: Record<string, string> }> = [];
  url = '';

  async start(): Promise<this> {
    this.url = await fakeHttpServer((req, res) => {
      this.requests.push(req.url ?? '');
      const injected = this.inject.shift();
      if (injected) {
        res.writeHead(injected.status, injected.headers);
        return res.end('slow down');
      }
      const url = new URL(req.url ?? '', 'http://x');
      const channel = /^\/s\/([^/]+)$/.exec(url.pathname)?.[1];
      const posts = channel ? this.channels.get(channel.toLowerCase()) : undefined;
      if (!channel || !posts) {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('<html><body><div class="tgme_page">Telegram: Contact</div></body></html>');
      }
      const before = Number(url.searchParams.get('before') ?? Infinity);
      const page = posts.filter((p) => p.id < before).slice(-20);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!DOCTYPE html><html><head><title>Билайн – Telegram</title></head><body>
        <div class="tgme_channel_info"><div class="tgme_channel_info_counters">
          <div class="tgme_channel_info_counter"><span class="counter_value">12.5K</span> <span class="counter_type">subscribers</span></div>
          <div class="tgme_channel_info_counter"><span class="counter_value">1.1K</span> <span class="counter_type">photos</span></div>
        </div></div>
        <section class="tgme_channel_history js-message_history">${page.map((p) => renderPost(channel.toLowerCase(), p)).join('\n')}</section></body></html>`);
    });
    return this;
  }

  add(channel: string, from: number, to: number, text = (id: number) => `Пост номер ${id}`): void {
    const posts = this.channels.get(channel.toLowerCase()) ?? [];
    for (let id = from; id <= to; id++) posts.push({ id, html: text(id) });
    this.channels.set(channel.toLowerCase(), posts);
  }
}

const context = () => testSourceContext([], { initialBackoffMs: 3 });

function connector(url: string, channels = ['Beeline'], firstRunMaxPages = 3): TelegramChannelConnector {
  return new TelegramChannelConnector({ channels, webUrl: url, pollIntervalMs: 1000, firstRunMaxPages, catchUpMaxPages: 50 });
}

describe('parseTelegramWebPage', () => {
  it('reads text with entities and line breaks, date, views, reactions, replies and subscribers', () => {
    const html = `<div class="tgme_channel_info_counter"><span class="counter_value">3.4M</span><span class="counter_type">subscribers</span></div>${renderPost('beeline', {
      id: 7,
      html: 'Тарифы &laquo;Всё&raquo; &amp; <b>скидки</b><br/>до 31.12 <a href="https://beeline.ru">beeline.ru</a> <i class="emoji" style="x"><b>🔥</b></i>',
      views: '987',
      replyTo: 5,
      reactions: ['1.5K', '12'],
    })}`;
    const page = parseTelegramWebPage(html);
    expect(page.subscribers).toBe(3_400_000);
    expect(page.posts).toEqual([
      {
        channel: 'beeline',
        id: 7,
        url: 'https://t.me/beeline/7',
        text: 'Тарифы «Всё» & скидки\nдо 31.12 beeline.ru 🔥',
        publishedAt: new Date(T0 + 7 * 60_000).toISOString(),
        authorName: 'Билайн & Ко',
        views: 987,
        reactions: 1512,
        replyToId: 5,
      },
    ]);
  });

  it('parses view counters', () => {
    expect([parseCount('987'), parseCount('1.2K'), parseCount('3,4M'), parseCount(' 12K '), parseCount('n/a'), parseCount(undefined)]).toEqual([987, 1200, 3_400_000, 12_000, undefined, undefined]);
  });
});

describe('TelegramChannelConnector', () => {
  it('pages backwards with before= up to the first-run limit and emits oldest first', async () => {
    const tme = await new FakeTme().start();
    tme.add('beeline', 1, 95);
    const { ctx } = context();
    const store = new MemoryCheckpointStore();
    const items = await collectPass(connector(tme.url), store, ctx);
    expect(items.map((i) => i.sourceId)).toEqual(Array.from({ length: 60 }, (_, i) => `beeline/${36 + i}`));
    expect(tme.requests).toEqual(['/s/Beeline', '/s/Beeline?before=76', '/s/Beeline?before=56']);
    expect(items[0]).toMatchObject({
      source: 'telegram',
      url: 'https://t.me/beeline/36',
      text: 'Пост номер 36',
      author: { id: 'beeline', handle: 'beeline', name: 'Билайн & Ко', url: 'https://t.me/beeline', followers: 12_500 },
      engagement: { likes: 0, reposts: 0, comments: 0, views: 1200 },
    });
    expect(store.saved.get('telegram-channels')).toEqual({ channels: { beeline: { lastId: 95 } } });
  });

  it('resumes after a restart with only the new posts, paging back exactly to the checkpoint', async () => {
    const tme = await new FakeTme().start();
    tme.add('beeline', 1, 30);
    const { ctx } = context();
    const store = new MemoryCheckpointStore();
    expect(await collectPass(connector(tme.url), store, ctx)).toHaveLength(30);

    tme.add('beeline', 31, 75);
    tme.requests.length = 0;
    const second = await collectPass(connector(tme.url), store, ctx);
    expect(second.map((i) => i.sourceId)).toEqual(Array.from({ length: 45 }, (_, i) => `beeline/${31 + i}`));
    expect(tme.requests).toEqual(['/s/Beeline', '/s/Beeline?before=56', '/s/Beeline?before=36']);
    expect(await collectPass(connector(tme.url), store, ctx)).toEqual([]);
  });

  it('skips malformed and media-only posts, counting only the malformed, and moves past them', async () => {
    const tme = await new FakeTme().start();
    tme.channels.set('beeline', [
      { id: 1, html: 'Первый' },
      { id: 2, html: 'Без даты', kind: 'no-date' },
      { id: 3, html: '' },
      { id: 4, html: 'Ответ', replyTo: 1 },
      { id: 5, html: '', kind: 'service' },
    ]);
    const { ctx, skipped } = context();
    const store = new MemoryCheckpointStore();
    const items = await collectPass(connector(tme.url), store, ctx);
    expect(items.map((i) => [i.sourceId, i.text, i.parentId])).toEqual([
      ['beeline/1', 'Первый', undefined],
      ['beeline/4', 'Ответ', mentionId('telegram', 'beeline/1')],
    ]);
    expect(skipped).toEqual(['telegram post without a valid date']);
    expect(store.saved.get('telegram-channels')).toEqual({ channels: { beeline: { lastId: 5 } } });
  });

  it('backs off on 429 with Retry-After and on 500, and survives a channel without a preview', async () => {
    const tme = await new FakeTme().start();
    tme.add('beeline', 1, 3);
    tme.inject.push({ status: 429, headers: { 'retry-after': '4' } }, { status: 500 });
    const { ctx, sleeps } = context();
    const items = await collectPass(connector(tme.url, ['ghost_channel', 'beeline']), new MemoryCheckpointStore(), ctx);
    expect(items).toHaveLength(3);
    expect(sleeps).toContain(4000);
    expect(ctx.http.stats.retries).toBe(2);
  });
});

describe('createTelegramConnectors', () => {
  it('enables each connector only when configured and normalises channel names', () => {
    expect(createTelegramConnectors(telegramEnvSchema.parse({}))).toEqual([]);
    const env = telegramEnvSchema.parse({ TELEGRAM_CHANNELS: '@beeline, https://t.me/s/mts_official ,t.me/tele2,beeline', TELEGRAM_BOT_TOKEN: '1:abc' });
    expect(env.TELEGRAM_CHANNELS).toEqual(['beeline', 'mts_official', 'tele2']);
    expect(createTelegramConnectors(env).map((c) => c.name)).toEqual(['telegram-channels', 'telegram-bot']);
    expect(() => telegramEnvSchema.parse({ TELEGRAM_CHANNELS: 'bad name!' })).toThrow(/channel usernames/);
  });
});
