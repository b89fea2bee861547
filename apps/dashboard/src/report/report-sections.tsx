import { ChartFrame } from '../charts/chart-frame.js';
import { NegativeShareChart } from '../charts/negative-share-chart.js';
import { ToneBars, type ToneBarRow } from '../charts/tone-bars.js';
import { ToneLegend, ToneTimelineChart } from '../charts/tone-timeline-chart.js';
import { SOURCE_NAMES, STATUS_NAMES, absoluteTime, count, formatDuration, percent } from '../ui/format.js';
import type { HandledRequest, PeriodReport, ReportGroup } from './report-period.js';

/** The report as the PDF lays it out, with the dashboard's own charts. */
export function ReportBody({ report }: { report: PeriodReport }) {
  const { mentions, requests, handling } = report;
  const names = new Map(report.shareOfVoice.map((v) => [v.topicId, v.topic?.name ?? v.topicId]));
  return (
    <div class="report-body" data-testid="report-body">
      <dl class="report-kpis">
        <div>
          <dt>Mentions</dt>
          <dd data-testid="report-mentions">{count(mentions.total)}</dd>
          <dd class="muted small">{percent(mentions.negativeShare)} negative</dd>
        </div>
        <div>
          <dt>Requests answered</dt>
          <dd data-testid="report-answered">
            {requests.responded} of {requests.inScope}
          </dd>
          <dd class="muted small">
            {percent(requests.answeredShare)} answered · {requests.resolved} resolved
          </dd>
        </div>
        <div>
          <dt>First response</dt>
          <dd data-testid="report-first-response">{formatDuration(requests.firstResponseMedianSeconds)}</dd>
          <dd class="muted small">median · p90 {formatDuration(requests.firstResponseP90Seconds)}</dd>
        </div>
        <div>
          <dt>Resolution</dt>
          <dd>{formatDuration(requests.resolutionMedianSeconds)}</dd>
          <dd class="muted small">median · p90 {formatDuration(requests.resolutionP90Seconds)}</dd>
        </div>
      </dl>

      <section class="report-section">
        <h3>
          Tone over time <span class="muted small">{mentions.negative} negative · {mentions.neutral} neutral · {mentions.positive} positive</span>
        </h3>
        <ChartFrame heightRem={11}>{(w, h) => <ToneTimelineChart buckets={report.toneTrend} interval={report.interval} width={w} height={h} />}</ChartFrame>
        <ToneLegend />
      </section>
      <section class="report-section">
        <h3>
          Negative share <span class="muted small">{percent(mentions.negativeShare)} over the period</span>
        </h3>
        <ChartFrame heightRem={8}>{(w, h) => <NegativeShareChart buckets={report.negativeShareTrend} interval={report.interval} width={w} height={h} />}</ChartFrame>
      </section>
      <section class="report-section">
        <h3>
          Negative share before and after handling{' '}
          <span class="muted small">
            {handling.authors} {handling.authors === 1 ? 'author' : 'authors'} handled · their mentions ±{handling.windowHours} h around the first response
          </span>
        </h3>
        <ToneBars
          testId="report-handling"
          label="Negative share before and after handling"
          rows={[
            { key: 'before', label: `Before (${handling.beforeTotal})`, total: handling.beforeTotal, counts: { negative: handling.beforeNegative, neutral: handling.beforeTotal - handling.beforeNegative, positive: 0 }, length: 1, value: percent(handling.beforeNegativeShare) },
            { key: 'after', label: `After (${handling.afterTotal})`, total: handling.afterTotal, counts: { negative: handling.afterNegative, neutral: handling.afterTotal - handling.afterNegative, positive: 0 }, length: 1, value: percent(handling.afterNegativeShare) },
          ]}
        />
      </section>
      <div class="report-columns">
        <Groups title="Most frequent problems: typical answers" groups={report.categories} testId="report-categories" />
        <Groups title="Most frequent problems: intents" groups={report.intents} testId="report-intents" />
      </div>
      <section class="report-section">
        <h3>Share of voice</h3>
        <ToneBars
          testId="report-voice"
          label="Share of voice"
          rows={report.shareOfVoice.map(
            (v): ToneBarRow => ({ key: v.topicId, label: `${names.get(v.topicId)}${v.competitor ? ' (competitor)' : ''}`, total: v.total, counts: v, length: v.share, value: percent(v.share) }),
          )}
        />
      </section>
      <div class="report-columns">
        <section class="report-section">
          <h3>Top sources</h3>
          <ToneBars testId="report-sources" label="Top sources" rows={bars(report.topSources.map((s) => ({ key: s.source, label: SOURCE_NAMES[s.source], ...s })))} />
        </section>
        <section class="report-section">
          <h3>Top authors</h3>
          <ToneBars testId="report-authors" label="Top authors" rows={bars(report.topAuthors.map((a) => ({ key: `${a.source}:${a.authorId}`, label: `@${a.handle}`, detail: SOURCE_NAMES[a.source], ...a })))} />
        </section>
      </div>
      <HandledRequests rows={report.handledRequests} />
    </div>
  );
}

function bars(rows: { key: string; label: string; detail?: string; total: number; negative: number; neutral: number; positive: number }[]): ToneBarRow[] {
  const max = Math.max(1, ...rows.map((r) => r.total));
  return rows.map((r) => ({ key: r.key, label: r.label, detail: r.detail, total: r.total, counts: r, length: r.total / max, value: count(r.total) }));
}

function Groups({ title, groups, testId }: { title: string; groups: ReportGroup[]; testId: string }) {
  return (
    <section class="report-section" data-testid={testId}>
      <h3>{title}</h3>
      {groups.length === 0 ? (
        <p class="muted">No requests in the period.</p>
      ) : (
        <ol class="report-groups">
          {groups.map((g) => (
            <li key={g.key ?? ''}>
              <div class="report-group-head">
                <strong>{g.name}</strong>
                <span>
                  {g.requests} · {percent(g.share)}
                </span>
              </div>
              {g.examples.map((e) => (
                <blockquote key={e.mentionId} class="report-example">
                  “{e.excerpt}” — @{e.handle}, {SOURCE_NAMES[e.source]}
                </blockquote>
              ))}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function HandledRequests({ rows }: { rows: HandledRequest[] }) {
  return (
    <section class="report-section">
      <h3>
        Handled requests <span class="muted small">slowest first response first · times from collection</span>
      </h3>
      {rows.length === 0 ? (
        <p class="muted">Nobody responded to a request in the period.</p>
      ) : (
        <table class="report-table">
          <thead>
            <tr>
              <th scope="col">Collected</th>
              <th scope="col">Request</th>
              <th scope="col">First response</th>
              <th scope="col">Resolution</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.mentionId} data-testid="handled-request" data-mention-id={r.mentionId}>
                <td>{absoluteTime(r.collectedAt)}</td>
                <td>
                  @{r.handle} ({SOURCE_NAMES[r.source]}): {r.excerpt}
                  {r.categoryName && <span class="muted"> [{r.categoryName}]</span>}
                </td>
                <td data-testid="handled-first-response">{formatDuration(r.firstResponseSeconds)}</td>
                <td>{formatDuration(r.resolutionSeconds)}</td>
                <td>{STATUS_NAMES[r.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
