import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AnswerCategory, Me } from '../api/api.types.js';
import { ApiError, describeApiError, describeMutationError, type GraphqlClient } from '../api/graphql-client.js';
import { ANSWERS_QUERY, DELETE_ANSWER_MUTATION } from '../api/queries.js';
import { AnswerEditor } from './answer-editor.js';
import { EMPTY_ANSWER_FORM, categoryToForm, intentsSummary, type AnswerForm } from './answer-form.js';
import { ConfirmDelete } from './confirm-delete.js';

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; categories: AnswerCategory[] };
type Editing = { category?: AnswerCategory; initial: AnswerForm };

export function AnswersSection({ client, me, onKeyRejected }: { client: GraphqlClient; me: Me; onKeyRejected: (error: ApiError) => void }) {
  const canEdit = me.role === 'analyst' || me.role === 'admin';
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [editing, setEditing] = useState<Editing>();
  const [busyId, setBusyId] = useState<string>();
  const [confirmId, setConfirmId] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const [reloads, setReloads] = useState(0);
  const reload = useCallback(() => setReloads((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    client
      .request<{ answerCategories: AnswerCategory[] }>(ANSWERS_QUERY, {}, controller.signal)
      .then(({ answerCategories }) => setLoad({ state: 'ready', categories: [...answerCategories].sort((a, b) => a.position - b.position) }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError = error instanceof ApiError ? error : new ApiError('network', String(error));
        if (apiError.kind === 'unauthenticated') onKeyRejected(apiError);
        else setLoad({ state: 'error', message: describeApiError(apiError) });
      });
    return () => controller.abort();
  }, [client, reloads, onKeyRejected]);

  const remove = async (category: AnswerCategory) => {
    setBusyId(category.id);
    setActionError(undefined);
    try {
      await client.request(DELETE_ANSWER_MUTATION, { id: category.id });
      reload();
    } catch (error) {
      setActionError(describeMutationError(error instanceof ApiError ? error : new ApiError('network', String(error))));
    } finally {
      setBusyId(undefined);
      setConfirmId(undefined);
    }
  };

  return (
    <section class="settings-section" aria-labelledby="answers-title" data-testid="answers-section">
      <div class="section-head">
        <h2 id="answers-title">Typical answers</h2>
        {canEdit && load.state === 'ready' && !editing && (
          <button class="primary" onClick={() => setEditing({ initial: EMPTY_ANSWER_FORM })} data-testid="new-answer">
            New typical answer
          </button>
        )}
      </div>
      <p class="muted small">In matching order: a request that needs a reply gets the answer of the most specific category whose pattern it matches.</p>
      {!canEdit && (
        <p class="muted small" data-testid="answers-read-only">
          Your key is read-only: you can read the typical answers here, changes need an analyst or admin key.
        </p>
      )}
      {load.state === 'loading' && <p class="muted" aria-busy="true">Loading typical answers…</p>}
      {load.state === 'error' && (
        <p class="alert error" role="alert">
          {load.message} <button class="link-button" onClick={reload}>Retry</button>
        </p>
      )}
      {editing && (
        <AnswerEditor
          key={editing.category?.id ?? 'new'}
          client={client}
          {...(editing.category ? { category: editing.category } : {})}
          initial={editing.initial}
          onSaved={() => {
            setEditing(undefined);
            reload();
          }}
          onCancel={() => setEditing(undefined)}
        />
      )}
      {actionError && (
        <p class="alert error small" role="alert" data-testid="answers-error">
          {actionError}
        </p>
      )}
      {load.state === 'ready' &&
        (load.categories.length === 0 ? (
          <p class="muted">No typical answers yet.</p>
        ) : (
          <ol class="settings-list" data-testid="answer-list">
            {load.categories.map((c) => (
              <li key={c.id} class="settings-item" data-testid="answer-item" data-category-id={c.id}>
                <div class="item-head">
                  <strong>{c.name}</strong>
                  <span class="muted small">{intentsSummary(c.intents)}</span>
                  {canEdit && (
                    <span class="row-actions">
                      <button class="link-button" disabled={busyId !== undefined} onClick={() => setEditing({ category: c, initial: categoryToForm(c) })}>
                        Edit
                      </button>
                      <ConfirmDelete
                        confirming={confirmId === c.id}
                        disabled={busyId !== undefined}
                        onAsk={() => setConfirmId(c.id)}
                        onConfirm={() => void remove(c)}
                        onKeep={() => setConfirmId(undefined)}
                      />
                    </span>
                  )}
                </div>
                <ul class="pattern-list" aria-label="Patterns">
                  {c.patterns.map((p, i) => (
                    <li key={i}>
                      <code>{p}</code>
                    </li>
                  ))}
                </ul>
                <p class="answer-template small">{c.template}</p>
                {c.translations.length > 0 && (
                  <dl class="translations small">
                    {c.translations.map((t) => (
                      <div key={t.language}>
                        <dt>{t.language}</dt>
                        <dd>{t.template}</dd>
                      </div>
                    ))}
                  </dl>
                )}
              </li>
            ))}
          </ol>
        ))}
    </section>
  );
}
