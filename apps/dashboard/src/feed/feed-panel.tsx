import type { Topic } from '../api/api.types.js';
import { describeApiError } from '../api/graphql-client.js';
import type { LiveStatus } from '../api/live-client.js';
import { count, totalCount } from '../ui/format.js';
import { rateLabel } from './arrival-rate.js';
import { FeedList } from './feed-list.js';
import { isFiltered, type FeedFilter } from './feed-filter.js';
import { FilterBar } from './filter-bar.js';
import type { FeedState } from './use-feed.js';

const LIVE_LABELS: Record<LiveStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  refused: 'Key refused',
  failed: 'Live updates stopped',
};

export interface FeedPanelProps {
  feed: FeedState;
  filter: FeedFilter;
  topics: Topic[];
  topicNames: ReadonlyMap<string, string>;
  selectedId: string | undefined;
  onFilter: (filter: FeedFilter) => void;
  onOpen: (id: string) => void;
}

export function FeedPanel({ feed, filter, topics, topicNames, selectedId, onFilter, onOpen }: FeedPanelProps) {
  const status = feed.paused ? 'paused' : feed.live;
  return (
    <section class="panel feed-panel" aria-labelledby="feed-title">
      <header class="panel-head">
        <h2 id="feed-title">Live feed</h2>
        {feed.holding && !feed.paused ? (
          // Held while the reader points at or focuses the list (below); a click shows what waits.
          <button class="hold-chip" onClick={feed.showHeld} data-testid="hold-chip" aria-live="polite" title="The feed holds still while you read; click to show what arrived">
            <span aria-hidden="true">❚❚ </span>
            {feed.pending > 0 ? `Paused — ${count(feed.pending)} new` : 'Paused while you read'}
          </button>
        ) : (
          <span class={`live-status status-${status}`} role="status" data-testid="live-status" title={feed.liveError ? describeApiError(feed.liveError) : undefined}>
            <span class="dot" aria-hidden="true" />
            {feed.paused ? `Paused${feed.pending ? ` — ${count(feed.pending)} new` : ''}` : LIVE_LABELS[feed.live]}
          </span>
        )}
        <span class="muted small" aria-live="off" data-testid="feed-rate" title="Mentions arriving per minute, averaged over the last minute">
          {feed.totalCount !== undefined && `${totalCount(feed.totalCount, feed.totalCountIsExact)} matching · `}
          {rateLabel(feed.perMinute)}
        </span>
        <button
          class="pause-button"
          aria-pressed={feed.paused}
          onClick={() => feed.setPaused(!feed.paused)}
          data-testid="pause-button"
          title="Pause the feed to read; new mentions are kept and shown when you resume"
        >
          {feed.paused ? '▶ Resume' : '❚❚ Pause'}
        </button>
      </header>
      <FilterBar filter={filter} topics={topics} onChange={onFilter} />
      {feed.dropped > 0 && (
        <p class="alert warn small" role="status">
          {count(feed.dropped)} mentions were skipped to keep up with the stream. They are stored; narrow the filters or reload to see them.
        </p>
      )}
      {feed.late > 0 && (
        <p class="muted small feed-note" role="status" data-testid="feed-late">
          {count(feed.late)} older mentions were stored meanwhile (an import or backfill): in search and charts, not in the live list.
        </p>
      )}
      {feed.live === 'failed' && feed.liveError && (
        <p class="alert error small" role="alert">
          Live updates stopped: {describeApiError(feed.liveError)}
        </p>
      )}
      {feed.error ? (
        <div class="state error" role="alert" data-testid="feed-error">
          <p>{describeApiError(feed.error)}</p>
          <button onClick={feed.retry}>Retry</button>
        </div>
      ) : feed.loading ? (
        <div class="state" aria-busy="true" data-testid="feed-loading">
          <p class="muted">Loading mentions…</p>
        </div>
      ) : feed.mentions.length === 0 ? (
        <div class="state" data-testid="feed-empty">
          <p>{isFiltered(filter) ? 'No mentions match these filters yet.' : 'No mentions yet.'}</p>
          <p class="muted small">New ones appear here as soon as they are scored{feed.live === 'live' ? ' — the feed is live' : ''}.</p>
        </div>
      ) : (
        // Rows must not move under the cursor or the focused row (a click would open another
        // mention): while the pointer or focus is here, new mentions wait (the header's chip).
        <div
          class="feed-body"
          onMouseEnter={() => feed.hold('pointer', true)}
          onMouseLeave={() => feed.hold('pointer', false)}
          onFocusIn={() => feed.hold('focus', true)}
          onFocusOut={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null)) feed.hold('focus', false);
          }}
        >
          <FeedList mentions={feed.mentions} topicNames={topicNames} selectedId={selectedId} busy={feed.loadingMore} onOpen={onOpen} onNearEnd={feed.loadMore} />
        </div>
      )}
    </section>
  );
}
