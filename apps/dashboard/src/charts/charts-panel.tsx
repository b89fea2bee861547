import type { ComponentChildren } from 'preact';
import type { Topic } from '../api/api.types.js';
import { describeApiError, type ApiError, type GraphqlClient } from '../api/graphql-client.js';
import { SupportCard } from '../support/support-card.js';
import { SOURCE_NAMES, count, percent } from '../ui/format.js';
import { ChartFrame } from './chart-frame.js';
import { PERIODS, type PeriodId } from './chart-period.js';
import { NegativeShareChart } from './negative-share-chart.js';
import { ToneBars } from './tone-bars.js';
import { ToneLegend, ToneTimelineChart } from './tone-timeline-chart.js';
import { useAnalytics } from './use-analytics.js';

export interface ChartsPanelProps {
  client: GraphqlClient;
  topics: Topic[];
  period: PeriodId;
  topicId: string;
  onPeriod: (period: PeriodId) => void;
  onTopic: (topicId: string) => void;
  onKeyRejected: (error: ApiError) => void;
}

const SOV_ROWS = 8;

export function ChartsPanel({ client, topics, period, topicId, onPeriod, onTopic, onKeyRejected }: ChartsPanelProps) {
  const { data, window, period: shownPeriod, loading, error } = useAnalytics(client, period, topicId, onKeyRejected);
  const scopeName = topicId ? (topics.find((t) => t.id === topicId)?.name ?? topicId) : 'all topics';
  const empty = data !== undefined && data.sentimentTimeline.every((b) => b.total === 0);

  const placeholder = (what: string): ComponentChildren =>
    loading && !data ? (
      <p class="muted chart-state" aria-busy="true">
        Loading {what}…
      </p>
    ) : (
      <p class="muted chart-state">No mentions in this period yet.</p>
    );

  return (
    <section class="panel charts-panel" aria-labelledby="charts-title" aria-busy={loading} data-period={shownPeriod ?? ''}>
      <header class="panel-head">
        <h2 id="charts-title">Analytics</h2>
        <div class="segmented" role="radiogroup" aria-label="Period">
          {PERIODS.map((p) => (
            <button key={p.id} role="radio" aria-checked={p.id === period} class={p.id === period ? 'on' : ''} onClick={() => onPeriod(p.id)} data-testid={`period-${p.id}`}>
              {p.label}
            </button>
          ))}
        </div>
        <label class="field">
          <span class="sr-only">Topic for the charts</span>
          <select value={topicId} onChange={(event) => onTopic(event.currentTarget.value)} data-testid="chart-topic">
            <option value="">All topics</option>
            {topics.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      </header>
      {error && (
        <p class="alert error small" role="alert" data-testid="charts-error">
          {describeApiError(error)}
          {data ? ' Showing the last figures received.' : ''}
        </p>
      )}
      <div class="charts-grid">
        <figure class="chart-card wide">
          <figcaption>
            Tone over time — {scopeName}
            <ToneLegend />
          </figcaption>
          {data && window && !empty ? <ChartFrame heightRem={13}>{(w, h) => <ToneTimelineChart buckets={data.sentimentTimeline} interval={window.interval} width={w} height={h} />}</ChartFrame> : placeholder('tone')}
        </figure>
        <SupportCard client={client} period={period} topicId={topicId} scopeName={scopeName} onKeyRejected={onKeyRejected} />
        <figure class="chart-card">
          <figcaption>Negative share — {scopeName}</figcaption>
          {data && window && !empty ? <ChartFrame heightRem={10}>{(w, h) => <NegativeShareChart buckets={data.negativeShare} interval={window.interval} width={w} height={h} />}</ChartFrame> : placeholder('negative share')}
        </figure>
        <figure class="chart-card">
          <figcaption>Share of voice — all topics</figcaption>
          {data && data.shareOfVoice.some((v) => v.total > 0) ? (
            <ToneBars
              testId="share-of-voice"
              label="Share of voice by topic"
              rows={data.shareOfVoice
                .filter((v) => v.total > 0)
                .slice(0, SOV_ROWS)
                .map((v) => ({
                  key: v.topicId,
                  label: v.topic?.name ?? v.topicId,
                  total: v.total,
                  counts: v,
                  length: v.share / Math.max(...data.shareOfVoice.map((s) => s.share)),
                  value: `${percent(v.share)} · ${count(v.total)}`,
                }))}
            />
          ) : (
            placeholder('share of voice')
          )}
        </figure>
        <figure class="chart-card">
          <figcaption>Top authors — {scopeName}</figcaption>
          {data && data.topAuthors.length > 0 ? (
            <ToneBars
              testId="top-authors"
              label="Authors with the most mentions"
              rows={data.topAuthors.map((a) => ({
                key: `${a.source}:${a.authorId}`,
                label: `@${a.handle}`,
                detail: `${a.name}, ${SOURCE_NAMES[a.source] ?? a.source}${a.followers !== null ? `, ${count(a.followers)} followers` : ''}`,
                total: a.total,
                counts: a,
                length: a.total / Math.max(1, data.topAuthors[0]?.total ?? 1),
                value: `${count(a.total)}${a.negative ? ` · ${count(a.negative)} neg` : ''}`,
              }))}
            />
          ) : (
            placeholder('authors')
          )}
        </figure>
        <figure class="chart-card">
          <figcaption>Sources — {scopeName}</figcaption>
          {data && data.sourceBreakdown.length > 0 ? (
            <ToneBars
              testId="source-breakdown"
              label="Mentions per source"
              rows={data.sourceBreakdown.map((s) => ({
                key: s.source,
                label: SOURCE_NAMES[s.source] ?? s.source,
                total: s.total,
                counts: s,
                length: s.total / Math.max(1, data.sourceBreakdown[0]?.total ?? 1),
                value: `${count(s.total)} · ${percent(s.total ? s.negative / s.total : null)} neg`,
              }))}
            />
          ) : (
            placeholder('sources')
          )}
        </figure>
      </div>
    </section>
  );
}
