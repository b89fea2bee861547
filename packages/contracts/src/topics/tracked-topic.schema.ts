import { z } from 'zod';
import { sourceSchema } from '../mentions/raw-mention.schema.js';

/** One of the brand's own accounts: mentions addressed to it are "direct" (they expect an answer). */
export const ownAccountSchema = z.object({
  source: sourceSchema,
  handle: z.string().trim().min(1).max(256),
});
export type OwnAccount = z.infer<typeof ownAccountSchema>;

/**
 * A tracked topic (a brand, a competitor, a product line) as published on the compacted
 * `pulse.topics.v1` topic, keyed by id.
 */
export const trackedTopicSchema = z.object({
  id: z.string().min(1).max(128),
  name: z.string().min(1).max(200),
  keywords: z.array(z.string().trim().min(1).max(200)).max(500),
  /** Boolean query (query-language syntax); when set it decides matching instead of `keywords`. */
  query: z.string().trim().min(1).max(4000).nullable().default(null),
  ownAccounts: z.array(ownAccountSchema).max(200).default([]),
  // Deletion is a 'deleted' record rather than a tombstone so every consumer gets a typed event.
  status: z.enum(['active', 'paused', 'deleted']),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
}).refine((t) => t.keywords.length > 0 || t.query !== null, { message: 'a topic needs keywords or a query', path: ['keywords'] });
export type TrackedTopic = z.infer<typeof trackedTopicSchema>;

export const API_KEY_ROLES = ['viewer', 'analyst', 'admin', 'ingest'] as const;
export const apiKeyRoleSchema = z.enum(API_KEY_ROLES);
export type ApiKeyRole = z.infer<typeof apiKeyRoleSchema>;

/**
 * An API key as published on the compacted `pulse.apikeys.v1` topic, keyed by id, so
 * apps other than the gateway (the collector's /ingest) can verify keys without a
 * database. Only the SHA-256 of the secret ever leaves the gateway.
 */
export const apiKeySchema = z.object({
  id: z.string().min(1).max(128),
  name: z.string().min(1).max(200),
  role: apiKeyRoleSchema,
  /** Lower-case hex SHA-256 of the full key string. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  revoked: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type ApiKeyRecord = z.infer<typeof apiKeySchema>;
