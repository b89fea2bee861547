import { useEffect, useState } from 'preact/hooks';
import type { Analytics } from '../api/api.types.js';
import { ApiError, isAbort, type GraphqlClient } from '../api/graphql-client.js';
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
    let controller: AbortController | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    setState({ data: undefined, window: undefined, period: undefined, loading: true, error: undefined });

    const run = () => {
      if (stopped) return;
      if (document.visibilityState === 'hidden') {
        timer = setTimeout(run, REFRESH_MS);
        return;
      }
      controller = new AbortController();
      const window = periodWindow(period, Date.now());
      const topicIds = topicId ? [topicId] : null;
      client
        .request<Analytics>(
          ANALYTICS_QUERY,
          { ...window, topicIds, filter: { from: window.from, to: window.to, ...(topicIds ? { topicIds } : {}) } },
          controller.signal,
        )
        .then((data) => setState({ data, window, period, loading: false, error: undefined }))
        .catch((error: unknown) => {
          if (isAbort(error) || stopped) return;
          const apiError = error instanceof ApiError ? error : new ApiError('network', String(error));
          if (apiError.kind === 'unauthenticated') return onKeyRejected(apiError);
          setState((s) => ({ ...s, loading: false, error: apiError }));
        })
        .finally(() => {
          if (!stopped) timer = setTimeout(run, REFRESH_MS);
        });
    };
    run();
    return () => {
      stopped = true;
      controller?.abort();
      clearTimeout(timer);
    };
  }, [client, period, topicId, onKeyRejected]);

  return state;
}
