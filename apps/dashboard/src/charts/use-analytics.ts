import { useEffect, useState } from 'preact/hooks';
import type { Analytics } from '../api/api.types.js';
import type { ApiError, GraphqlClient } from '../api/graphql-client.js';
import { pollQuery } from '../api/poll-query.js';
import { ANALYTICS_QUERY } from '../api/queries.js';
import { periodWindow, type PeriodId } from './chart-period.js';

const REFRESH_MS = 10_000;

export interface AnalyticsState {
  data: Analytics | undefined;
  /** The window `data` describes. */
  window: ReturnType<typeof periodWindow> | undefined;
  /** The period `data` is for (lags the selected one while it loads). */
  period: PeriodId | undefined;
  loading: boolean;
  error: ApiError | undefined;
}

/**
 * All five charts in one request, refreshed every few seconds while the tab is visible. The last
 * good answer stays on screen during a refresh or a failed one, so charts never flash empty.
 */
export function useAnalytics(client: GraphqlClient, period: PeriodId, topicId: string, onKeyRejected: (error: ApiError) => void): AnalyticsState {
  const [state, setState] = useState<AnalyticsState>({ data: undefined, window: undefined, period: undefined, loading: true, error: undefined });

  useEffect(() => {
    setState({ data: undefined, window: undefined, period: undefined, loading: true, error: undefined });
    return pollQuery(
      async (signal) => {
        const window = periodWindow(period, Date.now());
        const topicIds = topicId ? [topicId] : null;
        const data = await client.request<Analytics>(ANALYTICS_QUERY, { ...window, topicIds, filter: { from: window.from, to: window.to, ...(topicIds ? { topicIds } : {}) } }, signal);
        setState({ data, window, period, loading: false, error: undefined });
      },
      REFRESH_MS,
      { onKeyRejected, onError: (error) => setState((s) => ({ ...s, loading: false, error })) },
    );
  }, [client, period, topicId, onKeyRejected]);

  return state;
}
