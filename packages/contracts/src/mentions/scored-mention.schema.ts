import { z } from 'zod';
import { canonicalSource, mentionIdProblem } from './mention-identity.js';
import { rawMentionFields } from './raw-mention.schema.js';

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export const sentimentLabelSchema = z.enum(SENTIMENT_LABELS);
export type SentimentLabel = z.infer<typeof sentimentLabelSchema>;

const probability = z.number().min(0).max(1);

export const sentimentScoresSchema = z.object({
  negative: probability,
  neutral: probability,
  positive: probability,
});
export type SentimentScores = z.infer<typeof sentimentScoresSchema>;

/**
 * Why a topic got its tone, for audits and the dashboard's detail panel ("negative toward Билайн:
 * switched away (rule switch-from)"): the name of the targeting rule that decided it, a short
 * reason for people, and the part of the post that was read for it when that is not the whole post.
 */
export const toneExplanationSchema = z.object({
  rule: z.string().min(1).max(64),
  reason: z.string().max(300),
  evidence: z.string().max(1000).optional(),
});
export type ToneExplanation = z.infer<typeof toneExplanationSchema>;

export const topicSentimentSchema = z.object({
  topicId: z.string().min(1),
  label: sentimentLabelSchema,
  /** The model's probability of `label` on what was read for this topic (low when a rule overrode the model). */
  score: probability,
  /** Absent on mentions scored before per-topic rules existed. */
  explain: toneExplanationSchema.optional(),
});
export type TopicSentiment = z.infer<typeof topicSentimentSchema>;

export const sentimentSchema = z.object({
  label: sentimentLabelSchema,
  /** Probability of `label`. */
  score: probability,
  scores: sentimentScoresSchema,
  byTopic: z.array(topicSentimentSchema),
});
export type Sentiment = z.infer<typeof sentimentSchema>;

export const modelRefSchema = z.object({
  id: z.string().min(1),
  version: z.string().min(1),
});
export type ModelRef = z.infer<typeof modelRefSchema>;

export const INTENT_LABELS = ['complaint', 'question', 'request', 'praise', 'other'] as const;
export type IntentLabel = (typeof INTENT_LABELS)[number];

/** What the author wants, from @pulse/intent's explainable classifier (run by the sentiment stage). */
export const intentAssessmentSchema = z.object({
  label: z.enum(INTENT_LABELS),
  /** A support team should answer: a customer's own complaint, question or request, not news, ads or spam. */
  replyNeeded: z.boolean(),
  confidence: probability,
  /** The cues that fired, for audits. */
  reasons: z.array(z.string().max(500)).max(50),
});
export type IntentAssessment = z.infer<typeof intentAssessmentSchema>;

/**
 * The scored (and stored) topic checks identity the way the raw edge does: its consumers
 * upsert by id, so a producer writing here directly with an id that is not derived from
 * source + sourceId could overwrite another post's mention or store one post twice. The id
 * stays required on this wire; Pulse's own producers copy it from a validated raw mention.
 */
export const scoredMentionSchema = z
  .object({
    ...rawMentionFields,
    sentiment: sentimentSchema,
    /** Absent on mentions scored before intent classification existed; consumers treat it as unknown. */
    intent: intentAssessmentSchema.optional(),
    model: modelRefSchema,
    scoredAt: z.iso.datetime({ offset: true }),
  })
  .superRefine((m, ctx) => {
    const problem = mentionIdProblem({ id: m.id, source: canonicalSource(m.source), sourceId: m.sourceId });
    if (problem !== null) ctx.addIssue({ code: 'custom', path: ['id'], message: problem, input: m.id });
  });
export type ScoredMention = z.infer<typeof scoredMentionSchema>;
