import { MAX_TEXT_LENGTH, mentionId, type RawMentionInput } from '@pulse/contracts';
import type { SourceBatch, SourceConnector, SourceContext } from '../core/source.port.js';
import { parseTelegramWebPage, type TelegramWebPage, type TelegramWebPost } from './telegram-web.parser.js';

export interface TelegramChannelOptions {
  /** Channel usernames, without `@`. */
  channels: readonly string[];
  /** Base of the web preview, `https://t.me` unless proxied. */
  webUrl: string;
  pollIntervalMs: number;
  /** Pages (about 20 posts each) read backwards on a channel's first run. */
  firstRunMaxPages: number;
  /** Safety stop when catching up after a long outage; older posts are then skipped (logged). */
  catchUpMaxPages: number;
}

export interface TelegramChannelCheckpoint {
  /** Highest post id seen per channel (lower-cased username). */
  channels: Record<string, { lastId: number }>;
}

export function telegramPostSourceId(channel: string, id: number): string {
  return `${channel.toLowerCase()}/${id}`;
}

function toMention(post: TelegramWebPost, subscribers: number | undefined): RawMentionInput {
  return {
    source: 'telegram',
    sourceId: telegramPostSourceId(post.channel, post.id),
    url: post.url,
    text: post.text.slice(0, MAX_TEXT_LENGTH),
    author: { id: post.channel.toLowerCase(), handle: post.channel, name: post.authorName || post.channel, url: `https://t.me/${post.channel}`, followers: subscribers },
    publishedAt: post.publishedAt,
    ...(post.replyToId ? { parentId: mentionId('telegram', telegramPostSourceId(post.channel, post.replyToId)) } : {}),
    engagement: { likes: post.reactions, reposts: 0, comments: 0, ...(post.views !== undefined ? { views: post.views } : {}) },
  };
}

/**
 * Public channels through their web preview (`/s/<channel>`, no account needed). A page
 * shows the latest ~20 posts, oldest first; `?before=<id>` shows the ones before it. Each
 * poll pages backwards until it reaches the highest id seen last time (or the first-run page
 * limit), then emits the new posts oldest first in one batch per channel and moves the
 * checkpoint to the highest id on the newest page.
 */
export class TelegramChannelConnector implements SourceConnector<TelegramChannelCheckpoint> {
  readonly name = 'telegram-channels';
  readonly source = 'telegram' as const;
  readonly pollIntervalMs: number;

  constructor(private readonly options: TelegramChannelOptions) {
    this.pollIntervalMs = options.pollIntervalMs;
  }

  async *collect(checkpoint: TelegramChannelCheckpoint | undefined, ctx: SourceContext): AsyncIterable<SourceBatch<TelegramChannelCheckpoint>> {
    const state: TelegramChannelCheckpoint = { channels: {} };
    for (const channel of this.options.channels) {
      const saved = checkpoint?.channels[channel.toLowerCase()];
      if (saved) state.channels[channel.toLowerCase()] = { ...saved };
    }
    for (const channel of this.options.channels) {
      const key = channel.toLowerCase();
      const lastId = state.channels[key]?.lastId;
      const maxPages = lastId === undefined ? this.options.firstRunMaxPages : this.options.catchUpMaxPages;
      const fresh = new Map<number, TelegramWebPost>();
      let newest = lastId ?? 0;
      let subscribers: number | undefined;
      let before: number | undefined;
      for (let pageNo = 0; pageNo < maxPages; pageNo++) {
        const page = await this.fetchPage(channel, before, ctx);
        subscribers ??= page.subscribers;
        for (const m of page.malformed) ctx.skipped(m.reason, { channel, post: m.post });
        if (page.ids.length === 0) {
          if (pageNo === 0) ctx.logger.warn({ channel }, 'Telegram channel shows no posts: private, renamed, or web preview disabled');
          break;
        }
        newest = Math.max(newest, ...page.ids);
        for (const post of page.posts) {
          if (lastId !== undefined && post.id <= lastId) continue;
          if (post.text) fresh.set(post.id, post);
          else ctx.logger.debug({ channel, post: post.id }, 'Telegram post without text');
        }
        const oldest = Math.min(...page.ids);
        if ((lastId !== undefined && oldest <= lastId + 1) || oldest <= 1 || (before !== undefined && oldest >= before)) break;
        if (pageNo === maxPages - 1 && lastId !== undefined) ctx.logger.warn({ channel, lastId, oldest, pages: maxPages }, 'Telegram catch-up stopped at the page limit; posts in between are skipped');
        before = oldest;
      }
      state.channels[key] = { lastId: newest };
      const items = [...fresh.values()].sort((a, b) => a.id - b.id).map((p) => toMention(p, subscribers));
      yield { items, checkpoint: structuredClone(state) };
    }
  }

  private fetchPage(channel: string, before: number | undefined, ctx: SourceContext): Promise<TelegramWebPage> {
    const url = new URL(`${this.options.webUrl.replace(/\/+$/, '')}/s/${encodeURIComponent(channel)}`);
    if (before !== undefined) url.searchParams.set('before', String(before));
    return ctx.http.request({ url, signal: ctx.signal, init: { headers: { accept: 'text/html' } }, parse: async (res) => parseTelegramWebPage(await res.text()) });
  }
}
