import { z } from 'zod';
import { mentionId } from './mention-id.js';
import { BLANK_TEXT_MESSAGE, SOURCE_ALIASES, canonicalSource, isBlankText, mentionIdProblem } from './mention-identity.js';

export const SOURCES = [
  'vk',
  'telegram',
  'twitter',
  'reddit',
  'youtube',
  'mastodon',
  'bluesky',
  'rss',
  'web',
  'webhook',
  'demo',
] as const;
export const sourceSchema = z.enum(SOURCES);
export type Source = z.infer<typeof sourceSchema>;

/** ISO 639-1 code, or `und` when detection could not decide. */
export const languageSchema = z.string().regex(/^([a-z]{2}|und)$/, 'expected a two-letter ISO 639-1 code or "und"');

/**
 * A timestamp every consumer can store: PostgreSQL has no year 0 and JavaScript dates end
 * in +275760, so a "valid" ISO string outside 1970–2999 would fail far downstream instead
 * of being rejected here with its field.
 */
const isoDateTime = z.iso.datetime({ offset: true }).refine((value) => {
  const year = new Date(value).getUTCFullYear();
  return year >= 1970 && year <= 2999;
}, 'expected a date between 1970 and 2999');

/** Web links only: a `javascript:` or `data:` URL stored with a mention would become a live link in the dashboard. */
const webUrl = z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' });

export const authorSchema = z.object({
  id: z.string().min(1).max(256),
  handle: z.string().min(1).max(256),
  name: z.string().max(512),
  url: webUrl.nullable(),
  followers: z.number().int().nonnegative().optional(),
});
export type Author = z.infer<typeof authorSchema>;

export const engagementSchema = z.object({
  likes: z.number().int().nonnegative(),
  reposts: z.number().int().nonnegative(),
  comments: z.number().int().nonnegative(),
  views: z.number().int().nonnegative().optional(),
});
export type Engagement = z.infer<typeof engagementSchema>;

/** Why a mention belongs to a tracked topic: the keywords that matched, for highlighting and audits. */
export const topicMatchSchema = z.object({
  topicId: z.string().min(1),
  terms: z.array(z.string()).min(1),
});
export type TopicMatch = z.infer<typeof topicMatchSchema>;

/** An explainable spam score: 0 = clean, 1 = certainly spam, with the signals that fired. */
export const spamAssessmentSchema = z.object({
  score: z.number().min(0).max(1),
  reasons: z.array(z.string()),
});
export type SpamAssessment = z.infer<typeof spamAssessmentSchema>;

export const MAX_TEXT_LENGTH = 20_000;

/** The fields of a raw mention as every consumer sees them after parsing. */
export const rawMentionFields = {
  id: z.string().min(1).max(128),
  source: sourceSchema,
  sourceId: z.string().min(1).max(512),
  url: webUrl.nullable(),
  text: z.string().trim().min(1).max(MAX_TEXT_LENGTH).refine((text) => !isBlankText(text), BLANK_TEXT_MESSAGE),
  language: languageSchema,
  author: authorSchema,
  publishedAt: isoDateTime,
  collectedAt: isoDateTime,
  topicIds: z.array(z.string().min(1)),
  matches: z.array(topicMatchSchema),
  parentId: z.string().min(1).max(128).optional(),
  engagement: engagementSchema.optional(),
  /** Addressed to one of the brand's own accounts (a reply, comment or @-mention): expects an answer. */
  direct: z.boolean(),
  /** Id of the earlier mention this one repeats (repost, copy-paste); kept, not dropped. */
  duplicateOf: z.string().min(1).max(128).nullable(),
  spam: spamAssessmentSchema,
};

/** What producers may send as `source`: the sources plus their aliases (`x` for `twitter`). */
const sourceInputSchema = z.enum([...SOURCES, ...(Object.keys(SOURCE_ALIASES) as (keyof typeof SOURCE_ALIASES)[])]);

/**
 * Lenient on the way in, strict on the way out: a producer that is not Pulse (kcat, a
 * partner's job) may leave out what Pulse can derive — the id (from source + sourceId),
 * collectedAt, language ("und": the sentiment stage detects it) and topic matches — and
 * may name a source by its alias. A supplied id must be the derived one (see
 * mentionIdProblem). Consumers always get a complete RawMention.
 */
export const rawMentionSchema = z
  .object({
    ...rawMentionFields,
    id: rawMentionFields.id.optional(),
    source: sourceInputSchema,
    url: rawMentionFields.url.default(null),
    language: languageSchema.default('und'),
    collectedAt: isoDateTime.optional(),
    topicIds: rawMentionFields.topicIds.default([]),
    matches: rawMentionFields.matches.default([]),
    direct: rawMentionFields.direct.default(false),
    duplicateOf: rawMentionFields.duplicateOf.default(null),
    spam: spamAssessmentSchema.default({ score: 0, reasons: [] }),
  })
  .superRefine((m, ctx) => {
    const problem = mentionIdProblem({ id: m.id, source: canonicalSource(m.source), sourceId: m.sourceId });
    if (problem !== null) ctx.addIssue({ code: 'custom', path: ['id'], message: problem, input: m.id });
  })
  .transform((m) => {
    const source = canonicalSource(m.source) as Source;
    return {
      ...m,
      source,
      id: m.id ?? mentionId(source, m.sourceId),
      collectedAt: m.collectedAt ?? new Date().toISOString(),
    };
  });
export type RawMention = z.output<typeof rawMentionSchema>;
export type RawMentionInput = z.input<typeof rawMentionSchema>;
