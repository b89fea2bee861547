import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { FeedMention, MentionFilter, MentionUpdate } from '../api/api.types.js';
import { ApiError, isAbort, type GraphqlClient } from '../api/graphql-client.js';
import type { LiveClient, LiveStatus } from '../api/live-client.js';
import { FEED_QUERY } from '../api/queries.js';
import { ArrivalRate } from './arrival-rate.js';
import { withoutLate } from './late-arrivals.js';
import { FEED_CAPACITY, LiveBatcher, appendOlder, applyLiveBatch, applyUpdates, prependLive, splitEvents, type FeedEvent } from './feed-buffer.js';

const FIRST_PAGE = 100;

interface FeedPage {
  mentions: { totalCount: number; totalCountIsExact: boolean; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: FeedMention }[] };
}

export interface FeedState {
  mentions: FeedMention[];
  loading: boolean;
  error: ApiError | undefined;
  totalCount: number | undefined;
  /** False when the gateway estimated totalCount (shown as "≈"). */
  totalCountIsExact: boolean;
  live: LiveStatus;
  liveError: ApiError | undefined;
  /** Paused with the Pause button. */
  paused: boolean;
  /** Held while the reader's pointer or focus is on the list (see `hold`); new mentions wait. */
  holding: boolean;
  /** Arrived while paused or held, not yet shown. */
  pending: number;
  /** Skipped by the server because the page could not keep up. */
  dropped: number;
  /** Published long ago, stored meanwhile (an import, a backfill): counted, not shown as live (late-arrivals.ts). */
  late: number;
  /** Live arrivals per minute over a sliding minute (undefined while too little is observed; arrival-rate.ts). */
  perMinute: number | undefined;
  hasMore: boolean;
  loadingMore: boolean;
  setPaused(paused: boolean): void;
  /** Holds new mentions while the reader points at or focuses the list, so rows do not move under them. */
  hold(reason: HoldReason, on: boolean): void;
  /** Shows what is held now; holding goes on while the pointer or focus stays. */
  showHeld(): void;
  loadMore(): void;
  retry(): void;
  /** Updates a shown (or held) mention in place, e.g. its workflow after a change in the detail panel. */
  patch(id: string, fields: Partial<FeedMention>): void;
  /**
   * Every workflow change `mentionUpdated` delivers (same topic filter as the feed), as it
   * arrives, e.g. for the detail panel; returns the remover.
   */
  onUpdate(listener: (update: MentionUpdate) => void): () => void;
}

/**
 * Live by subscription plus the first page by query, with the same filter. The subscription
 * starts first and anything it delivers before the page arrives is merged on top, so no
 * mention falls in the gap between the two; after a reconnect the newest page fills the gap.
 * Workflow changes (`mentionUpdated`, the filter's topics) go through the same batches, after
 * the arrivals they may concern, and update the rows in place.
 */
export type HoldReason = 'pointer' | 'focus';

export function useFeed(client: GraphqlClient, live: LiveClient, filter: MentionFilter, onKeyRejected: (error: ApiError) => void): FeedState {
  const [mentions, setMentions] = useState<FeedMention[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();
  const [totalCount, setTotalCount] = useState<number>();
  const [totalCountIsExact, setTotalCountIsExact] = useState(true);
  const [liveStatus, setLiveStatus] = useState<LiveStatus>('connecting');
  const [liveError, setLiveError] = useState<ApiError>();
  const [paused, setPausedState] = useState(false);
  const [holding, setHolding] = useState(false);
  const [pending, setPending] = useState(0);
  const [dropped, setDropped] = useState(0);
  const [late, setLate] = useState(0);
  const [perMinute, setPerMinute] = useState<number | undefined>(undefined);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [attempt, setAttempt] = useState(0);

  // True while anything holds new mentions back: the Pause button, the pointer or focus on the list.
  const pausedRef = useRef(false);
  const holds = useRef(new Set<'manual' | HoldReason>());
  const held = useRef<FeedMention[]>([]);
  const rate = useRef(new ArrivalRate(Date.now()));
  const updateListeners = useRef(new Set<(update: MentionUpdate) => void>());
  const filterKey = JSON.stringify(filter);

  useEffect(() => {
    const controller = new AbortController();
    let pageLoaded = false;
    const beforePage: FeedMention[] = [];
    const updatesBeforePage: MentionUpdate[] = [];
    setMentions([]);
    setLoading(true);
    setError(undefined);
    setTotalCount(undefined);
    setDropped(0);
    setLate(0);
    setPending(0);
    held.current = [];
    rate.current.reset(Date.now());

    const batcher = new LiveBatcher<FeedEvent>((all) => {
      const { events: batch, late: lateCount } = withoutLate(all, Date.now());
      if (lateCount > 0) {
        setLate((n) => n + lateCount);
        setTotalCount((n) => (n === undefined ? n : n + lateCount));
      }
      const { mentions: arrived, updates } = splitEvents(batch);
      rate.current.record(arrived.length, Date.now());
      if (!pageLoaded) {
        beforePage.push(...arrived);
        updatesBeforePage.push(...updates);
      } else if (pausedRef.current) {
        // Held mentions stay held; a change to a shown (or held) one shows at once.
        if (arrived.length > 0) {
          held.current = held.current.concat(arrived).slice(-FEED_CAPACITY);
          setPending(held.current.length);
        }
        held.current = applyUpdates(held.current, updates);
        setMentions((list) => applyUpdates(list, updates));
      } else setMentions((list) => applyLiveBatch(list, batch));
      if (arrived.length > 0) setTotalCount((n) => (n === undefined ? n : n + arrived.length));
    });

    // What was scored while the socket was down never reaches the subscription: fetch it.
    let lastStatus: LiveStatus | undefined;
    const fillGap = () => {
      client
        .request<FeedPage>(FEED_QUERY, { filter, first: FIRST_PAGE }, controller.signal)
        .then((page) => {
          // New ones go on top; shown ones are replaced in place, so changes missed meanwhile show too.
          setMentions((list) => prependLive(list, page.mentions.edges.map((e) => e.node).reverse()));
        })
        .catch(() => undefined);
    };

    live.subscribe(filter, {
      mention: (m) => batcher.push({ mention: m }),
      dropped: (n) => setDropped((d) => d + n),
      status: (status, statusError) => {
        if (status === 'live' && lastStatus === 'reconnecting' && pageLoaded) fillGap();
        lastStatus = status;
        setLiveStatus(status);
        setLiveError(statusError);
        if (status === 'refused' && statusError) onKeyRejected(statusError);
      },
    });

    const unsubscribeUpdates = live.subscribeUpdates(filter.topicIds, (update) => {
      batcher.push({ update });
      for (const listener of updateListeners.current) listener(update);
    });

    // The first page is read only once the subscription is in place, so nothing falls between them.
    live
      .ready()
      .then(() => client.request<FeedPage>(FEED_QUERY, { filter, first: FIRST_PAGE }, controller.signal))
      .then((page) => {
        pageLoaded = true;
        setMentions(applyUpdates(prependLive(page.mentions.edges.map((e) => e.node), beforePage), updatesBeforePage));
        setTotalCount(page.mentions.totalCount);
        setTotalCountIsExact(page.mentions.totalCountIsExact);
        setCursor(page.mentions.pageInfo.endCursor);
        setHasMore(page.mentions.pageInfo.hasNextPage);
        setLoading(false);
      })
      .catch((caught: unknown) => {
        if (isAbort(caught) || controller.signal.aborted) return;
        const apiError = caught instanceof ApiError ? caught : new ApiError('network', String(caught));
        if (apiError.kind === 'unauthenticated') return onKeyRejected(apiError);
        pageLoaded = true;
        setError(apiError);
        setLoading(false);
      });

    return () => {
      controller.abort();
      unsubscribeUpdates();
      batcher.dispose();
    };
    // filterKey stands for filter: a new object with the same content must not resubscribe.
  }, [client, live, filterKey, attempt, onKeyRejected]);

  useEffect(() => {
    const timer = setInterval(() => setPerMinute(rate.current.perMinute(Date.now())), 2000);
    return () => clearInterval(timer);
  }, []);

  const showHeld = useCallback(() => {
    if (held.current.length === 0) return;
    const batch = held.current;
    held.current = [];
    setPending(0);
    setMentions((list) => prependLive(list, batch));
  }, []);

  const updateHolds = useCallback(
    (reason: 'manual' | HoldReason, on: boolean) => {
      if (on) holds.current.add(reason);
      else holds.current.delete(reason);
      pausedRef.current = holds.current.size > 0;
      setPausedState(holds.current.has('manual'));
      setHolding(holds.current.has('pointer') || holds.current.has('focus'));
      if (!pausedRef.current) showHeld();
    },
    [showHeld],
  );

  const setPaused = useCallback((next: boolean) => updateHolds('manual', next), [updateHolds]);
  const hold = useCallback((reason: HoldReason, on: boolean) => updateHolds(reason, on), [updateHolds]);

  const loadMore = useCallback(() => {
    if (!hasMore || loadingMore || !cursor) return;
    setLoadingMore(true);
    client
      .request<FeedPage>(FEED_QUERY, { filter, first: FIRST_PAGE, after: cursor })
      .then((page) => {
        setMentions((list) => appendOlder(list, page.mentions.edges.map((e) => e.node)));
        setCursor(page.mentions.pageInfo.endCursor);
        setHasMore(page.mentions.pageInfo.hasNextPage);
      })
      .catch(() => setHasMore(false))
      .finally(() => setLoadingMore(false));
  }, [client, filterKey, cursor, hasMore, loadingMore]);

  const patch = useCallback((id: string, fields: Partial<FeedMention>) => {
    const apply = (list: FeedMention[]) => (list.some((m) => m.id === id) ? list.map((m) => (m.id === id ? { ...m, ...fields } : m)) : list);
    held.current = apply(held.current);
    setMentions(apply);
  }, []);

  const onUpdate = useCallback((listener: (update: MentionUpdate) => void) => {
    updateListeners.current.add(listener);
    return () => {
      updateListeners.current.delete(listener);
    };
  }, []);

  return {
    patch,
    onUpdate,
    mentions,
    loading,
    error,
    totalCount,
    totalCountIsExact,
    live: liveStatus,
    liveError,
    paused,
    holding,
    pending,
    dropped,
    late,
    perMinute,
    hasMore,
    loadingMore,
    setPaused,
    hold,
    showHeld,
    loadMore,
    retry: () => setAttempt((n) => n + 1),
  };
}
