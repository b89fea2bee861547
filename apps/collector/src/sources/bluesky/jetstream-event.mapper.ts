import { mentionId, type RawMentionInput } from '@pulse/contracts';
import { z } from 'zod';

export const BLUESKY_POST_COLLECTION = 'app.bsky.feed.post';

/** Only what routing needs: most events (likes, follows, deletes) are never looked at further. */
export const jetstreamEventSchema = z.object({
  did: z.string().startsWith('did:'),
  time_us: z.number().int().positive(),
  kind: z.string(),
  commit: z
    .object({
      operation: z.string(),
      collection: z.string(),
      rkey: z.string().optional(),
      record: z.unknown().optional(),
    })
    .optional(),
});
export type JetstreamEvent = z.infer<typeof jetstreamEventSchema>;

const postRecordSchema = z.object({
  text: z.string(),
  createdAt: z.string().optional(),
  langs: z.array(z.string()).optional(),
  reply: z.object({ parent: z.object({ uri: z.string().startsWith('at://') }) }).optional(),
});

const RKEY = /^[A-Za-z0-9._:~-]{1,512}$/;
/** Clients stamp `createdAt` themselves; one far in the future is a broken clock, not news from tomorrow. */
const MAX_CLOCK_SKEW_MS = 10 * 60_000;

export type PostMapping = { ok: true; item: RawMentionInput; text: string } | { ok: false; reason: string };

/** A created post, as a mention. Jetstream carries no handles, so the DID stands in for one. */
export function postToMention(event: JetstreamEvent): PostMapping {
  const rkey = event.commit?.rkey;
  if (!rkey || !RKEY.test(rkey)) return { ok: false, reason: 'bluesky post without a valid rkey' };
  const record = postRecordSchema.safeParse(event.commit?.record);
  if (!record.success) return { ok: false, reason: 'malformed bluesky post record' };
  const text = record.data.text.trim();
  if (!text) return { ok: false, reason: 'bluesky post without text' };
  const seenAt = Math.floor(event.time_us / 1000);
  const created = Date.parse(record.data.createdAt ?? '');
  const publishedAt = Number.isNaN(created) || created > seenAt + MAX_CLOCK_SKEW_MS ? seenAt : created;
  const language = /^([a-z]{2})(-|$)/i.exec(record.data.langs?.[0] ?? '')?.[1]?.toLowerCase();
  const profile = `https://bsky.app/profile/${event.did}`;
  return {
    ok: true,
    text,
    item: {
      source: 'bluesky',
      sourceId: `at://${event.did}/${BLUESKY_POST_COLLECTION}/${rkey}`,
      url: `${profile}/post/${rkey}`,
      text,
      author: { id: event.did, handle: event.did, name: event.did, url: profile },
      publishedAt: new Date(publishedAt).toISOString(),
      ...(language ? { language } : {}),
      ...(record.data.reply ? { parentId: mentionId('bluesky', record.data.reply.parent.uri) } : {}),
    },
  };
}
