import { useEffect, useState } from 'preact/hooks';
import type { SupportStats } from '../api/api.types.js';
import { ApiError, isAbort, type GraphqlClient } from '../api/graphql-client.js';
import { SUPPORT_STATS_QUERY } from '../api/queries.js';
import { periodWindow, type PeriodId } from '../charts/chart-period.js';

const REFRESH_MS = 30_000;

export interface SupportStatsState {
  data: SupportStats | undefined;
  /** The topic `data` is for ('' = all). */
  topicId: string;
  loading: boolean;
  error: ApiError | undefined;
}

/** Reaction times, handling effect and answer coverage for the charts' period and topic; kept on screen while refreshing. */
export function useSupportStats(client: GraphqlClient, period: PeriodId, topicId: string, onKeyRejected: (error: ApiError) => void): SupportStatsState {
  const [state, setState] = useState<SupportStatsState>({ data: undefined, topicId, loading: true, error: undefined });

  useEffect(() => {
    let controller: AbortController | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    setState({ data: undefined, topicId, loading: true, error: undefined });

    const run = () => {
      if (stopped) return;
      if (document.visibilityState === 'hidden') {
        timer = setTimeout(run, REFRESH_MS);
        return;
      }
      controller = new AbortController();
      const { from, to } = periodWindow(period, Date.now());
      client
        .request<SupportStats>(SUPPORT_STATS_QUERY, { from, to, topicIds: topicId ? [topicId] : null }, controller.signal)
        .then((data) => setState({ data, topicId, loading: false, error: undefined }))
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
