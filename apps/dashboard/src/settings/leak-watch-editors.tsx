import { useState } from 'preact/hooks';
import { ALERT_SEVERITIES } from '../api/api.types.js';
import { ApiError, type GraphqlClient } from '../api/graphql-client.js';
import { SEVERITY_NAMES } from '../alerts/alert-logic.js';
import { FieldErrorNote, errorFor } from './field-error-note.js';
import { FORM_KEY, toFieldError, type FieldError } from './field-errors.js';
import { CREATE_TERM, CREATE_WATCH_LIST, UPDATE_TERM, UPDATE_WATCH_LIST } from './leak-watch.queries.js';
import { parseAccounts, termInput, type TermForm, type WatchListForm } from './leak-watch-form.js';

interface EditorProps<F> {
  client: GraphqlClient;
  /** Absent: a new one. */
  id?: string;
  initial: F;
  onSaved: () => void;
  onCancel: () => void;
}

async function save(run: () => Promise<unknown>, known: readonly string[], setError: (e: FieldError | undefined) => void, onSaved: () => void): Promise<void> {
  setError(undefined);
  try {
    await run();
    onSaved();
  } catch (error) {
    setError(toFieldError(error instanceof ApiError ? error : new ApiError('network', String(error)), known));
  }
}

/** A confidential term: a query-language expression; a syntax error shows under it with a caret. */
export function TermEditor({ client, id, initial, onSaved, onCancel }: EditorProps<TermForm>) {
  const [form, setForm] = useState(initial);
  const [error, setError] = useState<FieldError>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const input = termInput(form);
    await save(() => client.request(id ? UPDATE_TERM : CREATE_TERM, id ? { id, input } : { input }), ['expression', 'always', 'severity'], setError, onSaved);
    setBusy(false);
  };
  const expressionError = errorFor(error, 'expression');
  return (
    <form class="settings-form card-like" data-testid="term-editor" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <label>
        Expression (query language: <code>"Проект Сокол"</code>, <code>ORION-7 -вакансия</code>)
        <input
          value={form.expression}
          onInput={(e) => setForm({ ...form, expression: e.currentTarget.value })}
          aria-invalid={expressionError ? 'true' : undefined}
          data-testid="term-expression"
          required
        />
      </label>
      <FieldErrorNote error={expressionError} text={form.expression} />
      <div class="form-row">
        <label class="check">
          <input type="checkbox" checked={form.always} onChange={(e) => setForm({ ...form, always: e.currentTarget.checked })} data-testid="term-always" /> Alert whoever posts it (not only watched accounts)
        </label>
        <label>
          Severity{' '}
          <select value={form.severity} onChange={(e) => setForm({ ...form, severity: e.currentTarget.value as TermForm['severity'] })} data-testid="term-severity">
            <option value="">Default (critical from a watched account, high otherwise)</option>
            {ALERT_SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {SEVERITY_NAMES[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <FieldErrorNote error={errorFor(error, FORM_KEY)} />
      <div class="row-actions">
        <button class="primary" type="submit" disabled={busy} data-testid="term-save">
          {busy ? 'Saving…' : 'Save term'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** A watch list: a name and one account a line. */
export function WatchListEditor({ client, id, initial, onSaved, onCancel }: EditorProps<WatchListForm>) {
  const [form, setForm] = useState(initial);
  const [error, setError] = useState<FieldError>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const parsed = parseAccounts(form.accounts);
    if ('line' in parsed) {
      setError({ key: 'accounts', message: parsed.message });
      return;
    }
    setBusy(true);
    const input = { name: form.name.trim(), accounts: parsed.accounts };
    await save(() => client.request(id ? UPDATE_WATCH_LIST : CREATE_WATCH_LIST, id ? { id, input } : { input }), ['name', 'accounts'], setError, onSaved);
    setBusy(false);
  };
  return (
    <form class="settings-form card-like" data-testid="list-editor" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <label>
        Name
        <input value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} data-testid="list-name" required />
      </label>
      <FieldErrorNote error={errorFor(error, 'name')} />
      <label>
        Accounts, one a line: source and handle (<code>vk ivan.petrov</code>, <code>telegram @insider</code>)
        <textarea rows={5} value={form.accounts} onInput={(e) => setForm({ ...form, accounts: e.currentTarget.value })} data-testid="list-accounts" />
      </label>
      <FieldErrorNote error={errorFor(error, 'accounts')} />
      <FieldErrorNote error={errorFor(error, FORM_KEY)} />
      <div class="row-actions">
        <button class="primary" type="submit" disabled={busy} data-testid="list-save">
          {busy ? 'Saving…' : 'Save list'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
