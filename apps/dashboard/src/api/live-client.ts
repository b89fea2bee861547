import { createClient, type Client } from 'graphql-ws';
import type { Alert, FeedMention, MentionFilter, MentionUpdate } from './api.types.js';
import { ApiError, errorFromClose, errorFromResponse } from './graphql-client.js';
import { ALERTS_SUBSCRIPTION, LIVE_SUBSCRIPTION, UPDATES_SUBSCRIPTION } from './queries.js';

/** `failed`: the server rejected the subscription itself (e.g. a bad search query); retrying will not help. */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'refused' | 'failed';

export interface LiveHandlers {
  mention(mention: FeedMention): void;
  /** The server dropped this many mentions because we read too slowly. */
  dropped(count: number): void;
  status(status: LiveStatus, error?: ApiError): void;
}

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === 'object' && value !== null && 'code' in value && typeof (value as { code: unknown }).code === 'number';
}

export function liveUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}

export interface AlertHandlers {
  alert(alert: Alert): void;
  /** The subscription failed for good (e.g. a gateway without alerts); undefined when it works again. */
  error(error: ApiError | undefined): void;
}

/**
 * One socket per API key; the feed's subscription is replaced whenever the feed filter changes,
 * the alert and workflow-update subscriptions share the socket.
 */
export class LiveClient {
  private readonly client: Client;
  private unsubscribe: (() => void) | undefined;
  private handlers: LiveHandlers | undefined;
  private connectedOnce = false;
  private connected = false;
  private waiters: (() => void)[] = [];
  private readonly reconnectListeners = new Set<() => void>();

  constructor(key: string, url: string) {
    this.client = createClient({
      url,
      connectionParams: { authorization: `Bearer ${key}` },
      lazy: false,
      keepAlive: 15_000,
      retryAttempts: Number.POSITIVE_INFINITY,
      // A refused key will not become valid by retrying; everything else (restarts, wifi) might.
      shouldRetry: (event) => !(isCloseEvent(event) && (event.code === 4403 || event.code === 4401)),
      retryWait: async (retries) => {
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** retries, 15_000) + Math.random() * 500));
      },
      on: {
        connecting: () => this.handlers?.status(this.connectedOnce ? 'reconnecting' : 'connecting'),
        connected: () => {
          if (this.connectedOnce) for (const listener of this.reconnectListeners) listener();
          this.connectedOnce = true;
          this.connected = true;
          for (const wake of this.waiters.splice(0)) wake();
          this.handlers?.status('live');
        },
        closed: (event) => {
          this.connected = false;
          if (!isCloseEvent(event)) return;
          const error = errorFromClose(event.code, event.reason);
          if (error.kind === 'unauthenticated') this.handlers?.status('refused', error);
          else if (event.code !== 1000) this.handlers?.status('reconnecting', error);
        },
      },
    });
  }

  /**
   * Resolves once the socket is acknowledged (or after `timeoutMs`, so a network that blocks
   * WebSockets still gets the first page), plus a beat for the server to register the
   * subscription sent right after the ack.
   */
  async ready(timeoutMs = 4000, settleMs = 250): Promise<void> {
    if (!this.connected) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    await new Promise((resolve) => setTimeout(resolve, settleMs));
  }

  subscribe(filter: MentionFilter, handlers: LiveHandlers): void {
    this.unsubscribe?.();
    this.handlers = handlers;
    this.unsubscribe = this.client.subscribe<{ mentionScored: FeedMention }>(
      { query: LIVE_SUBSCRIPTION, variables: { filter } },
      {
        next: (result) => {
          const dropped = (result.extensions as { droppedMentions?: unknown } | undefined)?.droppedMentions;
          if (typeof dropped === 'number' && dropped > 0) handlers.dropped(dropped);
          if (result.data?.mentionScored) handlers.mention(result.data.mentionScored);
        },
        error: (error: unknown) => {
          if (isCloseEvent(error)) {
            const mapped = errorFromClose(error.code, error.reason);
            handlers.status(mapped.kind === 'unauthenticated' ? 'refused' : 'reconnecting', mapped);
          } else if (Array.isArray(error)) {
            handlers.status('failed', errorFromResponse(400, { errors: error }));
          } else {
            handlers.status('reconnecting', new ApiError('network', error instanceof Error ? error.message : 'The live feed failed.'));
          }
        },
        complete: () => undefined,
      },
    );
  }

  /** Alerts as they are raised; returns the unsubscribe. Events missed while disconnected come back through `onReconnect`. */
  subscribeAlerts(handlers: AlertHandlers): () => void {
    return this.client.subscribe<{ alertRaised: Alert }>(
      { query: ALERTS_SUBSCRIPTION },
      {
        next: (result) => {
          if (result.data?.alertRaised) handlers.alert(result.data.alertRaised);
        },
        error: (error: unknown) => {
          if (Array.isArray(error)) handlers.error(errorFromResponse(400, { errors: error }));
          else if (isCloseEvent(error)) handlers.error(errorFromClose(error.code, error.reason));
          else handlers.error(new ApiError('network', error instanceof Error ? error.message : 'Live alerts failed.'));
        },
        complete: () => undefined,
      },
    );
  }

  /**
   * Workflow changes (status, assignee, tags) as they are stored, by anyone on any gateway
   * replica or by a rule; `topicIds`: only mentions of any of them. Returns the unsubscribe.
   * Shares the socket and its key; a failure (e.g. a gateway without `mentionUpdated`) only
   * stops these updates, reported to `onError`.
   */
  subscribeUpdates(topicIds: readonly string[] | undefined, onUpdate: (update: MentionUpdate) => void, onError?: (error: ApiError) => void): () => void {
    const variables = topicIds && topicIds.length > 0 ? { topicIds: [...topicIds] } : {};
    return this.client.subscribe<{ mentionUpdated: MentionUpdate }>(
      { query: UPDATES_SUBSCRIPTION, variables },
      {
        next: (result) => {
          if (result.data?.mentionUpdated) onUpdate(result.data.mentionUpdated);
        },
        error: (error: unknown) => {
          if (!onError) return;
          if (Array.isArray(error)) onError(errorFromResponse(400, { errors: error }) ?? new ApiError('invalid', 'Live workflow updates were refused.'));
          else if (isCloseEvent(error)) onError(errorFromClose(error.code, error.reason));
          else onError(new ApiError('network', error instanceof Error ? error.message : 'Live workflow updates failed.'));
        },
        complete: () => undefined,
      },
    );
  }

  /** Called after the socket comes back from a drop (not on the first connect); returns the remover. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  dispose(): void {
    this.reconnectListeners.clear();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.handlers = undefined;
    void this.client.dispose();
  }
}
