import { useEffect, useRef, useState } from 'preact/hooks';
import { SENTIMENT_LABELS, type Me, type MentionDetail, type SentimentLabel } from '../api/api.types.js';
import { ASSIGN_MUTATION, CORRECT_TONE_MUTATION, NOTE_MUTATION, SET_STATUS_MUTATION, TAG_MUTATION } from '../api/queries.js';
import { STATUS_MARKS, STATUS_NAMES, TONE_NAMES, absoluteTime, relativeTime } from '../ui/format.js';
import { useNow } from '../ui/use-now.js';
import { nextAssigneeInput } from './detail-updates.js';
import { actorName, eventText, newestFirst, parseTags, statusActions, type StatusAction } from './workflow-logic.js';

/** Runs one workflow mutation for this mention; resolves true when it was saved (the panel then shows the stored mention). */
export type Mutate = (action: string, query: string, variables: Record<string, unknown>) => Promise<boolean>;

export interface SupportSectionProps {
  m: MentionDetail;
  me: Me;
  /** The action running now (its label), if any. */
  busy: string | undefined;
  error: string | undefined;
  mutate: Mutate;
}

/** Status, assignee, tags, notes and history: what a support agent does with a mention. */
export function WorkflowSection({ m, me, busy, error, mutate }: SupportSectionProps) {
  const w = m.workflow;
  const [assignee, setAssignee] = useState(w.assignee ?? '');
  const [tagText, setTagText] = useState('');
  const [note, setNote] = useState('');
  // The field follows the stored assignee (also when someone else changes it live), unless the user typed a different name.
  const storedAssignee = useRef(w.assignee ?? '');
  useEffect(() => {
    const previous = storedAssignee.current;
    storedAssignee.current = w.assignee ?? '';
    setAssignee((input) => nextAssigneeInput(input, previous, w.assignee ?? ''));
  }, [w.assignee]);

  const setStatus = async (action: StatusAction) => {
    const saved = await mutate(action.label, SET_STATUS_MUTATION, { status: action.status });
    // Taking a mention nobody has makes it yours.
    if (saved && action.label === 'Take' && !w.assignee) await mutate('Assign', ASSIGN_MUTATION, { assignee: me.name });
  };

  return (
    <section class="support-section" aria-labelledby="workflow-title" data-testid="workflow" aria-busy={busy !== undefined}>
      <h3 id="workflow-title">Handling</h3>
      {me.role === 'viewer' && <p class="muted small">Your key is read-only: you can follow the handling here, changes need an analyst or admin key.</p>}
      <div class="workflow-row">
        <span class={`status-chip status-${w.status}`} data-testid="workflow-status">
          <span aria-hidden="true">{STATUS_MARKS[w.status]}</span> {STATUS_NAMES[w.status]}
        </span>
        <div class="row-actions" role="group" aria-label="Change status">
          {statusActions(w.status).map((action) => (
            <button
              type="button"
              key={action.label}
              class={action.label === 'Take' ? 'primary' : ''}
              title={action.description}
              disabled={busy !== undefined}
              onClick={() => void setStatus(action)}
              data-testid={`status-${action.label.toLowerCase()}`}
            >
              {busy === action.label ? `${action.label}…` : action.label}
            </button>
          ))}
        </div>
      </div>
      {/* Below the buttons, so the buttons do not move when it appears. */}
      {error && (
        <p class="alert error small" role="alert" data-testid="workflow-error">
          {error}
        </p>
      )}
      {(w.firstResponseAt || w.resolvedAt) && (
        <p class="muted small">
          {w.firstResponseAt && <>First response {absoluteTime(w.firstResponseAt)}. </>}
          {w.resolvedAt && <>Resolved {absoluteTime(w.resolvedAt)}.</>}
        </p>
      )}

      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void mutate('Assign', ASSIGN_MUTATION, { assignee: assignee.trim() || null });
        }}
      >
        <label class="field grow">
          <span>Assignee</span>
          <input value={assignee} placeholder="Nobody" maxLength={200} onInput={(event) => setAssignee(event.currentTarget.value)} data-testid="assignee-input" />
        </label>
        <button type="submit" disabled={busy !== undefined || assignee.trim() === (w.assignee ?? '')}>
          {assignee.trim() ? 'Assign' : 'Unassign'}
        </button>
        {w.assignee !== me.name && (
          <button type="button" class="link-button" disabled={busy !== undefined} onClick={() => void mutate('Assign', ASSIGN_MUTATION, { assignee: me.name })}>
            Assign to me
          </button>
        )}
      </form>

      <div class="tags-row">
        <span class="field-label" id="tags-label">
          Tags
        </span>
        <ul class="tag-list" aria-labelledby="tags-label" data-testid="tag-list">
          {w.tags.length === 0 && <li class="muted small">none</li>}
          {w.tags.map((tag) => (
            <li key={tag}>
              <span class="tag-chip">
                {tag}
                <button type="button" class="tag-remove" aria-label={`Remove tag ${tag}`} disabled={busy !== undefined} onClick={() => void mutate('Tags', TAG_MUTATION, { remove: [tag] })}>
                  ×
                </button>
              </span>
            </li>
          ))}
        </ul>
        <form
          class="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            const add = parseTags(tagText);
            if (add.length === 0) return;
            void mutate('Tags', TAG_MUTATION, { add }).then((saved) => saved && setTagText(''));
          }}
        >
          <label class="field grow">
            <span class="sr-only">New tags, separated by commas</span>
            <input value={tagText} placeholder="Add tags: billing, urgent" maxLength={300} onInput={(event) => setTagText(event.currentTarget.value)} data-testid="tag-input" />
          </label>
          <button type="submit" disabled={busy !== undefined || parseTags(tagText).length === 0}>
            Add tag
          </button>
        </form>
      </div>

      <form
        class="note-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!note.trim()) return;
          void mutate('Note', NOTE_MUTATION, { text: note.trim() }).then((saved) => saved && setNote(''));
        }}
      >
        <label class="field">
          <span>Note for the team</span>
          <textarea rows={2} value={note} maxLength={4000} onInput={(event) => setNote(event.currentTarget.value)} data-testid="note-input" />
        </label>
        <button type="submit" disabled={busy !== undefined || !note.trim()}>
          {busy === 'Note' ? 'Adding…' : 'Add note'}
        </button>
      </form>
    </section>
  );
}

/** The typical answer for this mention, editable, with a Copy button. */
export function SuggestedAnswer({ m }: { m: MentionDetail }) {
  const suggestion = m.suggestedAnswer;
  const [text, setText] = useState(suggestion?.text ?? '');
  const [copied, setCopied] = useState<'copied' | 'failed'>();
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => setText(suggestion?.text ?? ''), [suggestion?.text]);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(undefined), 2500);
    return () => clearTimeout(timer);
  }, [copied]);
  if (!suggestion) return null;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      // No clipboard permission (an http origin, a locked-down browser): the old way, on the selected text.
      area.current?.select();
      setCopied(document.execCommand('copy') ? 'copied' : 'failed');
    }
  };

  return (
    <section class="support-section" aria-labelledby="answer-title" data-testid="suggested-answer">
      <h3 id="answer-title">
        Suggested answer <span class="muted small">— {suggestion.categoryName}</span>
      </h3>
      {suggestion.missingPlaceholders.length > 0 && (
        <p class="alert warn small">Fill in before sending: {suggestion.missingPlaceholders.map((p) => `{{${p}}}`).join(', ')} (left empty).</p>
      )}
      <label class="field">
        <span class="sr-only">Answer text (editable before copying)</span>
        <textarea ref={area} class="answer-text" rows={5} value={text} lang={suggestion.language === 'default' ? undefined : suggestion.language} onInput={(event) => setText(event.currentTarget.value)} />
      </label>
      <div class="row-actions">
        <button type="button" class="primary" onClick={() => void copy()} data-testid="copy-answer">
          Copy answer
        </button>
        <span class="muted small" role="status">
          {copied === 'copied' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Could not copy: select the text and copy it yourself.' : ''}
        </span>
      </div>
      {suggestion.matchedTerms.length > 0 && <p class="muted small">Matched: {suggestion.matchedTerms.join(', ')}</p>}
    </section>
  );
}

/** An analyst's correction of the overall tone, kept as training data; the scored tone stays. */
export function ToneCorrectionForm({ m, busy, mutate }: { m: MentionDetail; busy: string | undefined; mutate: Mutate }) {
  const firstOther = SENTIMENT_LABELS.find((l) => l !== m.sentiment.label) ?? 'neutral';
  const [label, setLabel] = useState<SentimentLabel>(firstOther);
  const [comment, setComment] = useState('');
  const overall = m.toneCorrections.filter((c) => c.topicId === null);
  return (
    <section class="support-section" aria-labelledby="tone-title" data-testid="tone-correction">
      <h3 id="tone-title">Correct tone</h3>
      {overall.length > 0 && (
        <ul class="plain small">
          {overall.map((c) => (
            <li key={`${c.at}-${c.by}`}>
              Corrected to <strong>{TONE_NAMES[c.label]}</strong> (model said {TONE_NAMES[c.previousLabel].toLowerCase()}) by {c.by}, {absoluteTime(c.at)}
              {c.comment && <span class="muted"> — {c.comment}</span>}
            </li>
          ))}
        </ul>
      )}
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void mutate('Tone', CORRECT_TONE_MUTATION, { label, comment: comment.trim() || null }).then((saved) => saved && setComment(''));
        }}
      >
        <label class="field">
          <span class="sr-only">Correct tone</span>
          <select value={label} onChange={(event) => setLabel(event.currentTarget.value as SentimentLabel)} data-testid="tone-select">
            {SENTIMENT_LABELS.map((l) => (
              <option key={l} value={l}>
                {TONE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <label class="field grow">
          <span class="sr-only">Why (optional)</span>
          <input value={comment} placeholder="Why (optional)" maxLength={500} onInput={(event) => setComment(event.currentTarget.value)} />
        </label>
        <button type="submit" disabled={busy !== undefined}>
          {busy === 'Tone' ? 'Saving…' : 'Save tone'}
        </button>
      </form>
    </section>
  );
}

export function HistoryList({ m }: { m: MentionDetail }) {
  const now = useNow();
  return (
    <section class="support-section" aria-labelledby="history-title">
      <h3 id="history-title">History</h3>
      {m.history.length === 0 ? (
        <p class="muted small">Nothing has happened to this mention yet.</p>
      ) : (
        <ol class="history-list" data-testid="history" aria-label="History, newest first">
          {newestFirst(m.history).map((e) => (
            <li key={e.id} class={`history-${e.kind}`}>
              <time class="muted" dateTime={e.at} title={absoluteTime(e.at)}>
                {relativeTime(e.at, now)}
              </time>{' '}
              <strong>{actorName(e.actor)}</strong>{' '}
              {e.kind === 'note' && e.note !== null ? (
                <>
                  added a note: <q class="history-note">{e.note}</q>
                </>
              ) : (
                <span>{eventText(e)}</span>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
