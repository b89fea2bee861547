import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AlertsPanel } from './alerts/alerts-panel.js';
import { useAlerts } from './alerts/use-alerts.js';
import type { MentionDetail } from './api/api.types.js';
import type { ApiError } from './api/graphql-client.js';
import { LiveClient, liveUrl } from './api/live-client.js';
import type { Session } from './app.js';
import type { PeriodId } from './charts/chart-period.js';
import { ChartsPanel } from './charts/charts-panel.js';
import { MentionDetailPanel } from './detail/mention-detail-panel.js';
import { EMPTY_FILTER, toMentionFilter, type FeedFilter } from './feed/feed-filter.js';
import { FeedPanel } from './feed/feed-panel.js';
import { useFeed } from './feed/use-feed.js';
import { ReportView } from './report/report-view.js';
import { SettingsView } from './settings/settings-view.js';

export interface DashboardProps {
  session: Session;
  onKeyRejected: (error: ApiError) => void;
  onSignOut: () => void;
}

export function Dashboard({ session, onKeyRejected, onSignOut }: DashboardProps) {
  const live = useMemo(() => new LiveClient(session.key, liveUrl(window.location)), [session.key]);
  useEffect(() => () => live.dispose(), [live]);

  const [filter, setFilter] = useState<FeedFilter>(EMPTY_FILTER);
  const mentionFilter = useMemo(() => toMentionFilter(filter), [filter]);
  const feed = useFeed(session.client, live, mentionFilter, onKeyRejected);
  const [selectedId, setSelectedId] = useState<string>();
  const [period, setPeriod] = useState<PeriodId>('24h');
  const [chartTopic, setChartTopic] = useState('');
  const alerts = useAlerts(session.client, live, onKeyRejected);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const settingsButton = useRef<HTMLButtonElement>(null);
  const [reportOpen, setReportOpen] = useState(false);
  const reportButton = useRef<HTMLButtonElement>(null);

  const topics = useMemo(() => session.topics.filter((t) => t.status !== 'deleted').sort((a, b) => a.name.localeCompare(b.name)), [session.topics]);
  const topicNames = useMemo(() => new Map(session.topics.map((t) => [t.id, t.name])), [session.topics]);

  // Picking a topic for the feed points the charts at it too; the charts can then be moved on their own.
  const onFilter = useCallback(
    (next: FeedFilter) => {
      if (next.topicId !== filter.topicId) setChartTopic(next.topicId);
      setFilter(next);
    },
    [filter.topicId],
  );

  // A change saved in the detail panel shows in the feed row at once.
  const { patch } = feed;
  const onChanged = useCallback(
    (m: MentionDetail) => patch(m.id, { workflow: { status: m.workflow.status, assignee: m.workflow.assignee } }),
    [patch],
  );

  return (
    <div class="layout">
      <a class="skip-link" href="#feed-title">
        Skip to the feed
      </a>
      <header class="top-bar">
        <h1>
          <span class="logo" aria-hidden="true">◉</span> Pulse
        </h1>
        <span class="muted small" data-testid="whoami">
          {session.me.name} · {session.me.role}
        </span>
        <button
          ref={reportButton}
          class="link-button"
          aria-expanded={reportOpen}
          onClick={() => {
            setSelectedId(undefined);
            setReportOpen(true);
          }}
          data-testid="open-report"
        >
          Report
        </button>
        <button
          ref={settingsButton}
          class="link-button"
          aria-expanded={settingsOpen}
          onClick={() => {
            setSelectedId(undefined);
            setSettingsOpen(true);
          }}
          data-testid="open-settings"
        >
          Settings
        </button>
        <button class="link-button" onClick={onSignOut}>
          Change key
        </button>
      </header>
      <main class="main-grid">
        <FeedPanel
          feed={feed}
          filter={filter}
          topics={topics}
          topicNames={topicNames}
          selectedId={selectedId}
          onFilter={onFilter}
          onOpen={setSelectedId}
        />
        <div class="side-column">
          <AlertsPanel state={alerts} topicNames={topicNames} onOpenMention={setSelectedId} onTopic={(topicId) => onFilter({ ...filter, topicId })} />
          <ChartsPanel
            client={session.client}
            topics={topics}
            period={period}
            topicId={chartTopic}
            onPeriod={setPeriod}
            onTopic={setChartTopic}
            onKeyRejected={onKeyRejected}
          />
        </div>
      </main>
      {selectedId && (
        <MentionDetailPanel
          key={selectedId}
          client={session.client}
          id={selectedId}
          me={session.me}
          topicNames={topicNames}
          onChanged={onChanged}
          subscribeUpdates={feed.onUpdate}
          onClose={() => setSelectedId(undefined)}
          onOpen={setSelectedId}
          onAuthor={(handle) => onFilter({ ...filter, authorHandle: handle })}
        />
      )}
      {reportOpen && (
        <ReportView
          session={session}
          topicId={chartTopic}
          onKeyRejected={onKeyRejected}
          onClose={() => {
            setReportOpen(false);
            reportButton.current?.focus();
          }}
        />
      )}
      {settingsOpen && (
        <SettingsView
          session={session}
          onKeyRejected={onKeyRejected}
          onClose={() => {
            setSettingsOpen(false);
            settingsButton.current?.focus();
          }}
        />
      )}
    </div>
  );
}
