import { useState } from 'preact/hooks';
import { INTENTS, type AnswerCategory } from '../api/api.types.js';
import type { GraphqlClient } from '../api/graphql-client.js';
import { CREATE_ANSWER_MUTATION, UPDATE_ANSWER_MUTATION } from '../api/queries.js';
import { INTENT_NAMES } from '../ui/format.js';
import { answerErrorKey, answerFieldKeys, compactAnswerForm, formToAnswerInput, type AnswerForm } from './answer-form.js';
import { CheckboxGroup } from './checkbox-group.js';
import { FORM_KEY, toFieldError, type FieldError } from './field-errors.js';
import { FieldErrorNote, errorFor } from './field-error-note.js';

export interface AnswerEditorProps {
  client: GraphqlClient;
  category?: AnswerCategory;
  initial: AnswerForm;
  onSaved: (category: AnswerCategory) => void;
  onCancel: () => void;
}

export function AnswerEditor({ client, category, initial, onSaved, onCancel }: AnswerEditorProps) {
  const [form, setForm] = useState<AnswerForm>(initial);
  const [error, setError] = useState<FieldError>();
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof AnswerForm>(key: K, value: AnswerForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const err = (key: string) => errorFor(error, key);

  const save = async () => {
    const compact = compactAnswerForm(form);
    setForm(compact);
    setSaving(true);
    setError(undefined);
    try {
      const input = formToAnswerInput(compact);
      const data = category
        ? await client.request<{ category: AnswerCategory }>(UPDATE_ANSWER_MUTATION, { id: category.id, input })
        : await client.request<{ category: AnswerCategory }>(CREATE_ANSWER_MUTATION, { input });
      onSaved(data.category);
    } catch (caught) {
      // A translation named by its language (translations.en) lands on that row.
      setError(toFieldError(caught, answerFieldKeys(compact), (key) => answerErrorKey(key, compact)));
    } finally {
      setSaving(false);
    }
  };

  const setPattern = (index: number, value: string) => set('patterns', form.patterns.map((p, i) => (i === index ? value : p)));
  const setTranslation = (index: number, patch: Partial<{ language: string; template: string }>) => set('translations', form.translations.map((t, i) => (i === index ? { ...t, ...patch } : t)));

  return (
    <form
      class="settings-form card-like"
      data-testid="answer-editor"
      aria-busy={saving}
      aria-label={category ? `Edit typical answer ${category.name}` : 'New typical answer'}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h3>{category ? `Edit “${category.name}”` : 'New typical answer'}</h3>
      <label class="field">
        <span>Name</span>
        <input value={form.name} maxLength={200} required onInput={(event) => set('name', event.currentTarget.value)} data-testid="answer-name" />
        <FieldErrorNote error={err('name')} />
      </label>
      <div class="field">
        <span class="field-label">Patterns <span class="muted">(query syntax; a request matching any of them belongs here)</span></span>
        {form.patterns.map((p, i) => (
          <div key={i} class="pattern-row">
            <div class="form-row">
              <label class="field grow">
                <span class="sr-only">Pattern {i + 1}</span>
                <input class="mono" value={p} onInput={(event) => setPattern(i, event.currentTarget.value)} aria-invalid={err(`patterns.${i}`) ? true : undefined} data-testid="answer-pattern" />
              </label>
              <button type="button" class="tag-remove" aria-label={`Remove pattern ${i + 1}`} disabled={form.patterns.length === 1} onClick={() => set('patterns', form.patterns.filter((_, j) => j !== i))}>
                ×
              </button>
            </div>
            <FieldErrorNote error={err(`patterns.${i}`)} text={p.trim()} />
          </div>
        ))}
        <div>
          <button type="button" class="link-button" onClick={() => set('patterns', [...form.patterns, ''])}>
            Add pattern
          </button>
        </div>
        <FieldErrorNote error={err('patterns')} />
      </div>
      <label class="field">
        <span>
          Answer template <span class="muted">({'{{author.name}}, {{author.handle}}, {{topic.name}}, {{mention.url}}'})</span>
        </span>
        <textarea rows={4} value={form.template} onInput={(event) => set('template', event.currentTarget.value)} data-testid="answer-template" />
        <FieldErrorNote error={err('template')} text={form.template} />
      </label>
      <div class="field">
        <span class="field-label">Translations</span>
        {form.translations.map((t, i) => (
          <div key={i} class="translation-row">
            <div class="form-row">
              <label class="field lang-field">
                <span>Language</span>
                <input value={t.language} maxLength={3} placeholder="en" onInput={(event) => setTranslation(i, { language: event.currentTarget.value })} />
              </label>
              <label class="field grow">
                <span>Template</span>
                <textarea rows={2} value={t.template} onInput={(event) => setTranslation(i, { template: event.currentTarget.value })} />
              </label>
              <button type="button" class="tag-remove" aria-label={`Remove translation ${i + 1}`} onClick={() => set('translations', form.translations.filter((_, j) => j !== i))}>
                ×
              </button>
            </div>
            <FieldErrorNote error={err(`translations.${i}.language`)} />
            <FieldErrorNote error={err(`translations.${i}.template`)} text={t.template} />
          </div>
        ))}
        <div>
          <button type="button" class="link-button" onClick={() => set('translations', [...form.translations, { language: '', template: '' }])}>
            Add translation
          </button>
        </div>
        <FieldErrorNote error={err('translations')} />
      </div>
      <CheckboxGroup legend="Only for intents (none ticked: any)" options={INTENTS.map((i) => ({ value: i, label: INTENT_NAMES[i] }))} selected={form.intents} onChange={(v) => set('intents', v)} />
      <FieldErrorNote error={err('intents')} />
      <FieldErrorNote error={err(FORM_KEY)} />
      <div class="row-actions">
        <button type="submit" class="primary" disabled={saving} data-testid="answer-save">
          {saving ? 'Saving…' : category ? 'Save answer' : 'Create answer'}
        </button>
        <button type="button" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}
