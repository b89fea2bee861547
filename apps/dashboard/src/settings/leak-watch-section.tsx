import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Me } from '../api/api.types.js';
import { ApiError, describeApiError, describeMutationError, type GraphqlClient } from '../api/graphql-client.js';
import { SEVERITY_NAMES } from '../alerts/alert-logic.js';
import { absoluteTime } from '../ui/format.js';
import { ConfirmDelete } from './confirm-delete.js';
import { TermEditor, WatchListEditor } from './leak-watch-editors.js';
import { DELETE_TERM, DELETE_WATCH_LIST, LEAK_WATCH_QUERY } from './leak-watch.queries.js';
import { EMPTY_LIST_FORM, EMPTY_TERM_FORM, accountsSummary, listToForm, termToForm, type LeakWatch, type TermForm, type WatchListForm } from './leak-watch-form.js';

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; watch: LeakWatch };
type Editing = { kind: 'term'; id?: string; initial: TermForm } | { kind: 'list'; id?: string; initial: WatchListForm };

/**
 * Leak watch (admins): confidential terms and watch lists, applied on every gateway replica
 * within seconds of a save, and the history of who changed what.
 */
export function LeakWatchSection({ client, me, onKeyRejected }: { client: GraphqlClient; me: Me; onKeyRejected: (error: ApiError) => void }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [editing, setEditing] = useState<Editing>();
  const [confirmId, setConfirmId] = useState<string>();
  const [busyId, setBusyId] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const [reloads, setReloads] = useState(0);
  const reload = useCallback(() => setReloads((n) => n + 1), []);

  useEffect(() => {
    if (me.role !== 'admin') return;
    const controller = new AbortController();
    client
      .request<{ leakWatch: LeakWatch }>(LEAK_WATCH_QUERY, {}, controller.signal)
      .then(({ leakWatch }) => setLoad({ state: 'ready', watch: leakWatch }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError = error instanceof ApiError ? error : new ApiError('network', String(error));
        if (apiError.kind === 'unauthenticated') onKeyRejected(apiError);
        else setLoad({ state: 'error', message: describeApiError(apiError) });
      });
    return () => controller.abort();
  }, [client, me.role, reloads, onKeyRejected]);

  if (me.role !== 'admin') {
    return (
      <section class="settings-section" data-testid="leak-watch-section">
        <h2>Leak watch</h2>
        <p class="muted" data-testid="leak-watch-admin-only">
          Watch lists name employees and the terms name what must stay secret: only an admin key can see or change them.
        </p>
      </section>
    );
  }

  const remove = async (kind: 'term' | 'list', id: string) => {
    setBusyId(id);
    setActionError(undefined);
    try {
      await client.request(kind === 'term' ? DELETE_TERM : DELETE_WATCH_LIST, { id });
      reload();
    } catch (error) {
      setActionError(describeMutationError(error instanceof ApiError ? error : new ApiError('network', String(error))));
    } finally {
      setBusyId(undefined);
      setConfirmId(undefined);
    }
  };
  const saved = () => {
    setEditing(undefined);
    reload();
  };
  const watch = load.state === 'ready' ? load.watch : undefined;

  return (
    <section class="settings-section" aria-labelledby="leak-title" data-testid="leak-watch-section">
      <div class="section-head">
        <h2 id="leak-title">Leak watch</h2>
        {watch && !editing && (
          <>
            <button class="primary" onClick={() => setEditing({ kind: 'term', initial: EMPTY_TERM_FORM })} data-testid="new-term">
              New confidential term
            </button>
            <button onClick={() => setEditing({ kind: 'list', initial: EMPTY_LIST_FORM })} data-testid="new-list">
              New watch list
            </button>
          </>
        )}
      </div>
      <p class="muted small">
        A watched account posting a confidential term, or anyone posting a term marked “from anyone”, raises a leak alert. Saved changes apply on every gateway within seconds.
      </p>
      {load.state === 'loading' && <p class="muted" aria-busy="true">Loading the leak watch…</p>}
      {load.state === 'error' && (
        <p class="alert error" role="alert">
          {load.message} <button class="link-button" onClick={reload}>Retry</button>
        </p>
      )}
      {actionError && <p class="alert error" role="alert">{actionError}</p>}
      {editing?.kind === 'term' && <TermEditor client={client} id={editing.id} initial={editing.initial} onSaved={saved} onCancel={() => setEditing(undefined)} />}
      {editing?.kind === 'list' && <WatchListEditor client={client} id={editing.id} initial={editing.initial} onSaved={saved} onCancel={() => setEditing(undefined)} />}
      {watch && (
        <>
          <h3>Confidential terms</h3>
          {watch.terms.length === 0 && <p class="muted">No confidential terms yet.</p>}
          <ul class="settings-list" data-testid="term-list">
            {watch.terms.map((t) => (
              <li key={t.id} class="settings-item" data-testid="term-item">
                <div class="item-head">
                  <code data-testid="term-text">{t.expression}</code>
                  <span class="badge">{t.always ? 'from anyone' : 'from watched accounts'}</span>
                  {t.severity && <span class={`severity severity-${t.severity}`}>{SEVERITY_NAMES[t.severity]}</span>}
                  <span class="row-actions">
                    <button class="link-button" onClick={() => setEditing({ kind: 'term', id: t.id, initial: termToForm(t) })}>
                      Edit
                    </button>
                    <ConfirmDelete confirming={confirmId === t.id} disabled={busyId === t.id} onAsk={() => setConfirmId(t.id)} onConfirm={() => void remove('term', t.id)} onKeep={() => setConfirmId(undefined)} />
                  </span>
                </div>
              </li>
            ))}
          </ul>
          <h3>Watch lists</h3>
          {watch.lists.length === 0 && <p class="muted">No watch lists yet.</p>}
          <ul class="settings-list" data-testid="watch-lists">
            {watch.lists.map((l) => (
              <li key={l.id} class="settings-item" data-testid="list-item">
                <div class="item-head">
                  <strong>{l.name}</strong>
                  <span class="row-actions">
                    <button class="link-button" onClick={() => setEditing({ kind: 'list', id: l.id, initial: listToForm(l) })}>
                      Edit
                    </button>
                    <ConfirmDelete confirming={confirmId === l.id} disabled={busyId === l.id} onAsk={() => setConfirmId(l.id)} onConfirm={() => void remove('list', l.id)} onKeep={() => setConfirmId(undefined)} />
                  </span>
                </div>
                <p class="item-summary">{accountsSummary(l)}</p>
              </li>
            ))}
          </ul>
          <h3>History</h3>
          <ol class="leak-history" data-testid="leak-history">
            {watch.history.map((h) => (
              <li key={h.id}>
                <time class="muted small" dateTime={h.at}>
                  {absoluteTime(h.at)}
                </time>{' '}
                <strong>{h.actor}</strong> {h.summary}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
