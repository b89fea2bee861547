import { useEffect, useState } from 'preact/hooks';
import type { SupportStats } from '../api/api.types.js';
import type { ApiError, GraphqlClient } from '../api/graphql-client.js';
import { pollQuery } from '../api/poll-query.js';
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
    setState({ data: undefined, topicId, loading: true, error: undefined });
    return pollQuery(
      async (signal) => {
        const { from, to } = periodWindow(period, Date.now());
        const data = await client.request<SupportStats>(SUPPORT_STATS_QUERY, { from, to, topicIds: topicId ? [topicId] : null }, signal);
        setState({ data, topicId, loading: false, error: undefined });
      },
      REFRESH_MS,
      { onKeyRejected, onError: (error) => setState((s) => ({ ...s, loading: false, error })) },
    );
  }, [client, period, topicId, onKeyRejected]);

  return state;
}
