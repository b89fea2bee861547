import type { RawMentionInput, Source as SourceName, TrackedTopic } from '@pulse/contracts';
import type { Logger } from '@pulse/runtime';
import type { HttpClient } from './http.client.js';

/** What a connector gets from the runner: never a bus, never the store. */
export interface SourceContext {
  /** The active tracked topics right now (they change without restart). */
  topics(): TrackedTopic[];
  http: HttpClient;
  logger: Logger;
  /** Aborted on shutdown: long polls and streams must end promptly. */
  signal: AbortSignal;
  /** Count an item the connector had to skip (malformed, unsupported), with a reason. */
  skipped(reason: string, detail?: unknown): void;
}

/**
 * A page of collected items and the position to resume from once they are safely on the
 * bus. The runner publishes `items`, and only then saves `checkpoint`: a crash in between
 * re-collects the page (ids are stable, so nothing duplicates) instead of losing it.
 */
export interface SourceBatch<C> {
  items: RawMentionInput[];
  checkpoint: C;
}

/**
 * One connector (VK newsfeed search, a Telegram channel preview, RSS feeds, …). `collect`
 * yields batches from the saved checkpoint onward and returns when caught up; streaming
 * connectors keep yielding until `signal` aborts. The runner calls it again after
 * `pollIntervalMs`, with backoff after errors.
 */
export interface SourceConnector<C = unknown> {
  /** Unique and stable: names the checkpoint file and metric labels (e.g. "vk-newsfeed"). */
  readonly name: string;
  readonly source: SourceName;
  readonly pollIntervalMs: number;
  collect(checkpoint: C | undefined, ctx: SourceContext): AsyncIterable<SourceBatch<C>>;
}
