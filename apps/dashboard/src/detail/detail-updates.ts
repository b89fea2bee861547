import type { MentionDetail, MentionUpdate, MentionWorkflow } from '../api/api.types.js';
import { mergeReplies } from './reply-logic.js';

const stamp = (iso: string | null): number => (iso === null ? Number.NEGATIVE_INFINITY : Date.parse(iso));

const sameWorkflow = (a: MentionWorkflow, b: MentionWorkflow): boolean =>
  a.status === b.status && a.assignee === b.assignee && a.tags.length === b.tags.length && a.tags.every((t, i) => t === b.tags[i]);

/**
 * Whether `incoming` is a later state than `shown`: a later `updatedAt`, or the same one (both
 * unset, as before any change) with different contents. The panel's own change comes back
 * live too; it is not newer than what the mutation already answered with.
 */
export function isNewerWorkflow(shown: MentionWorkflow, incoming: MentionWorkflow): boolean {
  const diff = stamp(incoming.updatedAt) - stamp(shown.updatedAt);
  // NaN: both unset (−∞ − −∞) or unreadable; then only the contents can tell.
  if (Number.isNaN(diff) || diff === 0) return !sameWorkflow(shown, incoming);
  return diff > 0;
}

/** A live change applied to the shown mention: the workflow only, and only if it is newer. */
export function mergeWorkflowUpdate(shown: MentionDetail, update: MentionUpdate): MentionDetail {
  if (update.id !== shown.id || !isNewerWorkflow(shown.workflow, update.workflow)) return shown;
  return { ...shown, workflow: update.workflow };
}

/**
 * The mention re-read after a live change, merged into what the panel shows: the newer
 * workflow and the history of both (events are only ever added, so the union is right even if
 * the panel saved something while the read was under way). Everything else (the suggested
 * answer being edited, tone corrections) stays as shown; replies (another agent's) come in.
 */
export function mergeRefreshed(shown: MentionDetail, fresh: MentionDetail): MentionDetail {
  if (fresh.id !== shown.id) return shown;
  const workflow = isNewerWorkflow(fresh.workflow, shown.workflow) ? shown.workflow : fresh.workflow;
  const known = new Set(fresh.history.map((e) => e.id));
  const onlyShown = shown.history.filter((e) => !known.has(e.id));
  // Oldest first, as the server lists it; a stable sort keeps the server's order for equal times.
  const history = onlyShown.length === 0 ? fresh.history : [...fresh.history, ...onlyShown].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return { ...shown, workflow, history, replies: mergeReplies(shown.replies, fresh.replies), replyOptions: fresh.replyOptions ?? shown.replyOptions };
}

/**
 * The assignee field after the stored assignee changed from `previous` to `next`: it follows
 * the stored value unless the user has typed something else into it, which is kept.
 */
export function nextAssigneeInput(input: string, previous: string, next: string): string {
  return input.trim() === previous.trim() ? next : input;
}
