import type { RawMentionInput, TrackedTopic } from '@pulse/contracts';
import { envBoolean, envPositiveInt } from '@pulse/runtime';
import WebSocket from 'ws';
import { z } from 'zod';
import { TopicRegistry } from '../../topics/topic-registry.service.js';
import { abortableSleep } from '../core/http.client.js';
import type { SourceBatch, SourceConnector, SourceContext } from '../core/source.port.js';
import { BLUESKY_POST_COLLECTION, jetstreamEventSchema, postToMention } from './jetstream-event.mapper.js';
import { StreamBatches } from './stream-batches.js';

/** `VAR=` (compose files, empty secrets) means unset, so defaults apply instead of failing validation. */
const blank = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);

export const blueskyEnvSchema = z.object({
  BLUESKY_ENABLED: blank(envBoolean.default(false)),
  /** The `/subscribe` endpoint of any Jetstream instance (public ones, or your own). */
  BLUESKY_JETSTREAM_URL: blank(z.url({ protocol: /^wss?$/, message: 'expected a ws:// or wss:// URL' }).default('wss://jetstream2.us-east.bsky.network/subscribe')),
  /** A batch leaves after this many matching posts… */
  BLUESKY_BATCH_SIZE: blank(envPositiveInt.default(100)),
  /** …or after this long, whichever comes first (the cursor is saved then too). */
  BLUESKY_FLUSH_MS: blank(envPositiveInt.default(2_000)),
  /** How far before the saved cursor a reconnect resumes, to catch events stamped slightly out of order. */
  BLUESKY_CURSOR_OVERLAP_MS: blank(envPositiveInt.default(3_000)),
});
export type BlueskyEnv = z.infer<typeof blueskyEnvSchema>;

export interface BlueskyCheckpoint {
  /** `time_us` of the last event read (matching or not). */
  cursor: number;
  /** Posts published within the overlap window before `cursor`: the replay skips them. */
  recent: { uri: string; timeUs: number }[];
}

export interface BlueskyConnectorOptions {
  reconnectBackoffMs?: { initial: number; max: number };
  /** A busy firehose that goes quiet this long is a dead connection. */
  idleTimeoutMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const MAX_RECENT = 2_000;

/**
 * The Bluesky firehose through Jetstream (JSON over WebSocket), filtered to posts that
 * match a tracked topic so the bus sees mentions, not the whole network. Runs until
 * shutdown, reconnecting with backoff; each reconnect and restart resumes from the saved
 * `time_us` cursor minus a small overlap, and the overlap's already-published posts are
 * remembered in the checkpoint so the replay repeats none of them.
 */
export class BlueskyJetstreamConnector implements SourceConnector<BlueskyCheckpoint> {
  readonly name = 'bluesky-jetstream';
  readonly source = 'bluesky' as const;
  // The stream only returns on shutdown or when topics change; come back at once.
  readonly pollIntervalMs = 1_000;
  private readonly overlapUs: number;
  private readonly backoff: { initial: number; max: number };
  private readonly idleTimeoutMs: number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(
    private readonly env: BlueskyEnv,
    options: BlueskyConnectorOptions = {},
  ) {
    this.overlapUs = env.BLUESKY_CURSOR_OVERLAP_MS * 1000;
    this.backoff = options.reconnectBackoffMs ?? { initial: 1_000, max: 60_000 };
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    this.sleep = options.sleep ?? abortableSleep;
  }

  async *collect(checkpoint: BlueskyCheckpoint | undefined, ctx: SourceContext): AsyncIterable<SourceBatch<BlueskyCheckpoint>> {
    const state: BlueskyCheckpoint = { cursor: checkpoint?.cursor ?? 0, recent: [...(checkpoint?.recent ?? [])] };
    let backoff = this.backoff.initial;
    while (!ctx.signal.aborted) {
      const topics = ctx.topics();
      const topicsKey = matcherKey(topics);
      if (topics.length === 0) {
        ctx.logger.debug('bluesky: no tracked topics; not connecting');
        return;
      }
      // The same compiled queries the ingest path matches with, so the filter keeps exactly what would be tagged.
      const matcher = new TopicRegistry((topic, error) => ctx.logger.warn({ topicId: topic.id, err: error }, 'bluesky: topic query does not compile; ignored'));
      matcher.apply(topics);
      const recent = new Set(state.recent.map((r) => r.uri));
      const queue = new StreamBatches<{ item: RawMentionInput; timeUs: number }>(this.env.BLUESKY_BATCH_SIZE, this.env.BLUESKY_FLUSH_MS);
      let latest = state.cursor;
      let received = false;
      const socket = this.connect(state.cursor, ctx, queue, (event) => {
        received = true;
        const parsed = jetstreamEventSchema.safeParse(event);
        if (!parsed.success) {
          ctx.skipped('malformed jetstream event');
          return;
        }
        const e = parsed.data;
        latest = Math.max(latest, e.time_us);
        if (e.kind !== 'commit' || e.commit?.operation !== 'create' || e.commit.collection !== BLUESKY_POST_COLLECTION) return;
        const mapped = postToMention(e);
        if (!mapped.ok) {
          ctx.skipped(mapped.reason, { did: e.did, rkey: e.commit.rkey });
          return;
        }
        const language = typeof mapped.item.language === 'string' ? mapped.item.language : undefined;
        if (matcher.match({ text: mapped.text, author: e.did, source: 'bluesky', ...(language ? { language } : {}) }).length === 0) return;
        // The overlap replays what the previous connection already published.
        if (recent.has(mapped.item.sourceId)) return;
        recent.add(mapped.item.sourceId);
        queue.push({ item: mapped.item, timeUs: e.time_us });
      });
      try {
        for await (const batch of queue.drain(ctx.signal)) {
          // Messages arrive as I/O callbacks, never between this batch's hand-over and here, so
          // `latest` covers exactly the events read so far — unless posts are still queued
          // behind this batch, in which case the cursor may only go as far as this batch's last.
          const cursor = queue.pending > 0 ? Math.max(state.cursor, batch.at(-1)!.timeUs) : latest;
          if (received) backoff = this.backoff.initial;
          if (batch.length === 0 && cursor === state.cursor) continue;
          state.cursor = cursor;
          state.recent = [...state.recent, ...batch.map((b) => ({ uri: b.item.sourceId as string, timeUs: b.timeUs }))]
            .filter((r) => r.timeUs >= cursor - this.overlapUs)
            .slice(-MAX_RECENT);
          yield { items: batch.map((b) => b.item), checkpoint: structuredClone(state) };
          if (matcherKey(ctx.topics()) !== topicsKey) {
            ctx.logger.info('bluesky: tracked topics changed; reconnecting with the new filter');
            break;
          }
        }
        if (ctx.signal.aborted) return;
      } catch (error) {
        if (ctx.signal.aborted) return;
        ctx.logger.warn({ err: error, retryInMs: backoff }, 'jetstream connection lost; reconnecting');
        await this.sleep(backoff, ctx.signal).catch(() => undefined);
        backoff = Math.min(backoff * 2, this.backoff.max);
      } finally {
        socket.terminate();
      }
    }
  }

  private connect(cursor: number, ctx: SourceContext, queue: StreamBatches<unknown>, onEvent: (event: unknown) => void): WebSocket {
    const url = new URL(this.env.BLUESKY_JETSTREAM_URL);
    url.searchParams.set('wantedCollections', BLUESKY_POST_COLLECTION);
    if (cursor > 0) url.searchParams.set('cursor', String(Math.max(1, cursor - this.overlapUs)));
    const socket = new WebSocket(url, { handshakeTimeout: 30_000, maxPayload: 4 * 1024 * 1024 });
    let idle: NodeJS.Timeout | undefined;
    const resetIdle = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        queue.fail(new Error(`no jetstream events for ${this.idleTimeoutMs} ms`));
        socket.terminate();
      }, this.idleTimeoutMs);
    };
    socket.on('open', () => {
      ctx.logger.info({ cursor: url.searchParams.get('cursor') }, 'jetstream connected');
      resetIdle();
    });
    socket.on('message', (data: WebSocket.RawData) => {
      resetIdle();
      let event: unknown;
      try {
        event = JSON.parse(data.toString());
      } catch {
        ctx.skipped('jetstream message is not JSON');
        return;
      }
      onEvent(event);
    });
    socket.on('error', (error) => queue.fail(error));
    socket.on('close', (code, reason) => {
      clearTimeout(idle);
      queue.fail(new Error(`jetstream closed the connection (${code}${reason.length > 0 ? `: ${reason.toString()}` : ''})`));
    });
    return socket;
  }
}

function matcherKey(topics: readonly TrackedTopic[]): string {
  return JSON.stringify(topics.map((t) => [t.id, t.keywords, t.query]));
}

export function createBlueskyConnectors(env: BlueskyEnv, options: BlueskyConnectorOptions = {}): SourceConnector[] {
  return env.BLUESKY_ENABLED ? [new BlueskyJetstreamConnector(env, options)] : [];
}
