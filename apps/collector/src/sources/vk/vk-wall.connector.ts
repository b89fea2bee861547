import type { RawMentionInput } from '@pulse/contracts';
import { z } from 'zod';
import type { SourceBatch, SourceConnector, SourceContext } from '../core/source.port.js';
import { callVk, VkApiError, VkAuthError, type VkApiConfig } from './vk-api.client.js';
import { VkAuthors, vkCommentSchema, vkCommentToMention, vkPostSchema, vkPostToMention, vkPostSourceId, type VkComment, type VkPost } from './vk.mapper.js';

const WALL_PAGE = 100;
const COMMENTS_PAGE = 100;
// Re-read a few comments before the last known offset: deletions shift offsets down.
const COMMENT_OFFSET_SLACK = 10;

export interface VkWallOptions extends VkApiConfig {
  /** Community screen names (`durov`) or ids (`1`, `-1`, `club1`, `public1`). */
  communities: readonly string[];
  pollIntervalMs: number;
  /** How far back the first run looks for posts. */
  lookbackSeconds: number;
  /** Posts younger than this get their new comments collected on every poll. */
  commentWindowSeconds: number;
  /** Safety stop for one community's wall listing per poll. */
  maxPages: number;
  now?: () => number;
}

interface TrackedPost {
  ownerId: number;
  date: number;
  lastCommentId: number;
  /** `comments.count` when the comments were last read: unchanged means nothing to fetch (usually). */
  commentCount: number;
  /** Top-level comments read so far: where the next read starts (minus a slack for deletions). */
  readOffset: number;
}

interface CommunityState {
  lastPostId: number;
  /** Posts inside the comment window, by post id. */
  posts: Record<string, TrackedPost>;
}

export interface VkWallCheckpoint {
  communities: Record<string, CommunityState>;
}

const listResponseSchema = z.object({
  count: z.number().optional(),
  items: z.array(z.unknown()).default([]),
  profiles: z.array(z.unknown()).default([]),
  groups: z.array(z.unknown()).default([]),
});

function wallTarget(community: string): Record<string, string | number> {
  const id = /^(?:-|club|public)?(\d+)$/.exec(community);
  return id ? { owner_id: -Number(id[1]) } : { domain: community };
}

/**
 * Watched communities: new posts via `wall.get` (newest first, offset paging, stopping at
 * the last seen post id) and new comments via `wall.getComments` (oldest first) for posts
 * still inside the comment window. A post is emitted once, when first seen; its comments are
 * re-read only when its `comments.count` grew, and only ids above the last seen comment id
 * come out.
 */
export class VkWallConnector implements SourceConnector<VkWallCheckpoint> {
  readonly name = 'vk-wall';
  readonly source = 'vk' as const;
  readonly pollIntervalMs: number;
  private readonly now: () => number;

  constructor(private readonly options: VkWallOptions) {
    this.pollIntervalMs = options.pollIntervalMs;
    this.now = options.now ?? Date.now;
  }

  async *collect(checkpoint: VkWallCheckpoint | undefined, ctx: SourceContext): AsyncIterable<SourceBatch<VkWallCheckpoint>> {
    const state: VkWallCheckpoint = { communities: {} };
    for (const community of this.options.communities) {
      const saved = checkpoint?.communities[community];
      if (saved) state.communities[community] = structuredClone(saved);
    }
    for (const community of this.options.communities) {
      try {
        yield* this.collectCommunity(community, state, ctx);
      } catch (error) {
        // One private or renamed community must not starve the others; auth and transport errors still stop the pass.
        if (!(error instanceof VkApiError) || error instanceof VkAuthError) throw error;
        ctx.logger.warn({ community, code: error.code, err: error }, 'VK community skipped this poll');
      }
    }
  }

  private async *collectCommunity(community: string, state: VkWallCheckpoint, ctx: SourceContext): AsyncGenerator<SourceBatch<VkWallCheckpoint>> {
    const nowSec = Math.floor(this.now() / 1000);
    const commentCutoff = nowSec - this.options.commentWindowSeconds;
    const saved = state.communities[community];
    const isNew = (post: VkPost): boolean =>
      saved
        ? // A post dated inside the window but unknown was published late (postponed, accepted suggestion) with an older id.
          !(String(post.id) in saved.posts) && (post.id > saved.lastPostId || post.date >= commentCutoff)
        : post.date >= nowSec - this.options.lookbackSeconds;

    const listed: VkPost[] = [];
    const fresh: RawMentionInput[] = [];
    for (let page = 0, offset = 0; page < this.options.maxPages; page++, offset += WALL_PAGE) {
      const res = await callVk(ctx, this.options, 'wall.get', { ...wallTarget(community), count: WALL_PAGE, offset, extended: 1, fields: 'screen_name,followers_count,members_count' }, listResponseSchema);
      const authors = new VkAuthors(res.profiles, res.groups);
      let reachedKnown = false;
      for (const raw of res.items) {
        const parsed = vkPostSchema.safeParse(raw);
        if (!parsed.success) {
          ctx.skipped('vk wall post malformed', { community, issues: parsed.error.issues.slice(0, 3) });
          continue;
        }
        const post = parsed.data;
        listed.push(post);
        if (isNew(post)) {
          const mention = vkPostToMention(post, authors);
          if (mention) fresh.push(mention);
          else ctx.logger.debug({ community, post: post.id }, 'VK post without text');
        } else if (!post.is_pinned && post.date < commentCutoff) reachedKnown = true;
      }
      if (reachedKnown || res.items.length < WALL_PAGE || offset + WALL_PAGE >= (res.count ?? Infinity)) break;
      if (page === this.options.maxPages - 1) ctx.logger.warn({ community, pages: this.options.maxPages }, 'VK wall listing stopped at VK_WALL_MAX_PAGES; older new posts are skipped');
    }

    // Every listed post above the old mark was new and emitted; on a first run the older ones count as seen.
    const next: CommunityState = { lastPostId: Math.max(saved?.lastPostId ?? 0, ...listed.map((p) => p.id)), posts: {} };
    for (const post of listed) {
      const known = saved?.posts[String(post.id)];
      if (known) next.posts[String(post.id)] = known;
      else if (isNew(post)) next.posts[String(post.id)] = { ownerId: post.owner_id, date: post.date, lastCommentId: 0, commentCount: 0, readOffset: 0 };
    }
    for (const [id, tracked] of Object.entries(next.posts)) if (tracked.date < commentCutoff) delete next.posts[id];
    fresh.reverse();
    state.communities[community] = next;
    yield { items: fresh, checkpoint: structuredClone(state) };

    for (const post of listed) {
      const tracked = next.posts[String(post.id)];
      const count = post.comments?.count ?? 0;
      // Any change, not only growth: deletions can hide new comments behind a lower count. An
      // equal count (as many deleted as added) waits for the next change; see README.
      if (!tracked || count === tracked.commentCount) continue;
      const items = await this.newComments(post, tracked, ctx);
      tracked.commentCount = count;
      yield { items, checkpoint: structuredClone(state) };
    }
  }

  /** Comments above `tracked.lastCommentId`, oldest first; advances `tracked.lastCommentId`. */
  private async newComments(post: VkPost, tracked: TrackedPost, ctx: SourceContext): Promise<RawMentionInput[]> {
    let offset = Math.max(0, tracked.readOffset - COMMENT_OFFSET_SLACK);
    const items: RawMentionInput[] = [];
    let lastId = tracked.lastCommentId;
    for (let first = true; ; first = false) {
      const res = await callVk(ctx, this.options, 'wall.getComments', { owner_id: post.owner_id, post_id: post.id, count: COMMENTS_PAGE, offset, sort: 'asc', extended: 1, thread_items_count: 10, fields: 'screen_name,followers_count,members_count' }, listResponseSchema);
      const authors = new VkAuthors(res.profiles, res.groups);
      const comments = res.items.map((raw) => vkCommentSchema.safeParse(raw));
      const firstComment = comments.find((c) => c.success)?.data;
      // More deletions than the slack: the first comment read is already new (or the list got
      // shorter than the offset), so new ones may sit before it. Read from the start instead.
      if (first && offset > 0 && (!firstComment || firstComment.id > tracked.lastCommentId)) {
        offset = 0;
        continue;
      }
      for (const parsed of comments) {
        if (!parsed.success) {
          ctx.skipped('vk comment malformed', { post: post.id, issues: parsed.error.issues.slice(0, 3) });
          continue;
        }
        for (const [comment, parent] of this.withThread(parsed.data, post, ctx)) {
          if (comment.id <= tracked.lastCommentId) continue;
          lastId = Math.max(lastId, comment.id);
          const mention = vkCommentToMention(comment, post.owner_id, post.id, authors, parent);
          if (mention) items.push(mention);
        }
      }
      offset += res.items.length;
      if (res.items.length < COMMENTS_PAGE || offset >= (res.count ?? Infinity)) break;
    }
    tracked.lastCommentId = lastId;
    tracked.readOffset = offset;
    return items;
  }

  /** A top-level comment followed by the replies VK inlined in its thread (up to thread_items_count). */
  private withThread(comment: VkComment, post: VkPost, ctx: SourceContext): Array<[VkComment, string | undefined]> {
    const out: Array<[VkComment, string | undefined]> = [[comment, undefined]];
    for (const raw of comment.thread?.items ?? []) {
      const reply = vkCommentSchema.safeParse(raw);
      if (reply.success) out.push([reply.data, `${vkPostSourceId(post.owner_id, post.id)}_${comment.id}`]);
      else ctx.skipped('vk comment reply malformed', { post: post.id, issues: reply.error.issues.slice(0, 3) });
    }
    return out;
  }
}
