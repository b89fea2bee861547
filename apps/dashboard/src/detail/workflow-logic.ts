import type { MentionEvent, MentionStatus, Source } from '../api/api.types.js';
import { SOURCE_NAMES, STATUS_NAMES } from '../ui/format.js';

export interface StatusAction {
  label: 'Take' | 'Resolve' | 'Ignore' | 'Reopen';
  status: MentionStatus;
  /** What the button says to a screen reader and in its tooltip. */
  description: string;
}

const TAKE: StatusAction = { label: 'Take', status: 'in_progress', description: 'Take this mention: in progress, assigned to you if nobody has it' };
const RESOLVE: StatusAction = { label: 'Resolve', status: 'resolved', description: 'Mark as resolved' };
const IGNORE: StatusAction = { label: 'Ignore', status: 'ignored', description: 'Leave unanswered on purpose (not counted as a response)' };
const REOPEN: StatusAction = { label: 'Reopen', status: 'new', description: 'Put back in the queue as new' };

/** The status buttons that make sense from a status. */
export function statusActions(status: MentionStatus): StatusAction[] {
  switch (status) {
    case 'new':
      return [TAKE, RESOLVE, IGNORE];
    case 'in_progress':
      return [RESOLVE, IGNORE];
    case 'resolved':
    case 'ignored':
      return [REOPEN];
    default: {
      const unknown: never = status;
      return unknown;
    }
  }
}

/** Tags as typed ("billing, Urgent  case") → the gateway's form: trimmed, lower-case, single spaces, no repeats. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((t) => t.trim().toLowerCase().replace(/\s+/gu, ' '))
    .filter((t) => t !== '');
  return [...new Set(tags)];
}

/** Who did it, for people: a rule's actor is `rule:<id>`. */
export function actorName(actor: string): string {
  return actor.startsWith('rule:') ? `rule ${actor.slice('rule:'.length)}` : actor;
}

/** History newest first: what the agent just did is on top. */
export function newestFirst(events: readonly MentionEvent[]): MentionEvent[] {
  return [...events].reverse();
}

/** The server's line for an event, with status codes in words ("status new → in_progress" → "status New → In progress"). */
export function eventText(event: Pick<MentionEvent, 'kind' | 'message'>): string {
  // A reply names its network by the source's code ("replied on vk as …"): say it as the page does ("VK").
  if (event.kind === 'reply') return event.message.replace(/^replied on (\w+)/u, (line, source: string) => (source in SOURCE_NAMES ? `replied on ${SOURCE_NAMES[source as Source]}` : line));
  if (event.kind !== 'status') return event.message;
  return event.message.replace(/\b(new|in_progress|resolved|ignored)\b/gu, (code) => STATUS_NAMES[code as MentionStatus]);
}
