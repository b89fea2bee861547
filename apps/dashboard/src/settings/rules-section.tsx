import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Me, Rule, Topic } from '../api/api.types.js';
import { ApiError, describeApiError, describeMutationError, type GraphqlClient } from '../api/graphql-client.js';
import { DELETE_RULE_MUTATION, RULES_QUERY, UPDATE_RULE_MUTATION } from '../api/queries.js';
import { RuleEditor } from './rule-editor.js';
import { EMPTY_RULE_FORM, formToRuleInput, ruleSummary, ruleToForm, type RuleForm } from './rule-form.js';
import { ConfirmDelete } from './confirm-delete.js';

type Load = { state: 'loading' } | { state: 'admin-only' } | { state: 'error'; message: string } | { state: 'ready'; rules: Rule[] };
type Editing = { rule?: Rule; initial: RuleForm; notice?: string };

const ADMIN_ONLY = 'Rules are managed with an admin key.';

export function RulesSection({ client, me, topics, onKeyRejected }: { client: GraphqlClient; me: Me; topics: Topic[]; onKeyRejected: (error: ApiError) => void }) {
  const isAdmin = me.role === 'admin';
  const [load, setLoad] = useState<Load>(isAdmin ? { state: 'loading' } : { state: 'admin-only' });
  const [editing, setEditing] = useState<Editing>();
  const [busyId, setBusyId] = useState<string>();
  const [confirmId, setConfirmId] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const [reloads, setReloads] = useState(0);
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const topicNames = new Map(topics.map((t) => [t.id, t.name]));

  useEffect(() => {
    if (!isAdmin) return;
    const controller = new AbortController();
    client
      .request<{ rules: Rule[] }>(RULES_QUERY, {}, controller.signal)
      .then(({ rules }) => setLoad({ state: 'ready', rules: [...rules].sort((a, b) => a.position - b.position) }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError = error instanceof ApiError ? error : new ApiError('network', String(error));
        if (apiError.kind === 'unauthenticated') onKeyRejected(apiError);
        else if (apiError.kind === 'forbidden') setLoad({ state: 'admin-only' });
        else setLoad({ state: 'error', message: describeApiError(apiError) });
      });
    return () => controller.abort();
  }, [client, isAdmin, reloads, onKeyRejected]);

  const change = async (rule: Rule, query: string, variables: Record<string, unknown>) => {
    setBusyId(rule.id);
    setActionError(undefined);
    try {
      await client.request(query, variables);
      reload();
    } catch (error) {
      setActionError(describeMutationError(error instanceof ApiError ? error : new ApiError('network', String(error))));
    } finally {
      setBusyId(undefined);
      setConfirmId(undefined);
    }
  };

  const toggle = (rule: Rule) => {
    const form = { ...ruleToForm(rule), enabled: !rule.enabled };
    // Header values are never returned and an update replaces them: re-typing them is the only safe way.
    if (rule.actions.helpdesk && rule.actions.helpdesk.headerNames.length > 0) {
      setEditing({ rule, initial: form, notice: `Re-enter the helpdesk header values, then save to ${form.enabled ? 'enable' : 'disable'} the rule (stored values are never shown).` });
      return;
    }
    void change(rule, UPDATE_RULE_MUTATION, { id: rule.id, input: formToRuleInput(form) });
  };

  return (
    <section class="settings-section" aria-labelledby="rules-title" data-testid="rules-section">
      <div class="section-head">
        <h2 id="rules-title">Workflow rules</h2>
        {load.state === 'ready' && !editing && (
          <button class="primary" onClick={() => setEditing({ initial: EMPTY_RULE_FORM })} data-testid="new-rule">
            New rule
          </button>
        )}
      </div>
      <p class="muted small">Run on every newly stored mention, in this order. Every matching rule applies: tags add up; the first rule to set a status or an assignee wins.</p>
      {load.state === 'admin-only' && (
        <p class="alert warn" data-testid="rules-admin-only">
          {ADMIN_ONLY} Your key ({me.role}) can neither see nor change them.
        </p>
      )}
      {load.state === 'loading' && <p class="muted" aria-busy="true">Loading rules…</p>}
      {load.state === 'error' && (
        <p class="alert error" role="alert">
          {load.message} <button class="link-button" onClick={reload}>Retry</button>
        </p>
      )}
      {editing && (
        <RuleEditor
          key={editing.rule?.id ?? 'new'}
          client={client}
          topics={topics}
          {...(editing.rule ? { rule: editing.rule } : {})}
          initial={editing.initial}
          {...(editing.notice ? { notice: editing.notice } : {})}
          onSaved={() => {
            setEditing(undefined);
            reload();
          }}
          onCancel={() => setEditing(undefined)}
        />
      )}
      {actionError && (
        <p class="alert error small" role="alert" data-testid="rules-error">
          {actionError}
        </p>
      )}
      {load.state === 'ready' &&
        (load.rules.length === 0 ? (
          <p class="muted">No rules yet.</p>
        ) : (
          <ol class="settings-list" data-testid="rule-list">
            {load.rules.map((rule) => (
              <li key={rule.id} class={`settings-item${rule.enabled ? '' : ' disabled'}`} data-testid="rule-item" data-rule-id={rule.id}>
                <div class="item-head">
                  <strong>{rule.name}</strong>
                  <span class={`badge ${rule.enabled ? 'status' : 'duplicate'}`} data-testid="rule-state">
                    {rule.enabled ? 'Enabled' : 'Disabled'}
                  </span>
                  <span class="row-actions">
                    <button class="link-button" disabled={busyId !== undefined} onClick={() => setEditing({ rule, initial: ruleToForm(rule) })}>
                      Edit
                    </button>
                    <button class="link-button" disabled={busyId !== undefined} onClick={() => toggle(rule)}>
                      {rule.enabled ? 'Disable' : 'Enable'}
                    </button>
                    <ConfirmDelete
                      confirming={confirmId === rule.id}
                      disabled={busyId !== undefined}
                      onAsk={() => setConfirmId(rule.id)}
                      onConfirm={() => void change(rule, DELETE_RULE_MUTATION, { id: rule.id })}
                      onKeep={() => setConfirmId(undefined)}
                    />
                  </span>
                </div>
                <p class="item-summary small" data-testid="rule-summary">
                  {ruleSummary(rule, topicNames)}
                </p>
              </li>
            ))}
          </ol>
        ))}
    </section>
  );
}
