import type { MentionStatus, WorkflowChange as WireWorkflowChange } from '@pulse/contracts';

// A mention's place in the support team's queue; the list is part of the wire format (pulse.workflow.v1).
export { MENTION_STATUSES, type MentionStatus } from '@pulse/contracts';

export interface WorkflowState {
  mentionId: string;
  status: MentionStatus;
  assignee: string | null;
  tags: string[];
  answerCategoryId: string | null;
  /** When a person first took the mention up (left `new` for in_progress or resolved). */
  firstResponseAt: string | null;
  /** When it was last resolved; cleared when reopened. */
  resolvedAt: string | null;
  updatedAt: string | null;
}

export const EVENT_KINDS = ['status', 'assign', 'tags', 'note', 'rule', 'route', 'feedback', 'reply'] as const;
export type MentionEventKind = (typeof EVENT_KINDS)[number];

export interface MentionEventInput {
  kind: MentionEventKind;
  data: Record<string, unknown>;
}

export interface MentionEvent extends MentionEventInput {
  id: string;
  mentionId: string;
  at: string;
  /** The API key's name, or `rule:<id>` for what a rule did. */
  actor: string;
}

export interface WorkflowChange {
  status?: MentionStatus;
  /** null unassigns. */
  assignee?: string | null;
  addTags?: string[];
  removeTags?: string[];
  note?: string;
  /** A reply posted in the channel, or an answer given elsewhere (src/replies): a response. */
  reply?: ReplyNote;
}

/** What the history keeps of a reply; the reply itself lives in the replies table. */
export interface ReplyNote {
  replyId: string;
  via: 'channel' | 'elsewhere';
  source: string;
  /** The brand account's name (channel replies). */
  account?: string | null;
  url: string | null;
}

export const MAX_TAGS = 32;
export const MAX_TAG_LENGTH = 64;
export const MAX_NOTE_LENGTH = 4_000;
export const MAX_ASSIGNEE_LENGTH = 200;

/** Tags compare case-insensitively, so "Billing" and "billing" are one tag; stored trimmed and lower-case. */
export function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase().replace(/\s+/gu, ' ');
}

/**
 * The one place workflow semantics live: what a change does to the state and which history
 * events it leaves. Only a person's change stamps reaction times (`human`); a rule that
 * closes spam or files a mention is automation, not a response, and would flatter the
 * team's figures.
 */
export function applyChange(
  state: WorkflowState,
  change: WorkflowChange,
  at: string,
  options: { human: boolean },
): { next: WorkflowState; events: MentionEventInput[] } {
  const next: WorkflowState = { ...state, tags: [...state.tags] };
  const events: MentionEventInput[] = [];

  if (change.status !== undefined && change.status !== state.status) {
    next.status = change.status;
    if (options.human && state.firstResponseAt === null && (change.status === 'in_progress' || change.status === 'resolved')) {
      next.firstResponseAt = at;
    }
    if (change.status === 'resolved') next.resolvedAt = options.human ? at : state.resolvedAt;
    else if (change.status !== 'ignored') next.resolvedAt = null;
    events.push({ kind: 'status', data: { from: state.status, to: change.status } });
  }

  if (change.assignee !== undefined) {
    const assignee = change.assignee === null ? null : change.assignee.trim() || null;
    if (assignee !== state.assignee) {
      next.assignee = assignee;
      events.push({ kind: 'assign', data: { from: state.assignee, to: assignee } });
    }
  }

  const remove = new Set((change.removeTags ?? []).map(normalizeTag));
  const added: string[] = [];
  const removed: string[] = [];
  next.tags = next.tags.filter((tag) => {
    if (!remove.has(tag)) return true;
    removed.push(tag);
    return false;
  });
  for (const tag of (change.addTags ?? []).map(normalizeTag)) {
    if (tag === '' || next.tags.includes(tag) || remove.has(tag)) continue;
    next.tags.push(tag);
    added.push(tag);
  }
  if (added.length > 0 || removed.length > 0) events.push({ kind: 'tags', data: { added, removed } });

  if (change.note !== undefined && change.note.trim() !== '') events.push({ kind: 'note', data: { text: change.note.trim() } });

  // Answering the customer is taking the mention up: out of new, and the first response if none yet.
  if (change.reply) {
    if (options.human && next.status === 'new') {
      next.status = 'in_progress';
      events.push({ kind: 'status', data: { from: state.status, to: 'in_progress' } });
    }
    if (options.human && next.firstResponseAt === null) next.firstResponseAt = at;
    events.push({ kind: 'reply', data: { ...change.reply } });
  }

  if (events.length > 0) next.updatedAt = at;
  return { next, events };
}

/** A human-readable line per history event, for the API and the dashboard. */
export function describeEvent(event: Pick<MentionEvent, 'kind' | 'data'>): string {
  const d = event.data;
  const str = (v: unknown): string => (v === null || v === undefined ? '—' : String(v));
  switch (event.kind) {
    case 'status':
      return `status ${str(d.from)} → ${str(d.to)}`;
    case 'assign':
      return d.to === null ? `unassigned (was ${str(d.from)})` : `assigned to ${str(d.to)}`;
    case 'tags': {
      const parts: string[] = [];
      if (Array.isArray(d.added) && d.added.length > 0) parts.push(`tagged ${d.added.join(', ')}`);
      if (Array.isArray(d.removed) && d.removed.length > 0) parts.push(`untagged ${d.removed.join(', ')}`);
      return parts.join('; ');
    }
    case 'note':
      return `note: ${str(d.text)}`;
    case 'rule': {
      const did = Array.isArray(d.actions) ? d.actions.join('; ') : '';
      return `rule "${str(d.ruleName)}" matched${did ? `: ${did}` : ''}`;
    }
    case 'route':
      return d.outcome === 'delivered'
        ? `routed to ${str(d.helpdesk)} (rule "${str(d.ruleName)}")${d.ticketId ? `, ticket ${str(d.ticketId)}` : ''}`
        : `routing to ${str(d.helpdesk)} failed after ${str(d.attempts)} attempt(s): ${str(d.error)}`;
    case 'reply':
      return d.via === 'elsewhere'
        ? `answered elsewhere${d.url ? `: ${str(d.url)}` : ''}`
        : `replied on ${str(d.source)}${d.account ? ` as ${str(d.account)}` : ''}${d.url ? `: ${str(d.url)}` : ''}`;
    case 'feedback':
      return `tone corrected${d.topicId ? ` toward ${str(d.topicId)}` : ''}: ${str(d.previous)} → ${str(d.label)}${d.comment ? ` (${str(d.comment)})` : ''}`;
    default: {
      const unreachable: never = event.kind;
      return unreachable;
    }
  }
}

/** The state as announced on pulse.workflow.v1. */
export function wireChange(state: Pick<WorkflowState, 'mentionId' | 'status' | 'assignee' | 'tags' | 'firstResponseAt' | 'resolvedAt'>, topicIds: string[], actor: string, at: string): WireWorkflowChange {
  return {
    mentionId: state.mentionId,
    topicIds,
    status: state.status,
    assignee: state.assignee,
    tags: state.tags,
    firstResponseAt: state.firstResponseAt,
    resolvedAt: state.resolvedAt,
    actor,
    at,
  };
}
