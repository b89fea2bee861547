import { z } from 'zod';
import { authorSchema, sourceSchema } from './raw-mention.schema.js';

/** 32 MinHash values (uint32, little-endian) as base64url without padding: 128 bytes → 171 characters. */
export const MINHASH_BASE64_LENGTH = 171;

/**
 * What collectors share so that near-duplicate, copy-paste and burst marks are decided over
 * every collector's mentions, not one process's share: one message per collected mention,
 * on one ordered partition (every message has the same key). Each collector applies the log
 * in order to the same window, so each computes the same verdict for every message; the one
 * that collected the mention (`token`) marks and publishes it.
 */
export const mentionFingerprintSchema = z.object({
  mentionId: z.string().min(1).max(128),
  source: sourceSchema,
  authorId: authorSchema.shape.id,
  parentId: z.string().min(1).max(128).nullable(),
  /** Epoch milliseconds on the collecting instance's clock: the windows' time (never the mention's own dates). */
  at: z.number().int().nonnegative(),
  /** MinHash of the normalized text; null when too short to call a copy. */
  minhash: z
    .string()
    .regex(new RegExp(`^[A-Za-z0-9_-]{${MINHASH_BASE64_LENGTH}}$`), 'expected 128 bytes as base64url')
    .nullable(),
  /** Topics whose own account on this network wrote the mention: replies under it are addressed to them. */
  ownerTopicIds: z.array(z.string().min(1)).max(1000),
  /** Which collector instance waits for this verdict, and for which of its requests. */
  token: z.string().min(1).max(128),
});
export type MentionFingerprint = z.infer<typeof mentionFingerprintSchema>;

/** The one key of the fingerprint log: one partition keeps one order every collector applies. */
export const FINGERPRINT_LOG_KEY = 'quality-log';

/**
 * How long a fingerprint counts: older ones leave every collector's window, and the log's
 * retention is this long, so a collector that starts replays all that still counts.
 */
export const FINGERPRINT_WINDOW_MS = 6 * 60 * 60_000;
