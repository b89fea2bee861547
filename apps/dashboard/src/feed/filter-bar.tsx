import { useEffect, useState } from 'preact/hooks';
import { INTENTS, LANGUAGES, SENTIMENT_LABELS, SOURCES, type Topic } from '../api/api.types.js';
import { INTENT_NAMES, LANGUAGE_NAMES, SOURCE_NAMES, TONE_MARKS, TONE_NAMES } from '../ui/format.js';
import { EMPTY_FILTER, isFiltered, type FeedFilter } from './feed-filter.js';

export function FilterBar({ filter, topics, onChange }: { filter: FeedFilter; topics: Topic[]; onChange: (filter: FeedFilter) => void }) {
  // Typing must not fire a query per keystroke: the search applies on Enter or after a pause.
  const [search, setSearch] = useState(filter.search);
  useEffect(() => setSearch(filter.search), [filter.search]);
  useEffect(() => {
    if (search === filter.search) return;
    const timer = setTimeout(() => onChange({ ...filter, search }), 600);
    return () => clearTimeout(timer);
  }, [search]);

  const toggleTone = (tone: (typeof SENTIMENT_LABELS)[number]) =>
    onChange({ ...filter, sentiments: filter.sentiments.includes(tone) ? filter.sentiments.filter((t) => t !== tone) : [...filter.sentiments, tone] });

  return (
    <form
      class="filter-bar"
      role="search"
      aria-label="Filter mentions"
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ ...filter, search });
      }}
    >
      <label class="field search">
        <span class="sr-only">Search text</span>
        <input
          type="search"
          placeholder='Search: провайдер -вакансии, "exact phrase", a OR b'
          value={search}
          onInput={(event) => setSearch(event.currentTarget.value)}
          data-testid="filter-search"
        />
      </label>
      <div class="tone-toggles" role="group" aria-label="Tone">
        {SENTIMENT_LABELS.map((tone) => (
          <button
            type="button"
            key={tone}
            class={`tone-toggle tone-${tone}`}
            aria-pressed={filter.sentiments.includes(tone)}
            onClick={() => toggleTone(tone)}
            data-testid={`filter-tone-${tone}`}
          >
            <span aria-hidden="true">{TONE_MARKS[tone]}</span> {TONE_NAMES[tone]}
          </button>
        ))}
      </div>
      <button
        type="button"
        class="reply-toggle"
        aria-pressed={filter.needsReply}
        onClick={() => onChange({ ...filter, needsReply: !filter.needsReply })}
        data-testid="filter-needs-reply"
        title="Only mentions the support team should answer"
      >
        <span aria-hidden="true">↩</span> Needs reply
      </button>
      <label class="field">
        <span class="sr-only">Intent</span>
        <select value={filter.intent} onChange={(event) => onChange({ ...filter, intent: event.currentTarget.value as FeedFilter['intent'] })} data-testid="filter-intent">
          <option value="">All intents</option>
          {INTENTS.map((i) => (
            <option key={i} value={i}>
              {INTENT_NAMES[i]}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="sr-only">Topic</span>
        <select value={filter.topicId} onChange={(event) => onChange({ ...filter, topicId: event.currentTarget.value })} data-testid="filter-topic">
          <option value="">All topics</option>
          {topics.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
              {t.status === 'paused' ? ' (paused)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="sr-only">Source</span>
        <select value={filter.source} onChange={(event) => onChange({ ...filter, source: event.currentTarget.value as FeedFilter['source'] })} data-testid="filter-source">
          <option value="">All sources</option>
          {SOURCES.map((s) => (
            <option key={s} value={s}>
              {SOURCE_NAMES[s]}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="sr-only">Language</span>
        <select value={filter.language} onChange={(event) => onChange({ ...filter, language: event.currentTarget.value as FeedFilter['language'] })} data-testid="filter-language">
          <option value="">All languages</option>
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      <label class="check">
        <input type="checkbox" checked={filter.showHidden} onChange={(event) => onChange({ ...filter, showHidden: event.currentTarget.checked })} />
        Show spam &amp; duplicates
      </label>
      {filter.authorHandle && (
        <button type="button" class="chip-button" onClick={() => onChange({ ...filter, authorHandle: '' })} aria-label={`Remove author filter @${filter.authorHandle}`}>
          @{filter.authorHandle} <span aria-hidden="true">×</span>
        </button>
      )}
      {isFiltered(filter) && (
        <button type="button" class="link-button" onClick={() => onChange(EMPTY_FILTER)}>
          Clear filters
        </button>
      )}
    </form>
  );
}
