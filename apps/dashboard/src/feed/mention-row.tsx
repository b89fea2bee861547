import { memo } from 'preact/compat';
import type { FeedMention } from '../api/api.types.js';
import { INTENT_NAMES, SOURCE_NAMES, STATUS_MARKS, STATUS_NAMES, TONE_MARKS, TONE_NAMES, absoluteTime, percent, relativeTime } from '../ui/format.js';

export interface MentionRowProps {
  mention: FeedMention;
  index: number;
  setSize: number;
  top: number;
  topicNames: ReadonlyMap<string, string>;
  now: number;
  selected: boolean;
  onOpen: (id: string, index: number) => void;
}

/** One feed row: fixed height (see --row-height) so the windowing maths stays exact. */
export const MentionRow = memo(function MentionRow({ mention: m, index, setSize, top, topicNames, now, selected, onOpen }: MentionRowProps) {
  const tone = m.sentiment.label;
  const spam = m.spam.score >= 0.5;
  const status = m.workflow?.status;
  return (
    <article
      class={`mention tone-${tone}${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      tabIndex={0}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      aria-labelledby={`m-${index}-who m-${index}-text`}
      data-index={index}
      data-id={m.id}
      data-tone={tone}
      data-testid="mention-row"
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('a')) return;
        onOpen(m.id, index);
      }}
    >
      <div class="mention-head">
        <span class={`tone-chip tone-${tone}`} title={`${TONE_NAMES[tone]}, confidence ${percent(m.sentiment.score)}`}>
          <span aria-hidden="true">{TONE_MARKS[tone]}</span> {TONE_NAMES[tone]}
        </span>
        <span class="who" id={`m-${index}-who`}>
          <strong>@{m.author.handle}</strong>
          <span class="muted"> · {SOURCE_NAMES[m.source] ?? m.source}</span>
        </span>
        <time class="muted" dateTime={m.publishedAt} title={absoluteTime(m.publishedAt)}>
          {relativeTime(m.publishedAt, now)}
        </time>
        <span class="badges">
          {status && status !== 'new' && (
            <span class={`badge status status-${status}`} title={`${STATUS_NAMES[status]}${m.workflow?.assignee ? `, ${m.workflow.assignee}` : ''}`} data-testid="row-status">
              <span aria-hidden="true">{STATUS_MARKS[status]}</span> {STATUS_NAMES[status]}
            </span>
          )}
          {m.intent && (m.intent.replyNeeded || m.intent.label !== 'other') && (
            <span
              class={`badge intent intent-${m.intent.label}${m.intent.replyNeeded ? ' reply' : ''}`}
              title={`${INTENT_NAMES[m.intent.label]}${m.intent.replyNeeded ? ' — needs a reply' : ''}`}
              data-testid="row-intent"
            >
              {m.intent.replyNeeded && <span aria-hidden="true">↩ </span>}
              {INTENT_NAMES[m.intent.label]}
              {m.intent.replyNeeded && <span class="sr-only">, needs a reply</span>}
            </span>
          )}
          {m.direct && <span class="badge direct" title="Addressed to one of the brand's own accounts">Direct</span>}
          {spam && <span class="badge spam" title={`Spam score ${percent(m.spam.score)}`}>Spam</span>}
          {m.duplicateOf && <span class="badge duplicate" title="Repeats an earlier mention">Duplicate</span>}
        </span>
        {m.url && (
          <a class="open-link" href={m.url} target="_blank" rel="noopener noreferrer">
            Open <span aria-hidden="true">↗</span>
            <span class="sr-only"> original post (new tab)</span>
          </a>
        )}
      </div>
      <p class="mention-text" id={`m-${index}-text`} lang={m.language === 'und' ? undefined : m.language}>
        {m.text}
      </p>
      <div class="topics">
        {m.topicIds.map((id) => (
          <span class="topic-chip" key={id}>
            {topicNames.get(id) ?? id}
          </span>
        ))}
      </div>
    </article>
  );
});
