import { ALERT_SEVERITIES, INTENT_LABELS, SENTIMENT_LABELS, SOURCES, canonicalSource, type AlertSeverity, type IntentLabel, type SentimentLabel, type Source } from '@pulse/contracts';
import { z } from 'zod';
import { idString } from '../validation/input-checks.js';
import { MAX_ASSIGNEE_LENGTH, MAX_TAG_LENGTH, MAX_TAGS, MENTION_STATUSES, normalizeTag, type MentionStatus } from '../workflow/workflow.model.js';

/** All present conditions must hold (AND); a list condition holds when any of its values does. */
export interface RuleConditions {
  topicIds: string[];
  /** Tone toward the rule's topics (per-topic tone when scored), else the overall tone. */
  sentiments: SentimentLabel[];
  intents: IntentLabel[];
  replyNeeded: boolean | null;
  sources: Source[];
  /** Query-language expression over the mention's text, author, source and language. */
  query: string | null;
  /** Author handles, case-insensitive, without "@". */
  authorHandles: string[];
  direct: boolean | null;
  /** Spam (score ≥ 0.5) is skipped unless true. */
  includeSpam: boolean;
}

export interface HelpdeskHeader {
  name: string;
  value: string;
}

export interface HelpdeskRoute {
  /** Shown in history, e.g. "Jira SUP" or "Zendesk". */
  name: string;
  url: string;
  /** Sent as-is (Authorization for the helpdesk's API, for example); values are never returned by the API. */
  headers: HelpdeskHeader[];
  /** When set, the body is signed like Pulse's alert webhooks (X-Pulse-Signature: t=…,v1=HMAC-SHA256). */
  secret: string | null;
  /** JSON with {{placeholders}}; null sends the whole mention. */
  payloadTemplate: string | null;
  /** Top-level (or dotted) field of the helpdesk's JSON response holding the ticket id, recorded in history. */
  ticketIdField: string | null;
}

export interface RuleActions {
  addTags: string[];
  setStatus: MentionStatus | null;
  assignTo: string | null;
  /** Raise a rule alert of this severity (alerts query, subscription, pulse.alerts.v1 and notifiers). */
  notify: AlertSeverity | null;
  helpdesk: HelpdeskRoute | null;
  /** Later rules do not run on a mention this rule matched. */
  stop: boolean;
}

export interface WorkflowRule {
  id: string;
  name: string;
  enabled: boolean;
  /** Rules run in ascending position; ties by creation. */
  position: number;
  conditions: RuleConditions;
  actions: RuleActions;
  createdAt: string;
  updatedAt: string;
}

const text = (max: number) => z.string().trim().min(1).max(max);

export const ruleConditionsInputSchema = z.object({
  topicIds: z.array(idString(200)).max(100).nullish(),
  sentiments: z.array(z.enum(SENTIMENT_LABELS)).nullish(),
  intents: z.array(z.enum(INTENT_LABELS)).nullish(),
  replyNeeded: z.boolean().nullish(),
  // An alias (`x`) names the source it stands for (`twitter`).
  sources: z.array(z.preprocess((value) => (typeof value === 'string' ? canonicalSource(value) : value), z.enum(SOURCES))).nullish(),
  query: z.string().max(2_000).nullish(),
  authorHandles: z.array(idString(200)).max(1_000).nullish(),
  direct: z.boolean().nullish(),
  includeSpam: z.boolean().nullish(),
});

const httpUrl = z
  .string()
  .trim()
  .max(2_000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

/** Headers Pulse sets on every delivery, or that only the HTTP client may set: a rule cannot replace them. */
const RESERVED_HEADERS = new Set(['content-type', 'content-length', 'host', 'transfer-encoding', 'connection', 'x-pulse-mention-id', 'x-pulse-rule-id', 'x-pulse-signature']);

/**
 * A header as HTTP can carry it: a token name and a value of visible ASCII, spaces and tabs.
 * Checked when the rule is saved: a non-ASCII character or a line break would otherwise be
 * accepted and then fail every delivery ("Cannot convert argument to a ByteString"), or
 * inject a header of its own.
 */
export const helpdeskHeaderSchema = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,100}$/u, 'must be a header name (ASCII letters, digits, "-")')
    .refine((name) => !RESERVED_HEADERS.has(name.toLowerCase()), 'is set by Pulse on every delivery and cannot be replaced'),
  value: z
    .string()
    .max(4_000)
    .regex(/^[\t\x20-\x7e]*$/u, 'must be visible ASCII, spaces or tabs (no line breaks, control or non-ASCII characters); encode other text as the helpdesk expects'),
});

export const helpdeskInputSchema = z.object({
  name: text(100),
  url: httpUrl,
  headers: z.array(helpdeskHeaderSchema).max(20).nullish(),
  secret: z.string().min(16, 'must be at least 16 characters').max(500).nullish(),
  payloadTemplate: z.string().max(20_000).nullish(),
  ticketIdField: z.string().trim().regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/u, 'must be a field name or dotted path').nullish(),
});

export const ruleActionsInputSchema = z.object({
  addTags: z.array(z.string().max(MAX_TAG_LENGTH)).max(MAX_TAGS).nullish(),
  setStatus: z.enum(MENTION_STATUSES).nullish(),
  assignTo: z.string().trim().max(MAX_ASSIGNEE_LENGTH).nullish(),
  notify: z.enum(ALERT_SEVERITIES).nullish(),
  helpdesk: helpdeskInputSchema.nullish(),
  stop: z.boolean().nullish(),
});

export const ruleInputSchema = z.object({
  name: text(200),
  enabled: z.boolean().nullish(),
  position: z.number().int().min(0).max(1_000_000).nullish(),
  conditions: ruleConditionsInputSchema.nullish(),
  actions: ruleActionsInputSchema,
});
export type RuleInput = z.input<typeof ruleInputSchema>;

const cleanHandle = (handle: string): string => handle.trim().replace(/^@/u, '').toLowerCase();

/** Input (already validated) → stored definition with every field present. */
export function normalizeRule(input: z.output<typeof ruleInputSchema>, base: { id: string; position: number; createdAt: string; updatedAt: string }): WorkflowRule {
  const c = input.conditions ?? {};
  const a = input.actions;
  const helpdesk = a.helpdesk
    ? {
        name: a.helpdesk.name,
        url: a.helpdesk.url,
        headers: a.helpdesk.headers ?? [],
        secret: a.helpdesk.secret ?? null,
        payloadTemplate: a.helpdesk.payloadTemplate?.trim() ? a.helpdesk.payloadTemplate : null,
        ticketIdField: a.helpdesk.ticketIdField ?? null,
      }
    : null;
  return {
    id: base.id,
    name: input.name,
    enabled: input.enabled ?? true,
    position: input.position ?? base.position,
    conditions: {
      topicIds: [...new Set(c.topicIds ?? [])],
      sentiments: [...new Set(c.sentiments ?? [])],
      intents: [...new Set(c.intents ?? [])],
      replyNeeded: c.replyNeeded ?? null,
      sources: [...new Set(c.sources ?? [])],
      query: c.query?.trim() ? c.query.trim() : null,
      authorHandles: [...new Set((c.authorHandles ?? []).map(cleanHandle).filter(Boolean))],
      direct: c.direct ?? null,
      includeSpam: c.includeSpam ?? false,
    },
    actions: {
      addTags: [...new Set((a.addTags ?? []).map(normalizeTag).filter(Boolean))],
      setStatus: a.setStatus ?? null,
      assignTo: a.assignTo?.trim() ? a.assignTo.trim() : null,
      notify: a.notify ?? null,
      helpdesk,
      stop: a.stop ?? false,
    },
    createdAt: base.createdAt,
    updatedAt: base.updatedAt,
  };
}

/** A rule with no action would match silently forever: refuse it. */
export function hasAction(actions: RuleActions): boolean {
  return actions.addTags.length > 0 || actions.setStatus !== null || actions.assignTo !== null || actions.notify !== null || actions.helpdesk !== null;
}
