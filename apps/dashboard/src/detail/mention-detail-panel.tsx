import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { SENTIMENT_LABELS, type Me, type MentionDetail, type MentionUpdate } from '../api/api.types.js';
import { ApiError, describeApiError, describeMutationError, type GraphqlClient } from '../api/graphql-client.js';
import { DETAIL_QUERY } from '../api/queries.js';
import { INTENT_NAMES, LANGUAGE_NAMES, SOURCE_NAMES, TONE_MARKS, TONE_NAMES, absoluteTime, count, percent } from '../ui/format.js';
import { mergeRefreshed, isNewerWorkflow, mergeWorkflowUpdate } from './detail-updates.js';
import { ReplySection } from './reply-section.js';
import { TopicTone } from './topic-tone.js';
import { HistoryList, ToneCorrectionForm, WorkflowSection, type Mutate } from './support-section.js';

export interface MentionDetailPanelProps {
  client: GraphqlClient;
  id: string;
  me: Me;
  topicNames: ReadonlyMap<string, string>;
  onClose: () => void;
  onOpen: (id: string) => void;
  onAuthor: (handle: string) => void;
  /** After a workflow change was saved: the mention as stored now (the feed updates its row). */
  onChanged?: (mention: MentionDetail) => void;
  /** Live workflow changes (the feed's `mentionUpdated`); returns the remover. */
  subscribeUpdates?: (listener: (update: MentionUpdate) => void) => () => void;
}

type Load = { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'missing' } | { state: 'ready'; mention: MentionDetail };

export function MentionDetailPanel({ client, id, me, topicNames, onClose, onOpen, onAuthor, onChanged, subscribeUpdates }: MentionDetailPanelProps) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [busy, setBusy] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const closeButton = useRef<HTMLButtonElement>(null);
  const shown = useRef<MentionDetail>();
  shown.current = load.state === 'ready' ? load.mention : undefined;
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  // Every mutation answers with the whole mention as stored: the panel shows that, so status,
  // history and the suggestion are what the server now has, not a local guess.
  const mutate = useCallback<Mutate>(
    async (action, query, variables) => {
      setBusy(action);
      setActionError(undefined);
      try {
        const { mention } = await client.request<{ mention: MentionDetail }>(query, { id, ...variables });
        if (!mounted.current) return true;
        setLoad({ state: 'ready', mention });
        onChanged?.(mention);
        return true;
      } catch (error) {
        if (mounted.current) setActionError(describeMutationError(error instanceof ApiError ? error : new ApiError('network', String(error))));
        return false;
      } finally {
        if (mounted.current) setBusy(undefined);
      }
    },
    [client, id, onChanged],
  );

  // A reply's result (from its own mutation shape) shown like any other saved change.
  const stored = useCallback(
    (mention: MentionDetail) => {
      if (!mounted.current) return;
      setLoad({ state: 'ready', mention });
      onChanged?.(mention);
    },
    [onChanged],
  );

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ state: 'loading' });
    client
      .request<{ mention: MentionDetail | null }>(DETAIL_QUERY, { id }, controller.signal)
      .then(({ mention }) => setLoad(mention ? { state: 'ready', mention } : { state: 'missing' }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoad({ state: 'error', error: error instanceof ApiError ? error : new ApiError('network', String(error)) });
      });
    return () => controller.abort();
  }, [client, id]);

  // Someone else (another agent, another replica, a rule) changed this mention: show the new
  // workflow at once, then re-read the history. The panel is not reloaded, so what is being
  // typed (note, tags, assignee, the answer) stays.
  useEffect(() => {
    if (!subscribeUpdates) return;
    const controller = new AbortController();
    let reading = false;
    let again = false;
    const refresh = () => {
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      client
        .request<{ mention: MentionDetail | null }>(DETAIL_QUERY, { id }, controller.signal)
        .then(({ mention }) => {
          if (mention) setLoad((prev) => (prev.state === 'ready' ? { state: 'ready', mention: mergeRefreshed(prev.mention, mention) } : prev));
        })
        .catch(() => undefined)
        .finally(() => {
          reading = false;
          if (again && !controller.signal.aborted) {
            again = false;
            refresh();
          }
        });
    };
    const remove = subscribeUpdates((update) => {
      if (update.id !== id) return;
      const current = shown.current;
      // Our own change comes back too: the mutation already answered with it.
      if (current && !isNewerWorkflow(current.workflow, update.workflow)) return;
      setLoad((prev) => (prev.state === 'ready' ? { state: 'ready', mention: mergeWorkflowUpdate(prev.mention, update) } : prev));
      refresh();
    });
    return () => {
      remove();
      controller.abort();
    };
  }, [client, id, subscribeUpdates]);

  // Focus moves into the panel when it opens and goes back where it was when it closes. A layout
  // effect so Escape works from the first frame the panel is visible.
  useLayoutEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      // Escape in a field with something typed (a note, tags) only leaves the field: the text is not thrown away.
      const target = event.target as HTMLElement | null;
      if ((target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement) && target.value.trim() !== '' && target.closest('.detail-panel')) {
        target.blur();
        return;
      }
      onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      if (before?.isConnected) before.focus({ preventScroll: true });
    };
  }, []);

  return (
    <aside class="detail-panel" role="dialog" aria-modal="false" aria-labelledby="detail-title" data-testid="detail-panel">
      <header class="panel-head">
        <h2 id="detail-title">Mention</h2>
        <button ref={closeButton} class="close-button" onClick={onClose} aria-label="Close mention details (Escape)">
          ×
        </button>
      </header>
      {load.state === 'loading' && <p class="muted" aria-busy="true">Loading…</p>}
      {load.state === 'missing' && <p>This mention is no longer stored (retention may have removed it).</p>}
      {load.state === 'error' && (
        <p class="alert error" role="alert">
          {describeApiError(load.error)}
        </p>
      )}
      {load.state === 'ready' && (
        <DetailBody m={load.mention} topicNames={topicNames} onOpen={onOpen} onAuthor={onAuthor}>
          {/* The answer first: it is what the agent came for, and sending it takes the mention up by itself. */}
          <ReplySection m={load.mention} me={me} client={client} busy={busy} mutate={mutate} onStored={stored} />
          <WorkflowSection m={load.mention} me={me} busy={busy} error={actionError} mutate={mutate} />
          <HistoryList m={load.mention} />
          <ToneCorrectionForm m={load.mention} busy={busy} mutate={mutate} />
        </DetailBody>
      )}
    </aside>
  );
}

interface DetailBodyProps {
  m: MentionDetail;
  topicNames: ReadonlyMap<string, string>;
  onOpen: (id: string) => void;
  onAuthor: (handle: string) => void;
  /** The support sections, shown after the text and before the facts. */
  children?: ComponentChildren;
}

function DetailBody({ m, topicNames, onOpen, onAuthor, children }: DetailBodyProps) {
  const tone = m.sentiment.label;
  const name = (topicId: string) => topicNames.get(topicId) ?? topicId;
  return (
    <div class="detail-body">
      <div class="chip-line">
        <p class={`tone-chip large tone-${tone}`}>
          <span aria-hidden="true">{TONE_MARKS[tone]}</span> {TONE_NAMES[tone]} <span class="muted">({percent(m.sentiment.score)} sure)</span>
        </p>
        {m.intent && (
          <p
            class={`intent-chip intent-${m.intent.label}${m.intent.replyNeeded ? ' reply' : ''}`}
            title={m.intent.reasons.length > 0 ? `Cues: ${m.intent.reasons.join(', ')}` : undefined}
            data-testid="intent-badge"
          >
            {INTENT_NAMES[m.intent.label]}
            {m.intent.replyNeeded ? (
              <strong>
                {' '}
                · <span aria-hidden="true">↩</span> needs a reply
              </strong>
            ) : (
              <span class="muted"> · no reply needed</span>
            )}{' '}
            <span class="muted">({percent(m.intent.confidence)} sure)</span>
          </p>
        )}
      </div>
      <div class="detail-author">
        <strong>{m.author.name}</strong>{' '}
        {m.author.url ? (
          <a href={m.author.url} target="_blank" rel="noopener noreferrer">
            @{m.author.handle}
          </a>
        ) : (
          <span>@{m.author.handle}</span>
        )}
        {m.author.followers !== null && <span class="muted"> · {count(m.author.followers)} followers</span>}
        <button class="link-button" onClick={() => onAuthor(m.author.handle)}>
          Only this author in the feed
        </button>
      </div>
      <blockquote class="detail-text" lang={m.language === 'und' ? undefined : m.language}>
        {m.text}
      </blockquote>
      {m.url && (
        <p>
          <a class="primary-link" href={m.url} target="_blank" rel="noopener noreferrer">
            Open the original on {SOURCE_NAMES[m.source] ?? m.source} <span aria-hidden="true">↗</span>
          </a>
        </p>
      )}
      {(m.spam.score >= 0.5 || m.duplicateOf || m.direct) && (
        <div class="badges block">
          {m.direct && <span class="badge direct">Direct: addressed to the brand</span>}
          {m.spam.score >= 0.5 && <span class="badge spam">Spam {percent(m.spam.score)}</span>}
          {m.duplicateOf && <span class="badge duplicate">Duplicate</span>}
        </div>
      )}
      {children}
      <dl class="facts">
        <dt>Published</dt>
        <dd>{absoluteTime(m.publishedAt)}</dd>
        <dt>Source</dt>
        <dd>
          {SOURCE_NAMES[m.source] ?? m.source} <span class="muted">({m.sourceId})</span>
        </dd>
        <dt>Language</dt>
        <dd>{LANGUAGE_NAMES[m.language] ?? m.language}</dd>
        <dt>Tone scores</dt>
        <dd>
          <div class="score-bars">
            {SENTIMENT_LABELS.map((label) => (
              <div class="score-bar" key={label}>
                <span class="score-name">{TONE_NAMES[label]}</span>
                <span class="bar-track">
                  <span class={`bar-fill tone-${label}`} style={{ width: percent(m.sentiment.scores[label], 1) }} />
                </span>
                <span class="score-value">{percent(m.sentiment.scores[label])}</span>
              </div>
            ))}
          </div>
        </dd>
        {m.matches.length > 0 && (
          <>
            <dt>Topics</dt>
            <dd>
              <ul class="plain">
                {m.matches.map((match) => {
                  const byTopic = m.sentiment.byTopic.find((t) => t.topicId === match.topicId);
                  return (
                    <li key={match.topicId}>
                      <span class="topic-chip">{name(match.topicId)}</span> <span class="muted">matched “{match.terms.join('”, “')}”</span>
                      {byTopic && m.matches.length > 1 && <TopicTone tone={byTopic} topicName={name(match.topicId)} text={m.text} />}
                    </li>
                  );
                })}
              </ul>
            </dd>
          </>
        )}
        {m.engagement && (
          <>
            <dt>Engagement</dt>
            <dd>
              {count(m.engagement.likes)} likes · {count(m.engagement.reposts)} reposts · {count(m.engagement.comments)} comments
              {m.engagement.views !== null && ` · ${count(m.engagement.views)} views`}
            </dd>
          </>
        )}
        {m.intent && m.intent.reasons.length > 0 && (
          <>
            <dt>Intent cues</dt>
            <dd>{m.intent.reasons.join(', ')}</dd>
          </>
        )}
        {m.spam.reasons.length > 0 && (
          <>
            <dt>Spam signals</dt>
            <dd>{m.spam.reasons.join(', ')}</dd>
          </>
        )}
        {m.parent && (
          <>
            <dt>In reply to</dt>
            <dd>
              <button class="link-button quote" onClick={() => onOpen(m.parent!.id)}>
                @{m.parent.author.handle}: {m.parent.text}
              </button>
            </dd>
          </>
        )}
        {m.original && (
          <>
            <dt>Copy of</dt>
            <dd>
              <button class="link-button quote" onClick={() => onOpen(m.original!.id)}>
                @{m.original.author.handle}, {absoluteTime(m.original.publishedAt)}: {m.original.text}
              </button>
            </dd>
          </>
        )}
        <dt>Scored</dt>
        <dd>
          {absoluteTime(m.scoredAt)} <span class="muted">by {m.model.id} {m.model.version}</span>
        </dd>
      </dl>
    </div>
  );
}
