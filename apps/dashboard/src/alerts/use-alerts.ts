import { useEffect, useState } from 'preact/hooks';
import type { Alert } from '../api/api.types.js';
import { ApiError, isAbort, type GraphqlClient } from '../api/graphql-client.js';
import type { LiveClient } from '../api/live-client.js';
import { ALERTS_QUERY } from '../api/queries.js';
import { ALERT_CAPACITY, mergeAlerts } from './alert-logic.js';

export interface AlertsState {
  alerts: Alert[];
  loading: boolean;
  error: ApiError | undefined;
  /** Ids raised live since the page opened, for a highlight. */
  fresh: ReadonlySet<string>;
}

/**
 * Stored alerts by query plus `alertRaised` live. The subscription starts first, so nothing
 * raised while the query runs is lost; both are merged by id. After a reconnect the query
 * runs again to fill what the socket missed.
 */
export function useAlerts(client: GraphqlClient, live: LiveClient, onKeyRejected: (error: ApiError) => void): AlertsState {
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    const controller = new AbortController();
    const load = () =>
      client
        .request<{ alerts: Alert[] }>(ALERTS_QUERY, { limit: ALERT_CAPACITY }, controller.signal)
        .then((data) => {
          setAlerts((shown) => mergeAlerts(shown, data.alerts));
          setError(undefined);
        })
        .catch((caught: unknown) => {
          if (isAbort(caught) || controller.signal.aborted) return;
          const apiError = caught instanceof ApiError ? caught : new ApiError('network', String(caught));
          if (apiError.kind === 'unauthenticated') onKeyRejected(apiError);
          else setError(apiError);
        })
        .finally(() => {
          if (!controller.signal.aborted) setLoading(false);
        });

    const unsubscribe = live.subscribeAlerts({
      alert: (alert) => {
        setAlerts((shown) => mergeAlerts(shown, [alert]));
        setFresh((ids) => new Set(ids).add(alert.id));
      },
      error: (liveError) => setError(liveError),
    });
    const removeListener = live.onReconnect(() => void load());
    void live.ready().then(() => (controller.signal.aborted ? undefined : load()));
    return () => {
      controller.abort();
      unsubscribe();
      removeListener();
    };
  }, [client, live, onKeyRejected]);

  return { alerts, loading, error, fresh };
}
