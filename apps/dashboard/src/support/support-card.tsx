import type { ApiError, GraphqlClient } from '../api/graphql-client.js';
import { describeApiError } from '../api/graphql-client.js';
import type { PeriodId } from '../charts/chart-period.js';
import { supportFigures } from './support-stats.js';
import { useSupportStats } from './use-support-stats.js';

export interface SupportCardProps {
  client: GraphqlClient;
  period: PeriodId;
  topicId: string;
  scopeName: string;
  onKeyRejected: (error: ApiError) => void;
}

/** The support team's figures for the charts' period and topic. */
export function SupportCard({ client, period, topicId, scopeName, onKeyRejected }: SupportCardProps) {
  const { data, topicId: shownTopic, loading, error } = useSupportStats(client, period, topicId, onKeyRejected);
  const figures = data ? supportFigures(data, shownTopic) : undefined;
  return (
    <figure class="chart-card wide support-card" data-testid="support-card" aria-busy={loading}>
      <figcaption>Support — {scopeName}</figcaption>
      {error && (
        <p class="alert error small" role="alert">
          {describeApiError(error)}
        </p>
      )}
      {figures ? (
        <dl class="support-stats">
          <div>
            <dt>First response</dt>
            <dd data-testid="support-first-response">{figures.firstResponse}</dd>
          </div>
          <div>
            <dt>Resolution</dt>
            <dd>{figures.resolution}</dd>
          </div>
          <div>
            <dt>Responded / in scope</dt>
            <dd data-testid="support-responded">{figures.responded}</dd>
          </div>
          <div>
            <dt>Typical answer found</dt>
            <dd>{figures.coverage}</dd>
          </div>
          <div>
            <dt title="Negative share of the same authors' mentions before and after their first response">Negative share before → after</dt>
            <dd>{figures.negativeShift}</dd>
          </div>
        </dl>
      ) : (
        !error && (
          <p class="muted chart-state" aria-busy="true">
            Loading support figures…
          </p>
        )
      )}
    </figure>
  );
}
