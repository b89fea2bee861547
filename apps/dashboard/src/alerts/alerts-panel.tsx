import type { Alert } from '../api/api.types.js';
import { describeApiError } from '../api/graphql-client.js';
import { absoluteTime, relativeTime } from '../ui/format.js';
import { useNow } from '../ui/use-now.js';
import { KIND_NAMES, SEVERITY_NAMES, alertMentionId, alertSummary, leakReason } from './alert-logic.js';
import type { AlertsState } from './use-alerts.js';

export interface AlertsPanelProps {
  state: AlertsState;
  topicNames: ReadonlyMap<string, string>;
  /** Leak and rule alerts open their mention. */
  onOpenMention: (id: string) => void;
  /** Spike alerts point the feed at their topic. */
  onTopic: (topicId: string) => void;
}

export function AlertsPanel({ state, topicNames, onOpenMention, onTopic }: AlertsPanelProps) {
  const now = useNow();
  const { alerts, loading, error, fresh } = state;
  return (
    <section class="panel alerts-panel" aria-labelledby="alerts-title" data-testid="alerts-panel">
      <header class="panel-head">
        <h2 id="alerts-title">Alerts</h2>
        <span class="muted small">{loading ? 'Loading…' : `${alerts.length} recent`}</span>
      </header>
      {error && (
        <p class="alert error small" role="alert">
          {describeApiError(error)}
        </p>
      )}
      {!loading && alerts.length === 0 && !error && (
        <p class="muted small alerts-empty" data-testid="alerts-empty">
          No alerts yet. Spikes, leaks and rule alerts appear here as they are raised.
        </p>
      )}
      {alerts.length > 0 && (
        <ul class="alert-list" aria-live="polite" aria-relevant="additions">
          {alerts.map((alert) => (
            <AlertItem key={alert.id} alert={alert} isFresh={fresh.has(alert.id)} now={now} topicNames={topicNames} onOpenMention={onOpenMention} onTopic={onTopic} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AlertItem({ alert, isFresh, now, topicNames, onOpenMention, onTopic }: { alert: Alert; isFresh: boolean; now: number } & Omit<AlertsPanelProps, 'state'>) {
  const summary = alertSummary(alert, topicNames);
  const why = leakReason(alert);
  const mentionId = alertMentionId(alert);
  const spikeTopic = alert.kind === 'spike' ? (alert.topicId ?? alert.topicIds[0]) : undefined;
  const body = (
    <>
      <span class={`severity severity-${alert.severity}`}>{SEVERITY_NAMES[alert.severity]}</span>
      <span class="alert-kind">
        {KIND_NAMES[alert.kind]}
        <span class="sr-only"> alert</span>
      </span>
      <span class="alert-summary">
        {summary}
        {why && (
          <span class="alert-why muted small" data-testid="alert-why">
            {why}
          </span>
        )}
      </span>
      <time class="muted small" dateTime={alert.raisedAt} title={absoluteTime(alert.raisedAt)}>
        {relativeTime(alert.raisedAt, now)}
      </time>
    </>
  );
  const action = mentionId ? () => onOpenMention(mentionId) : spikeTopic ? () => onTopic(spikeTopic) : undefined;
  const hint = mentionId ? ' — open the mention' : spikeTopic ? ' — show this topic in the feed' : '';
  return (
    <li class={`alert-item severity-${alert.severity}${isFresh ? ' fresh' : ''}`} data-testid="alert-item" data-kind={alert.kind} data-alert-id={alert.id}>
      {action ? (
        <button type="button" class="alert-button" onClick={action} title={alert.excerpt ?? undefined}>
          {body}
          <span class="sr-only">{hint}</span>
        </button>
      ) : (
        <div class="alert-button">{body}</div>
      )}
    </li>
  );
}
