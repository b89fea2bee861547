import { z } from 'zod';

/**
 * A tracked topic (a brand, a competitor, a product line) as published on the compacted
 * `pulse.topics.v1` topic, keyed by id.
 */
export const trackedTopicSchema = z.object({
  id: z.string().min(1).max(128),
  name: z.string().min(1).max(200),
  keywords: z.array(z.string().trim().min(1).max(200)).min(1).max(500),
  // Deletion is a 'deleted' record rather than a tombstone so every consumer gets a typed event.
  status: z.enum(['active', 'paused', 'deleted']),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type TrackedTopic = z.infer<typeof trackedTopicSchema>;
