import { mentionId, type RawMentionInput } from '@pulse/contracts';
import { z } from 'zod';
import { htmlToText } from '../rss/html-text.js';

export const statusIdSchema = z.string().regex(/^\d{1,30}$/, 'status ids are numeric strings');

const count = z.number().int().nonnegative().catch(0);

export const mastodonStatusSchema = z.object({
  id: statusIdSchema,
  created_at: z.iso.datetime({ offset: true }),
  content: z.string(),
  spoiler_text: z.string().optional(),
  url: z.string().nullable().optional(),
  uri: z.string().optional(),
  in_reply_to_id: statusIdSchema.nullable().optional(),
  reblog: z.unknown().optional(),
  favourites_count: count.optional(),
  reblogs_count: count.optional(),
  replies_count: count.optional(),
  account: z.object({
    id: z.string().min(1),
    acct: z.string().min(1),
    username: z.string().optional(),
    display_name: z.string().optional(),
    url: z.string().nullable().optional(),
    followers_count: count.optional(),
  }),
});
export type MastodonStatus = z.infer<typeof mastodonStatusSchema>;

/** Numeric-string ids (Snowflake-like) outgrow Number precision: compare as BigInt. */
export function maxStatusId(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return BigInt(a) >= BigInt(b) ? a : b;
}

export type StatusMapping = { ok: true; item: RawMentionInput } | { ok: false; reason: string };

/**
 * Status ids are local to the instance that served them, so the source id is
 * `<instance host>:<id>`: stable across polls and streams of one instance, and the parent
 * (a local id too) maps to the same mention id its own collection would give it.
 */
export function statusToMention(raw: unknown, instanceHost: string): StatusMapping {
  const parsed = mastodonStatusSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: `malformed mastodon status: ${parsed.error.issues.slice(0, 2).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
  const status = parsed.data;
  if (status.reblog) return { ok: false, reason: 'mastodon boost (the original is collected on its own)' };
  const body = htmlToText(status.content);
  const text = status.spoiler_text?.trim() ? `${status.spoiler_text.trim()}\n\n${body}` : body;
  if (!text) return { ok: false, reason: 'mastodon status without text (media only)' };
  const account = status.account;
  const handle = account.acct.includes('@') ? account.acct : `${account.acct}@${instanceHost}`;
  return {
    ok: true,
    item: {
      source: 'mastodon',
      sourceId: `${instanceHost}:${status.id}`,
      url: httpUrl(status.url) ?? httpUrl(status.uri) ?? null,
      text,
      author: {
        // The account URL is the same whichever instance reports it; the numeric id is not.
        id: httpUrl(account.url) ?? `${instanceHost}:${account.id}`,
        handle,
        name: account.display_name?.trim() || account.username || account.acct,
        url: httpUrl(account.url) ?? null,
        ...(account.followers_count !== undefined ? { followers: account.followers_count } : {}),
      },
      publishedAt: new Date(status.created_at).toISOString(),
      ...(status.in_reply_to_id ? { parentId: mentionId('mastodon', `${instanceHost}:${status.in_reply_to_id}`) } : {}),
      engagement: { likes: status.favourites_count ?? 0, reposts: status.reblogs_count ?? 0, comments: status.replies_count ?? 0 },
    },
  };
}

function httpUrl(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}
