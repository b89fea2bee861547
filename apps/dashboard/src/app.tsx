import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Me, Topic } from './api/api.types.js';
import { ApiError, GraphqlClient, describeApiError } from './api/graphql-client.js';
import { SESSION_QUERY } from './api/queries.js';
import { KeyForm } from './auth/key-form.js';
import { initialKey, takeKeyFromHash, type KeyStore } from './auth/key-storage.js';
import { Dashboard } from './dashboard.js';

export interface Session {
  key: string;
  client: GraphqlClient;
  me: Me;
  topics: Topic[];
}

type Phase =
  | { name: 'no-key'; message?: string }
  | { name: 'checking'; key: string }
  | { name: 'unreachable'; key: string; message: string }
  | { name: 'ready'; session: Session };

/** Key first: nothing else renders until the server has accepted one. */
export function App({ store }: { store: KeyStore }) {
  const [phase, setPhase] = useState<Phase>(() => {
    const key = initialKey(window.location, window.history, store);
    return key ? { name: 'checking', key } : { name: 'no-key' };
  });

  const rejectKey = useCallback(
    (error: ApiError) => {
      store.clear();
      setPhase({ name: 'no-key', message: describeApiError(error) });
    },
    [store],
  );

  // Opening the printed link in a tab that already shows the dashboard changes only the fragment.
  useEffect(() => {
    const onHash = () => {
      if (!takeKeyFromHash(window.location.hash).key) return;
      const key = initialKey(window.location, window.history, store);
      if (key) setPhase({ name: 'checking', key });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [store]);

  useEffect(() => {
    if (phase.name !== 'checking') return;
    const controller = new AbortController();
    const client = new GraphqlClient(phase.key);
    client
      .request<{ me: Me; topics: Topic[] }>(SESSION_QUERY, {}, controller.signal)
      .then(({ me, topics }) => setPhase({ name: 'ready', session: { key: phase.key, client, me, topics } }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError = error instanceof ApiError ? error : new ApiError('network', String(error));
        if (apiError.kind === 'unauthenticated' || apiError.kind === 'forbidden') rejectKey(apiError);
        else setPhase({ name: 'unreachable', key: phase.key, message: describeApiError(apiError) });
      });
    return () => controller.abort();
  }, [phase, rejectKey]);

  switch (phase.name) {
    case 'no-key':
      return (
        <KeyForm
          message={phase.message}
          onSubmit={(key) => {
            store.set(key);
            setPhase({ name: 'checking', key });
          }}
        />
      );
    case 'checking':
      return (
        <main class="centered" aria-busy="true">
          <p class="muted" role="status">
            Connecting to Pulse…
          </p>
        </main>
      );
    case 'unreachable':
      return (
        <main class="centered">
          <section class="card" role="alert" data-testid="unreachable">
            <h1>Pulse is not reachable</h1>
            <p>{phase.message}</p>
            <div class="row-actions">
              <button class="primary" autoFocus onClick={() => setPhase({ name: 'checking', key: phase.key })}>
                Retry
              </button>
              <button onClick={() => { store.clear(); setPhase({ name: 'no-key' }); }}>Use another key</button>
            </div>
          </section>
        </main>
      );
    case 'ready':
      return (
        <Dashboard
          session={phase.session}
          onKeyRejected={rejectKey}
          onSignOut={() => {
            store.clear();
            setPhase({ name: 'no-key' });
          }}
        />
      );
    default: {
      const unreachable: never = phase;
      return unreachable;
    }
  }
}
