import type { LANGUAGES, MentionFilter, SentimentLabel, Source } from '../api/api.types.js';

/** What the filter bar edits; `toMentionFilter` turns it into the API's MentionFilter. */
export interface FeedFilter {
  topicId: string;
  sentiments: SentimentLabel[];
  source: Source | '';
  language: (typeof LANGUAGES)[number] | '';
  search: string;
  authorHandle: string;
  /** Spam and duplicates are hidden by default, as in the API; showing them makes the badges useful. */
  showHidden: boolean;
}

export const EMPTY_FILTER: FeedFilter = { topicId: '', sentiments: [], source: '', language: '', search: '', authorHandle: '', showHidden: false };

export function toMentionFilter(f: FeedFilter): MentionFilter {
  return {
    ...(f.topicId ? { topicIds: [f.topicId] } : {}),
    ...(f.sentiments.length > 0 ? { sentiments: f.sentiments } : {}),
    ...(f.source ? { sources: [f.source] } : {}),
    ...(f.language ? { languages: [f.language] } : {}),
    ...(f.search.trim() ? { search: f.search.trim() } : {}),
    ...(f.authorHandle.trim() ? { authorHandle: f.authorHandle.trim() } : {}),
    ...(f.showHidden ? { includeSpam: true, includeDuplicates: true } : {}),
  };
}

export function isFiltered(f: FeedFilter): boolean {
  return Object.keys(toMentionFilter(f)).length > 0;
}
