import type { ServerResponse } from 'node:http';
import { mentionId, type RawMentionInput } from '@pulse/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCheckpointStore } from '../core/checkpoint.store.js';
import { closeFakeHttpServers, collectPass, fakeHttpServer, testSourceContext } from '../core/testing/source-test-kit.js';
import { TELEGRAM_ALLOWED_UPDATES, TelegramBotConnector, telegramBotFetch } from './telegram-bot.connector.js';
import { telegramEnvSchema, telegramHttpOptions } from './telegram.connectors.js';

const TOKEN = '123456:SECRET-token';
afterEach(closeFakeHttpServers);

/** The Bot API's getUpdates: confirms updates below `offset`, long-polls when empty. */
class FakeBotApi {
  updates: unknown[] = [];
  readonly requests: URL[] = [];
  readonly inject: Array<{ status: number; body: unknown }> = [];
  private waiting: Array<() => void> = [];
  url = '';

  async start(): Promise<this> {
    this.url = await fakeHttpServer((req, res) => {
      const url = new URL(req.url ?? '', 'http://x');
      this.requests.push(url);
      const injected = this.inject.shift();
      if (injected) return this.send(res, injected.status, injected.body);
      if (url.pathname !== `/bot${TOKEN}/getUpdates`) return this.send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
      expect(JSON.parse(url.searchParams.get('allowed_updates')!)).toEqual(TELEGRAM_ALLOWED_UPDATES);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      // Confirmation by offset; garbage without an id goes with it (the real API never sends any).
      if (url.searchParams.has('offset')) this.updates = this.updates.filter((u) => ((u as { update_id?: number }).update_id ?? -1) >= offset);
      const answer = () => this.send(res, 200, { ok: true, result: this.updates.slice(0, Number(url.searchParams.get('limit'))) });
      const timeout = Number(url.searchParams.get('timeout') ?? 0);
      if (this.updates.length > 0 || timeout === 0) return answer();
      const timer = setTimeout(answer, timeout * 1000);
      this.waiting.push(() => {
        clearTimeout(timer);
        answer();
      });
    });
    return this;
  }

  push(...updates: unknown[]): void {
    this.updates.push(...updates);
    for (const wake of this.waiting.splice(0)) wake();
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}

const group = { id: -1001234567890, type: 'supergroup', title: 'Абоненты Билайна', username: 'beeline_chat' };
const privateGroup = { id: -4001, type: 'group', title: 'Закрытая группа' };
const user = { id: 555, is_bot: false, first_name: 'Мария', last_name: 'С', username: 'masha' };
const date = Date.parse('2026-11-20T10:00:00Z') / 1000;
const message = (update_id: number, message_id: number, text: string, extra: Record<string, unknown> = {}) => ({ update_id, message: { message_id, date, chat: group, from: user, text, ...extra } });

const context = (fetchImpl?: typeof fetch, signal?: AbortSignal) => testSourceContext([], { initialBackoffMs: 3, ...(fetchImpl ? { fetch: fetchImpl } : {}) }, signal);

const connector = (url: string, longPollSeconds = 0, token = TOKEN) => new TelegramBotConnector({ token, apiUrl: url, pollIntervalMs: 1000, longPollSeconds });

describe('TelegramBotConnector', () => {
  it('maps messages, channel posts, edits, captions and replies; skips malformed updates and confirms the rest', async () => {
    const api = await new FakeBotApi().start();
    api.push(
      message(10, 1, 'Билайн опять без связи'),
      message(11, 2, 'Да, и у меня', { reply_to_message: { message_id: 1, date, chat: group } }),
      { update_id: 12, channel_post: { message_id: 77, date, chat: { id: -100999, type: 'channel', title: 'Новости Билайна', username: 'beeline_news' }, sender_chat: { id: -100999, type: 'channel', title: 'Новости Билайна', username: 'beeline_news' }, caption: 'Фото с презентации' } },
      { update_id: 13, edited_message: { message_id: 1, date, edit_date: date + 60, chat: group, from: user, text: 'Билайн опять без связи (уже есть)' } },
      { update_id: 14, message: { message_id: 9, date, chat: privateGroup, from: { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' }, sender_chat: privateGroup, text: 'Анонимный админ' } },
      { update_id: 15, message: { message_id: 10, date, chat: group, from: user, sticker: { file_id: 'x' } } },
      { update_id: 16, callback_query: { id: 'q' } },
      { update_id: 17, message: { message_id: 11, date, text: 'нет чата' } },
      { nonsense: true },
    );
    const { ctx, skipped } = context();
    const store = new MemoryCheckpointStore();
    const items = await collectPass(connector(api.url), store, ctx);

    expect(items.map((i) => [i.sourceId, i.text, i.url])).toEqual([
      ['-1001234567890_1', 'Билайн опять без связи', 'https://t.me/beeline_chat/1'],
      ['-1001234567890_2', 'Да, и у меня', 'https://t.me/beeline_chat/2'],
      ['-100999_77', 'Фото с презентации', 'https://t.me/beeline_news/77'],
      ['-1001234567890_1', 'Билайн опять без связи (уже есть)', 'https://t.me/beeline_chat/1'],
      ['-4001_9', 'Анонимный админ', null],
    ]);
    expect(items[0]).toMatchObject({ source: 'telegram', publishedAt: '2026-11-20T10:00:00.000Z', author: { id: '555', handle: 'masha', name: 'Мария С', url: 'https://t.me/masha' } });
    expect(items[1]!.parentId).toBe(mentionId('telegram', '-1001234567890_1'));
    expect(items[2]!.author).toEqual({ id: '-100999', handle: 'beeline_news', name: 'Новости Билайна', url: 'https://t.me/beeline_news' });
    expect(items[4]!.author).toEqual({ id: '-4001', handle: '-4001', name: 'Закрытая группа', url: null });
    expect(skipped).toEqual(['telegram message malformed', 'telegram update without update_id']);
    expect(store.saved.get('telegram-bot')).toEqual({ offset: 18 });
  });

  it('pages through more than 100 pending updates and resumes after a restart with only new ones', async () => {
    const api = await new FakeBotApi().start();
    api.push(...Array.from({ length: 150 }, (_, i) => message(1000 + i, i + 1, `Сообщение ${i + 1}`)));
    const { ctx } = context();
    const store = new MemoryCheckpointStore();
    expect(await collectPass(connector(api.url), store, ctx)).toHaveLength(150);
    expect(api.requests.map((r) => r.searchParams.get('offset'))).toEqual([null, '1100', '1150']);

    api.push(message(1150, 151, 'Новое'), message(1151, 152, 'Ещё новое'));
    const second = await collectPass(connector(api.url), store, ctx);
    expect(second.map((i) => i.text)).toEqual(['Новое', 'Ещё новое']);
    expect(await collectPass(connector(api.url), store, ctx)).toEqual([]);
    expect(store.saved.get('telegram-bot')).toEqual({ offset: 1152 });
  });

  it('waits retry_after seconds on 429 and retries a 500', async () => {
    const api = await new FakeBotApi().start();
    api.push(message(1, 1, 'Привет'));
    api.inject.push({ status: 429, body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } } }, { status: 500, body: { ok: false } });
    const { ctx, sleeps } = context(telegramBotFetch());
    expect(await collectPass(connector(api.url), new MemoryCheckpointStore(), ctx)).toHaveLength(1);
    expect(sleeps).toContain(3000);
    expect(ctx.http.stats.retries).toBe(2);
  });

  it('reports a rejected token without putting the token in the error', async () => {
    const api = await new FakeBotApi().start();
    const { ctx } = context();
    const error = await collectPass(connector(api.url, 0, '999:WRONG-secret'), new MemoryCheckpointStore(), ctx).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/HTTP 401/);
    expect((error as Error).message).not.toContain('WRONG-secret');
    expect((error as Error).stack).not.toContain('WRONG-secret');
  });

  it('long-polls: an update arriving during the wait comes out at once, and abort ends the wait promptly', async () => {
    const api = await new FakeBotApi().start();
    const abort = new AbortController();
    const { ctx } = context(undefined, abort.signal);
    const store = new MemoryCheckpointStore();
    setTimeout(() => api.push(message(5, 5, 'Пока ждали')), 100);
    const iterator = connector(api.url, 20).collect(undefined, ctx)[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    expect(first.value!.items.map((i: RawMentionInput) => i.text)).toEqual(['Пока ждали']);
    await store.save('telegram-bot', first.value!.checkpoint);

    const started = Date.now();
    setTimeout(() => abort.abort(new Error('stopping')), 100);
    await expect(iterator.next()).rejects.toThrow('stopping');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(api.requests.at(-1)!.searchParams.get('timeout')).toBe('20');
  });

  it('gives the HTTP client a timeout above the long-poll wait', () => {
    const options = telegramHttpOptions(telegramEnvSchema.parse({ TELEGRAM_LONG_POLL_SECONDS: '40' }), 'telegram-bot');
    expect(options.timeoutMs).toBeGreaterThan(40_000);
    expect(options.fetch).toBeTypeOf('function');
  });
});
