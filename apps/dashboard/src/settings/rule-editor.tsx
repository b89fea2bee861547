import { useState } from 'preact/hooks';
import { ALERT_SEVERITIES, INTENTS, MENTION_STATUSES, SENTIMENT_LABELS, SOURCES, type AlertSeverity, type MentionStatus, type Rule, type Topic } from '../api/api.types.js';
import type { GraphqlClient } from '../api/graphql-client.js';
import { CREATE_RULE_MUTATION, UPDATE_RULE_MUTATION } from '../api/queries.js';
import { INTENT_NAMES, SOURCE_NAMES, STATUS_NAMES, TONE_NAMES } from '../ui/format.js';
import { CheckboxGroup } from './checkbox-group.js';
import { FORM_KEY, toFieldError, type FieldError } from './field-errors.js';
import { FieldErrorNote, errorFor } from './field-error-note.js';
import { checkRuleForm, compactRuleForm, formToRuleInput, ruleFieldKeys, type RuleForm, type Tri } from './rule-form.js';

export interface RuleEditorProps {
  client: GraphqlClient;
  topics: Topic[];
  /** Editing this rule; absent: a new one. */
  rule?: Rule;
  initial: RuleForm;
  /** Shown above the form (e.g. why it opened). */
  notice?: string;
  onSaved: (rule: Rule) => void;
  onCancel: () => void;
}

const TRI_OPTIONS: { value: Tri; label: string }[] = [
  { value: 'any', label: 'Either' },
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

export function RuleEditor({ client, topics, rule, initial, notice, onSaved, onCancel }: RuleEditorProps) {
  const [form, setForm] = useState<RuleForm>(initial);
  const [error, setError] = useState<FieldError>();
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof RuleForm>(key: K, value: RuleForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const err = (key: string) => errorFor(error, key);
  const describedBy = (key: string) => (err(key) ? `rule-error-${key}` : undefined);

  const save = async () => {
    const compact = compactRuleForm(form);
    setForm(compact);
    const local = checkRuleForm(compact);
    if (local) {
      setError(local);
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      const input = formToRuleInput(compact);
      const data = rule
        ? await client.request<{ rule: Rule }>(UPDATE_RULE_MUTATION, { id: rule.id, input })
        : await client.request<{ rule: Rule }>(CREATE_RULE_MUTATION, { input });
      onSaved(data.rule);
    } catch (caught) {
      setError(toFieldError(caught, ruleFieldKeys(compact)));
    } finally {
      setSaving(false);
    }
  };

  const tri = (key: 'replyNeeded' | 'direct', label: string) => (
    <label class="field">
      <span>{label}</span>
      <select value={form[key]} onChange={(event) => set(key, event.currentTarget.value as Tri)} data-testid={`rule-${key}`}>
        {TRI_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <form
      class="settings-form card-like"
      data-testid="rule-editor"
      aria-busy={saving}
      aria-label={rule ? `Edit rule ${rule.name}` : 'New rule'}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h3>{rule ? `Edit rule “${rule.name}”` : 'New rule'}</h3>
      {notice && <p class="alert warn small">{notice}</p>}
      <div class="form-row">
        <label class="field grow">
          <span>Name</span>
          <input value={form.name} maxLength={200} required onInput={(event) => set('name', event.currentTarget.value)} aria-describedby={describedBy('name')} data-testid="rule-name" />
          <FieldErrorNote error={err('name')} id="rule-error-name" />
        </label>
        <label class="check">
          <input type="checkbox" checked={form.enabled} onChange={(event) => set('enabled', event.currentTarget.checked)} data-testid="rule-enabled" /> Enabled
        </label>
      </div>

      <fieldset class="form-group">
        <legend>When a new mention…</legend>
        <p class="muted small">All filled-in conditions must hold; within a list, any value does. Nothing filled in: every new mention.</p>
        <FieldErrorNote error={err('conditions')} />
        <CheckboxGroup
          legend="Topics"
          options={topics.map((t) => ({ value: t.id, label: t.name }))}
          selected={form.topicIds}
          onChange={(v) => set('topicIds', v)}
          testId="rule-topics"
        />
        <FieldErrorNote error={err('conditions.topicIds')} />
        <CheckboxGroup legend="Tone" options={SENTIMENT_LABELS.map((s) => ({ value: s, label: TONE_NAMES[s] }))} selected={form.sentiments} onChange={(v) => set('sentiments', v)} />
        <CheckboxGroup legend="Intent" options={INTENTS.map((i) => ({ value: i, label: INTENT_NAMES[i] }))} selected={form.intents} onChange={(v) => set('intents', v)} />
        <CheckboxGroup legend="Source" options={SOURCES.map((s) => ({ value: s, label: SOURCE_NAMES[s] ?? s }))} selected={form.sources} onChange={(v) => set('sources', v)} />
        <div class="form-row">
          {tri('replyNeeded', 'Needs a reply')}
          {tri('direct', 'Addressed to the brand (direct)')}
          <label class="check">
            <input type="checkbox" checked={form.includeSpam} onChange={(event) => set('includeSpam', event.currentTarget.checked)} /> Include spam
          </label>
        </div>
        <label class="field">
          <span>
            Query <span class="muted">(query syntax over text, author:, source:, lang:)</span>
          </span>
          <input
            class="mono"
            value={form.query}
            maxLength={2000}
            placeholder='списали OR "двойное списание" -вакансии'
            onInput={(event) => set('query', event.currentTarget.value)}
            aria-invalid={err('conditions.query') ? true : undefined}
            aria-describedby={describedBy('conditions.query')}
            data-testid="rule-query"
          />
          <FieldErrorNote error={err('conditions.query')} text={form.query.trim()} id="rule-error-conditions.query" />
        </label>
        <label class="field">
          <span>Author handles <span class="muted">(comma-separated, without @)</span></span>
          <input value={form.authorHandles} onInput={(event) => set('authorHandles', event.currentTarget.value)} aria-describedby={describedBy('conditions.authorHandles')} />
          <FieldErrorNote error={err('conditions.authorHandles')} id="rule-error-conditions.authorHandles" />
        </label>
      </fieldset>

      <fieldset class="form-group">
        <legend>Then…</legend>
        <FieldErrorNote error={err('actions')} />
        <div class="form-row">
          <label class="field grow">
            <span>Add tags <span class="muted">(comma-separated)</span></span>
            <input value={form.addTags} onInput={(event) => set('addTags', event.currentTarget.value)} data-testid="rule-tags" />
            <FieldErrorNote error={err('actions.addTags')} />
          </label>
          <label class="field">
            <span>Set status</span>
            <select value={form.setStatus} onChange={(event) => set('setStatus', event.currentTarget.value as MentionStatus | '')} data-testid="rule-status">
              <option value="">Leave as is</option>
              {MENTION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_NAMES[s]}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span>Assign to</span>
            <input value={form.assignTo} maxLength={200} onInput={(event) => set('assignTo', event.currentTarget.value)} />
            <FieldErrorNote error={err('actions.assignTo')} />
          </label>
          <label class="field">
            <span>Notify</span>
            <select value={form.notify} onChange={(event) => set('notify', event.currentTarget.value as AlertSeverity | '')} data-testid="rule-notify">
              <option value="">No alert</option>
              {ALERT_SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  Alert: {s}
                </option>
              ))}
            </select>
          </label>
        </div>

        <label class="check">
          <input type="checkbox" checked={form.helpdesk} onChange={(event) => set('helpdesk', event.currentTarget.checked)} data-testid="rule-helpdesk" /> Send to a helpdesk
        </label>
        {form.helpdesk && <HelpdeskFields form={form} set={set} err={err} />}
        <FieldErrorNote error={err('actions.helpdesk')} />

        <label class="check">
          <input type="checkbox" checked={form.stop} onChange={(event) => set('stop', event.currentTarget.checked)} /> Stop: later rules do not run on a mention this rule matched
        </label>
      </fieldset>

      <FieldErrorNote error={err(FORM_KEY)} />
      <div class="row-actions">
        <button type="submit" class="primary" disabled={saving} data-testid="rule-save">
          {saving ? 'Saving…' : rule ? 'Save rule' : 'Create rule'}
        </button>
        <button type="button" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function HelpdeskFields({
  form,
  set,
  err,
}: {
  form: RuleForm;
  set: <K extends keyof RuleForm>(key: K, value: RuleForm[K]) => void;
  err: (key: string) => FieldError | undefined;
}) {
  const setHeader = (index: number, patch: Partial<{ name: string; value: string }>) => set('headers', form.headers.map((h, i) => (i === index ? { ...h, ...patch } : h)));
  return (
    <div class="helpdesk-fields" data-testid="helpdesk-fields">
      <div class="form-row">
        <label class="field">
          <span>Helpdesk name</span>
          <input value={form.helpdeskName} maxLength={100} placeholder="Jira" onInput={(event) => set('helpdeskName', event.currentTarget.value)} />
          <FieldErrorNote error={err('actions.helpdesk.name')} />
        </label>
        <label class="field grow">
          <span>URL <span class="muted">(JSON POST)</span></span>
          <input type="url" value={form.helpdeskUrl} placeholder="https://helpdesk.example.com/api/tickets" onInput={(event) => set('helpdeskUrl', event.currentTarget.value)} />
          <FieldErrorNote error={err('actions.helpdesk.url')} />
        </label>
      </div>
      <div class="field">
        <span class="field-label">Headers</span>
        {form.headers.length > 0 && <p class="muted small">Stored header values are never shown: saving sends the values typed here.</p>}
        {form.headers.map((h, i) => (
          <div class="form-row" key={i}>
            <label class="field">
              <span class="sr-only">Header {i + 1} name</span>
              <input value={h.name} placeholder="Authorization" onInput={(event) => setHeader(i, { name: event.currentTarget.value })} />
              <FieldErrorNote error={err(`actions.helpdesk.headers.${i}.name`)} />
            </label>
            <label class="field grow">
              <span class="sr-only">Header {i + 1} value</span>
              <input value={h.value} placeholder="Value" onInput={(event) => setHeader(i, { value: event.currentTarget.value })} />
              <FieldErrorNote error={err(`actions.helpdesk.headers.${i}.value`)} />
            </label>
            <button type="button" class="tag-remove" aria-label={`Remove header ${i + 1}`} onClick={() => set('headers', form.headers.filter((_, j) => j !== i))}>
              ×
            </button>
          </div>
        ))}
        <div>
          <button type="button" class="link-button" onClick={() => set('headers', [...form.headers, { name: '', value: '' }])}>
            Add header
          </button>
        </div>
        <FieldErrorNote error={err('actions.helpdesk.headers')} />
      </div>
      <label class="field">
        <span>
          Signing secret <span class="muted">(at least 16 characters; write-only)</span> {form.signed && <span class="badge direct">signed</span>}
        </span>
        <input
          type="password"
          autoComplete="new-password"
          value={form.secret}
          placeholder={form.signed ? 'Leave empty to keep the current secret' : 'Optional: signs the body (X-Pulse-Signature)'}
          onInput={(event) => set('secret', event.currentTarget.value)}
        />
        <FieldErrorNote error={err('actions.helpdesk.secret')} />
      </label>
      <label class="field">
        <span>
          Payload template <span class="muted">(JSON with {'{{placeholders}}'}; empty: the default body)</span>
        </span>
        <textarea class="mono" rows={4} value={form.payloadTemplate} onInput={(event) => set('payloadTemplate', event.currentTarget.value)} />
        <FieldErrorNote error={err('actions.helpdesk.payloadTemplate')} text={form.payloadTemplate} />
      </label>
      <label class="field">
        <span>Ticket id field <span class="muted">(in the helpdesk's JSON response, e.g. key or data.id)</span></span>
        <input value={form.ticketIdField} onInput={(event) => set('ticketIdField', event.currentTarget.value)} />
        <FieldErrorNote error={err('actions.helpdesk.ticketIdField')} />
      </label>
    </div>
  );
}
