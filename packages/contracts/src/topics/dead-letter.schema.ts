import { z } from 'zod';

export const DEAD_LETTER_REASONS = ['invalid-json', 'schema-violation', 'processing-failed', 'unsupported-version'] as const;
export const deadLetterReasonSchema = z.enum(DEAD_LETTER_REASONS);
export type DeadLetterReason = z.infer<typeof deadLetterReasonSchema>;

/**
 * What lands on `pulse.mentions.dlq.v1`: the original bytes (as UTF-8 text, or base64 when
 * not valid UTF-8) plus where they came from and why they were rejected, so an operator
 * can fix and replay them.
 */
export const deadLetterSchema = z.object({
  reason: deadLetterReasonSchema,
  error: z.string(),
  /** Field-level problems, for schema violations. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
  origin: z.object({
    topic: z.string(),
    partition: z.number().int(),
    offset: z.string(),
    key: z.string().nullable(),
    consumerGroup: z.string(),
  }),
  payload: z.string(),
  payloadEncoding: z.enum(['utf8', 'base64']),
  headers: z.record(z.string(), z.string()),
  failedAt: z.iso.datetime({ offset: true }),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;
