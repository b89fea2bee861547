import { useEffect, useRef, useState } from 'preact/hooks';
import type { Me, MentionDetail, MentionReply, ReplyError, ReplyResult } from '../api/api.types.js';
import { ApiError, describeMutationError, type GraphqlClient } from '../api/graphql-client.js';
import { ANSWERED_ELSEWHERE_MUTATION, REPLY_MUTATION } from '../api/queries.js';
import { SOURCE_NAMES, absoluteTime } from '../ui/format.js';
import { REPLY_STATUS_NAMES, explainReplyError, firstResponseAfter, keyForSend, newReplyKey, type DraftKey } from './reply-logic.js';
import { SuggestedAnswer, type Mutate } from './support-section.js';

export interface ReplySectionProps {
  m: MentionDetail;
  me: Me;
  client: GraphqlClient;
  busy: string | undefined;
  mutate: Mutate;
  /** The mention as stored after a reply attempt (the panel shows it). */
  onStored: (mention: MentionDetail) => void;
}

/**
 * Answering the customer where they wrote: the typical answer prefilled, the brand account,
 * Send, what went wrong in words, and the replies so far. Sources without a reply API get the
 * reason and "answered elsewhere" instead.
 */
export function ReplySection({ m, me, client, busy, mutate, onStored }: ReplySectionProps) {
  const source = SOURCE_NAMES[m.source] ?? m.source;
  const after = firstResponseAfter(m.collectedAt, m.workflow.firstResponseAt);
  return (
    <>
      <section class="support-section" aria-labelledby="reply-title" data-testid="reply-section">
        <h3 id="reply-title">{m.replyOptions.repliable ? `Reply on ${source}` : 'Reply'}</h3>
        {after && (
          <p class="small" data-testid="first-response">
            <span class="first-response">First response {after} after the mention arrived</span> <span class="muted">({absoluteTime(m.workflow.firstResponseAt!)})</span>
          </p>
        )}
        <ReplyThread replies={m.replies} source={source} />
        {m.replyOptions.repliable ? (
          <ReplyComposer m={m} me={me} client={client} onStored={onStored} />
        ) : (
          <p class="alert warn small" data-testid="reply-not-repliable">
            Not repliable from Pulse: {m.replyOptions.reason}.
          </p>
        )}
        <AnsweredElsewhere open={!m.replyOptions.repliable} disabled={me.role === 'viewer' || busy !== undefined} mutate={mutate} />
      </section>
      {!m.replyOptions.repliable && <SuggestedAnswer m={m} />}
    </>
  );
}

function ReplyComposer({ m, me, client, onStored }: Pick<ReplySectionProps, 'm' | 'me' | 'client' | 'onStored'>) {
  const suggestion = m.suggestedAnswer;
  const accounts = m.replyOptions.accounts;
  const [text, setText] = useState(suggestion?.text ?? '');
  const [account, setAccount] = useState(accounts[0]?.id ?? '');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ReplyError>();
  const [requestError, setRequestError] = useState<string>();
  const [sentNote, setSentNote] = useState<string>();
  const draft = useRef<DraftKey>();
  const edited = useRef(false);
  // The suggestion follows the mention (a live refresh) until the agent starts editing it.
  useEffect(() => {
    if (!edited.current) setText(suggestion?.text ?? '');
  }, [suggestion?.text]);
  useEffect(() => {
    if (!accounts.some((a) => a.id === account)) setAccount(accounts[0]?.id ?? '');
  }, [accounts.map((a) => a.id).join()]);

  const send = async (fresh = false) => {
    const body = text.trim();
    if (!body || !account) return;
    if (fresh) draft.current = undefined;
    draft.current = keyForSend(draft.current, body, account, newReplyKey);
    setSending(true);
    setError(undefined);
    setRequestError(undefined);
    setSentNote(undefined);
    try {
      const { result } = await client.request<{ result: ReplyResult }>(REPLY_MUTATION, { id: m.id, text: body, account, idempotencyKey: draft.current.key });
      onStored(result.mention);
      if (result.error) {
        setError(result.error);
      } else {
        draft.current = undefined;
        edited.current = true;
        setText('');
        setSentNote('Sent: it is in the thread above.');
      }
    } catch (caught) {
      setRequestError(describeMutationError(caught instanceof ApiError ? caught : new ApiError('network', String(caught))));
    } finally {
      setSending(false);
    }
  };

  const view = error ? explainReplyError(error) : undefined;
  const readOnly = me.role === 'viewer';
  return (
    <form
      class="reply-form"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      {suggestion && text.trim() !== '' && (
        <p class="muted small">
          Suggested answer — <strong>{suggestion.categoryName}</strong> (edit before sending)
        </p>
      )}
      {suggestion && suggestion.missingPlaceholders.length > 0 && (
        <p class="alert warn small">Fill in before sending: {suggestion.missingPlaceholders.map((p) => `{{${p}}}`).join(', ')} (left empty).</p>
      )}
      <label class="field">
        <span>Reply text</span>
        <textarea
          class="answer-text"
          rows={5}
          maxLength={10_000}
          value={text}
          lang={suggestion && suggestion.language !== 'default' ? suggestion.language : undefined}
          onInput={(event) => {
            edited.current = true;
            setText(event.currentTarget.value);
          }}
          data-testid="reply-text"
        />
      </label>
      <div class="row-actions">
        <label class="field grow">
          <span>From</span>
          <select value={account} onChange={(event) => setAccount(event.currentTarget.value)} data-testid="reply-account">
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
                {a.handle ? ` (${a.handle})` : ''}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="primary" disabled={readOnly || sending || !text.trim() || !account} data-testid="reply-send">
          {sending ? 'Sending…' : view?.canRetry ? 'Send again' : 'Send'}
        </button>
        {error?.code === 'OUTCOME_UNKNOWN' && (
          <button type="button" class="link-button" disabled={readOnly || sending} onClick={() => void send(true)} title="Only if the reply is not at the source: this posts it again">
            Send as a new reply
          </button>
        )}
      </div>
      {readOnly && <p class="muted small">Your key is read-only: sending replies needs an analyst or admin key.</p>}
      {view && (
        <div class="alert error small" role="alert" data-testid="reply-error" data-code={error!.code}>
          <strong>{view.headline}</strong>
          <div>{view.detail}</div>
        </div>
      )}
      {requestError && (
        <p class="alert error small" role="alert" data-testid="reply-error">
          {requestError}
        </p>
      )}
      <p class="muted small" role="status">
        {sentNote ?? ''}
      </p>
    </form>
  );
}

function ReplyThread({ replies, source }: { replies: readonly MentionReply[]; source: string }) {
  if (replies.length === 0) return <p class="muted small">No reply yet.</p>;
  return (
    <ol class="reply-thread" aria-label="Replies, oldest first" data-testid="reply-thread">
      {replies.map((r) => (
        <li key={r.id} class={`reply-item status-${r.status}`} data-testid="reply-item" data-status={r.status}>
          <div class="reply-meta">
            <strong>{r.kind === 'elsewhere' ? 'Answered elsewhere' : REPLY_STATUS_NAMES[r.status]}</strong>
            {r.account && <span>as {r.account.name}</span>}
            <span>by {r.by}</span>
            <time dateTime={r.sentAt ?? r.createdAt}>{absoluteTime(r.sentAt ?? r.createdAt)}</time>
            {r.url && (
              <a href={r.url} target="_blank" rel="noopener noreferrer">
                {r.kind === 'elsewhere' ? 'Open the link' : `View on ${source}`} <span aria-hidden="true">↗</span>
              </a>
            )}
          </div>
          {r.text && <p class="reply-text">{r.text}</p>}
          {r.status !== 'sent' && r.error && <p class="small muted">{explainReplyError(r.error).headline}</p>}
        </li>
      ))}
    </ol>
  );
}

function AnsweredElsewhere({ open, disabled, mutate }: { open: boolean; disabled: boolean; mutate: Mutate }) {
  const [url, setUrl] = useState('');
  const [note, setNote] = useState('');
  return (
    <details open={open} data-testid="answered-elsewhere">
      <summary class="small">Answered outside Pulse? Mark it answered elsewhere</summary>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void mutate('Elsewhere', ANSWERED_ELSEWHERE_MUTATION, { url: url.trim(), note: note.trim() || null }).then((saved) => {
            if (saved) {
              setUrl('');
              setNote('');
            }
          });
        }}
      >
        <label class="field grow">
          <span>Link to the answer</span>
          <input type="url" required value={url} placeholder="https://…" onInput={(event) => setUrl(event.currentTarget.value)} data-testid="elsewhere-url" />
        </label>
        <label class="field grow">
          <span>Note (optional)</span>
          <input value={note} maxLength={2000} onInput={(event) => setNote(event.currentTarget.value)} />
        </label>
        <button type="submit" disabled={disabled || !/^https?:\/\/\S+$/i.test(url.trim())} data-testid="elsewhere-save">
          Mark as answered elsewhere
        </button>
      </form>
    </details>
  );
}
