import { MAX_TEXT_LENGTH, mentionId, type Author, type RawMentionInput } from '@pulse/contracts';
import { z } from 'zod';

const counter = z.object({ count: z.number().int().nonnegative() }).optional();

export const vkPostSchema = z.object({
  id: z.number().int().positive(),
  owner_id: z.number().int(),
  from_id: z.number().int().optional(),
  date: z.number().int().positive(),
  text: z.string().default(''),
  is_pinned: z.union([z.number(), z.boolean()]).optional(),
  likes: counter,
  reposts: counter,
  comments: counter,
  views: counter,
  copy_history: z.array(z.object({ text: z.string().optional() }).loose()).optional(),
});
export type VkPost = z.infer<typeof vkPostSchema>;

export const vkCommentSchema = z.object({
  id: z.number().int().positive(),
  from_id: z.number().int().optional(),
  owner_id: z.number().int().optional(),
  post_id: z.number().int().optional(),
  date: z.number().int().positive(),
  text: z.string().default(''),
  deleted: z.boolean().optional(),
  likes: counter,
  thread: z.object({ count: z.number().int().nonnegative().optional(), items: z.array(z.unknown()).optional() }).loose().optional(),
});
export type VkComment = z.infer<typeof vkCommentSchema>;

const profileSchema = z
  .object({
    id: z.number().int(),
    first_name: z.string().default(''),
    last_name: z.string().default(''),
    screen_name: z.string().optional(),
    followers_count: z.number().int().nonnegative().optional(),
  })
  .loose();
const groupSchema = z
  .object({
    id: z.number().int(),
    name: z.string().default(''),
    screen_name: z.string().optional(),
    members_count: z.number().int().nonnegative().optional(),
  })
  .loose();

/** Authors from an `extended=1` answer, keyed by VK's signed id (negative for communities). */
export class VkAuthors {
  private readonly byId = new Map<number, Author>();

  constructor(profiles: readonly unknown[] = [], groups: readonly unknown[] = []) {
    for (const raw of profiles) {
      const p = profileSchema.safeParse(raw);
      if (!p.success) continue;
      const handle = p.data.screen_name || `id${p.data.id}`;
      const name = `${p.data.first_name} ${p.data.last_name}`.trim() || handle;
      this.byId.set(p.data.id, { id: String(p.data.id), handle, name, url: `https://vk.com/${handle}`, followers: p.data.followers_count });
    }
    for (const raw of groups) {
      const g = groupSchema.safeParse(raw);
      if (!g.success) continue;
      const handle = g.data.screen_name || `club${g.data.id}`;
      this.byId.set(-g.data.id, { id: String(-g.data.id), handle, name: g.data.name || handle, url: `https://vk.com/${handle}`, followers: g.data.members_count });
    }
  }

  get(vkId: number): Author {
    const known = this.byId.get(vkId);
    if (known) return known;
    // Not in the extended block (VK omits deleted/banned accounts): the id still links.
    const handle = vkId < 0 ? `club${-vkId}` : `id${vkId}`;
    return { id: String(vkId), handle, name: handle, url: `https://vk.com/${handle}` };
  }
}

export function vkPostSourceId(ownerId: number, postId: number): string {
  return `${ownerId}_${postId}`;
}

function clip(text: string): string {
  return text.trim().slice(0, MAX_TEXT_LENGTH);
}

/** A post, or undefined when it has no text to analyse (a bare photo, a repost without comment of an empty post). */
export function vkPostToMention(post: VkPost, authors: VkAuthors): RawMentionInput | undefined {
  // A repost without a comment of its own carries the original's text: it still spreads the
  // message, and the duplicate detector downstream links it to the original.
  const text = clip(post.text || post.copy_history?.[0]?.text || '');
  if (!text) return undefined;
  return {
    source: 'vk',
    sourceId: vkPostSourceId(post.owner_id, post.id),
    url: `https://vk.com/wall${post.owner_id}_${post.id}`,
    text,
    author: authors.get(post.from_id ?? post.owner_id),
    publishedAt: new Date(post.date * 1000).toISOString(),
    engagement: {
      likes: post.likes?.count ?? 0,
      reposts: post.reposts?.count ?? 0,
      comments: post.comments?.count ?? 0,
      ...(post.views ? { views: post.views.count } : {}),
    },
  };
}

/** A comment under a wall post; `parentId` is the mention id of the post (or of the comment it answers in a thread). */
export function vkCommentToMention(comment: VkComment, ownerId: number, postId: number, authors: VkAuthors, parentSourceId?: string): RawMentionInput | undefined {
  const text = clip(comment.text);
  if (!text || comment.deleted) return undefined;
  return {
    source: 'vk',
    sourceId: `${ownerId}_${postId}_${comment.id}`,
    url: `https://vk.com/wall${ownerId}_${postId}?reply=${comment.id}`,
    text,
    author: authors.get(comment.from_id ?? ownerId),
    publishedAt: new Date(comment.date * 1000).toISOString(),
    parentId: mentionId('vk', parentSourceId ?? vkPostSourceId(ownerId, postId)),
    engagement: { likes: comment.likes?.count ?? 0, reposts: 0, comments: comment.thread?.count ?? 0 },
  };
}
