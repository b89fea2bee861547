import { mentionId } from '@pulse/contracts';

/** A VK user as the collector's mapper writes the author of a post or comment. */
export interface VkAuthor {
  id: string;
  handle: string;
  name: string;
}

export const IVAN: VkAuthor = { id: '5551', handle: 'ivan_petrov', name: 'Иван Петров' };

/**
 * A post on a community's wall (`-{group}_{post}`) or a comment under it
 * (`-{group}_{post}_{comment}`, with the post as its parent), shaped as the collector's VK
 * mapper sends them to /ingest — the ids the reply channel turns into owner_id, post_id and
 * reply_to_comment.
 */
export function vkMention(place: { group: number; post: number; comment?: number }, text: string, author: VkAuthor = IVAN): Record<string, unknown> {
  const post = `-${place.group}_${place.post}`;
  const comment = place.comment;
  return {
    source: 'vk',
    sourceId: comment === undefined ? post : `${post}_${comment}`,
    url: comment === undefined ? `https://vk.com/wall${post}` : `https://vk.com/wall${post}?reply=${comment}`,
    text,
    author: { ...author, url: `https://vk.com/${author.handle}` },
    publishedAt: new Date().toISOString(),
    ...(comment === undefined ? {} : { parentId: mentionId('vk', post) }),
  };
}
