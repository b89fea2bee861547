import type { Intent, LANGUAGES, MentionFilter, SentimentLabel, Source } from '../api/api.types.js';

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
  /** Only mentions a support team should answer (the classifier's replyNeeded). */
  needsReply: boolean;
  intent: Intent | '';
}

export const EMPTY_FILTER: FeedFilter = { topicId: '', sentiments: [], source: '', language: '', search: '', authorHandle: '', showHidden: false, needsReply: false, intent: '' };

/**
 * Only fields the live subscription accepts too: the workflow fields (statuses, assignee,
 * unassigned, tags) are refused there, and the feed uses one filter for both.
 */

export function toMentionFilter(f: FeedFilter): MentionFilter {
  return {
    ...(f.topicId ? { topicIds: [f.topicId] } : {}),
    ...(f.sentiments.length > 0 ? { sentiments: f.sentiments } : {}),
    ...(f.source ? { sources: [f.source] } : {}),
    ...(f.language ? { languages: [f.language] } : {}),
    ...(f.search.trim() ? { search: f.search.trim() } : {}),
    ...(f.authorHandle.trim() ? { authorHandle: f.authorHandle.trim() } : {}),
    ...(f.showHidden ? { includeSpam: true, includeDuplicates: true } : {}),
    ...(f.needsReply ? { replyNeeded: true } : {}),
    ...(f.intent ? { intents: [f.intent] } : {}),
  };
}

export function isFiltered(f: FeedFilter): boolean {
  return Object.keys(toMentionFilter(f)).length > 0;
}
