import { z } from 'zod';

export const MENTION_STATUSES = ['new', 'in_progress', 'resolved', 'ignored'] as const;
export const mentionStatusSchema = z.enum(MENTION_STATUSES);
export type MentionStatus = z.infer<typeof mentionStatusSchema>;

const isoDateTime = z.iso.datetime({ offset: true });

/**
 * A mention's support workflow after a change (by a person or a rule), on `pulse.workflow.v1`
 * keyed by mention id: every gateway replica relays it to its live dashboards, and a
 * helpdesk sync or a data team can follow handling as it happens.
 */
export const workflowChangeSchema = z.object({
  mentionId: z.string().min(1),
  topicIds: z.array(z.string().min(1)),
  status: mentionStatusSchema,
  assignee: z.string().nullable(),
  tags: z.array(z.string()),
  firstResponseAt: isoDateTime.nullable(),
  resolvedAt: isoDateTime.nullable(),
  /** The API key's name, or `rule:<id>`. */
  actor: z.string().min(1),
  at: isoDateTime,
});
export type WorkflowChange = z.infer<typeof workflowChangeSchema>;
