import { MAX_TEXT_LENGTH, mentionId, type Author, type RawMentionInput } from '@pulse/contracts';
import { z } from 'zod';

export const xTweetSchema = z
  .object({
    id: z.string().regex(/^\d+$/),
    text: z.string(),
    created_at: z.iso.datetime({ offset: true }),
    author_id: z.string().min(1),
    lang: z.string().optional(),
    conversation_id: z.string().optional(),
    in_reply_to_user_id: z.string().optional(),
    referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
    public_metrics: z
      .object({
        retweet_count: z.number().int().nonnegative().default(0),
        reply_count: z.number().int().nonnegative().default(0),
        like_count: z.number().int().nonnegative().default(0),
        quote_count: z.number().int().nonnegative().default(0),
        impression_count: z.number().int().nonnegative().optional(),
      })
      .optional(),
    // Posts longer than 280 characters: `text` is cut, the full text is here.
    note_tweet: z.object({ text: z.string() }).loose().optional(),
  })
  .loose();
export type XTweet = z.infer<typeof xTweetSchema>;

const userSchema = z
  .object({
    id: z.string(),
    username: z.string().min(1),
    name: z.string().default(''),
    public_metrics: z.object({ followers_count: z.number().int().nonnegative().optional() }).loose().optional(),
  })
  .loose();

export class XUsers {
  private readonly byId = new Map<string, Author>();

  constructor(users: readonly unknown[] = []) {
    for (const raw of users) {
      const u = userSchema.safeParse(raw);
      if (!u.success) continue;
      this.byId.set(u.data.id, { id: u.data.id, handle: u.data.username, name: u.data.name || u.data.username, url: `https://x.com/${u.data.username}`, followers: u.data.public_metrics?.followers_count });
    }
  }

  get(id: string): Author | undefined {
    return this.byId.get(id);
  }
}

export function tweetToMention(tweet: XTweet, users: XUsers): RawMentionInput | undefined {
  const text = (tweet.note_tweet?.text ?? tweet.text).trim().slice(0, MAX_TEXT_LENGTH);
  if (!text) return undefined;
  const author = users.get(tweet.author_id);
  const repliedTo = tweet.referenced_tweets?.find((r) => r.type === 'replied_to');
  const m = tweet.public_metrics;
  return {
    source: 'twitter',
    sourceId: tweet.id,
    // Without the user expansion the handle is unknown; this form of the URL still resolves.
    url: author ? `https://x.com/${author.handle}/status/${tweet.id}` : `https://x.com/i/web/status/${tweet.id}`,
    text,
    ...(tweet.lang && /^[a-z]{2}$/.test(tweet.lang) ? { language: tweet.lang } : {}),
    author: author ?? { id: tweet.author_id, handle: tweet.author_id, name: tweet.author_id, url: null },
    publishedAt: new Date(tweet.created_at).toISOString(),
    ...(repliedTo ? { parentId: mentionId('twitter', repliedTo.id) } : {}),
    engagement: { likes: m?.like_count ?? 0, reposts: (m?.retweet_count ?? 0) + (m?.quote_count ?? 0), comments: m?.reply_count ?? 0, ...(m?.impression_count !== undefined ? { views: m.impression_count } : {}) },
  };
}
