import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { FeedMention } from '../api/api.types.js';
import { useNow, useRem } from '../ui/use-now.js';
import { MentionRow } from './mention-row.js';
import { scrollAfterPrepend, scrollToReveal, visibleRange } from './windowed-list.js';

/** Keep in step with `.mention { height }` in styles.css. */
const ROW_HEIGHT_REM = 6.75;

export interface FeedListProps {
  mentions: FeedMention[];
  topicNames: ReadonlyMap<string, string>;
  selectedId: string | undefined;
  busy: boolean;
  onOpen: (id: string) => void;
  onNearEnd: () => void;
}

export function FeedList({ mentions, topicNames, selectedId, busy, onOpen, onNearEnd }: FeedListProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const rowHeight = Math.round(ROW_HEIGHT_REM * useRem());
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  // A row the keyboard moved to that was outside the rendered window: focused after the next render.
  const pendingFocus = useRef<number | undefined>(undefined);
  const firstId = useRef<string | undefined>(undefined);
  const now = useNow();

  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  // Rows added on top push what the reader is looking at down; scroll with them unless at the top.
  useLayoutEffect(() => {
    const el = viewport.current;
    const previous = firstId.current;
    firstId.current = mentions[0]?.id;
    if (!el || !previous) return;
    const added = mentions.findIndex((m) => m.id === previous);
    if (added > 0 && el.scrollTop > 0) {
      el.scrollTop = scrollAfterPrepend(el.scrollTop, added, rowHeight);
      setScrollTop(el.scrollTop);
    }
  }, [mentions, rowHeight]);

  const range = visibleRange({ scrollTop, viewportHeight: height, rowHeight, count: mentions.length, overscan: 6 });

  useEffect(() => {
    if (range.end >= mentions.length - 10 && mentions.length > 0) onNearEnd();
  }, [range.end, mentions.length, onNearEnd]);

  useLayoutEffect(() => {
    if (pendingFocus.current === undefined) return;
    const row = viewport.current?.querySelector<HTMLElement>(`[data-index="${pendingFocus.current}"]`);
    if (!row) return;
    pendingFocus.current = undefined;
    row.focus({ preventScroll: true });
  });

  const moveFocus = useCallback(
    (index: number) => {
      const el = viewport.current;
      if (!el || mentions.length === 0) return;
      const target = Math.max(0, Math.min(mentions.length - 1, index));
      el.scrollTop = scrollToReveal(target, el.scrollTop, el.clientHeight, rowHeight);
      setScrollTop(el.scrollTop);
      const row = el.querySelector<HTMLElement>(`[data-index="${target}"]`);
      if (row) row.focus({ preventScroll: true });
      else pendingFocus.current = target;
    },
    [mentions.length, rowHeight],
  );

  const onKeyDown = (event: KeyboardEvent) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row || event.target !== row) return;
    const index = Number(row.dataset['index']);
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + page, PageUp: index - page, Home: 0, End: mentions.length - 1 };
    const next = moves[event.key];
    if (next !== undefined) {
      event.preventDefault();
      moveFocus(next);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(row.dataset['id']!);
    }
  };

  const open = useCallback((id: string) => onOpen(id), [onOpen]);

  return (
    <div
      class="feed-viewport"
      ref={viewport}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div class="feed-canvas" role="feed" aria-busy={busy} aria-label="Mentions, newest first" style={{ height: `${range.totalHeight}px` }} data-testid="feed">
        {mentions.slice(range.start, range.end).map((m, i) => (
          <MentionRow
            key={m.id}
            mention={m}
            index={range.start + i}
            setSize={mentions.length}
            top={(range.start + i) * rowHeight}
            topicNames={topicNames}
            now={now}
            selected={m.id === selectedId}
            onOpen={open}
          />
        ))}
      </div>
    </div>
  );
}
