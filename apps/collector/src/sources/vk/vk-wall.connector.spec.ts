import { mentionId } from '@pulse/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCheckpointStore } from '../core/checkpoint.store.js';
import { closeFakeHttpServers, collectPass, fakeHttpServer, readRequestBody, testSourceContext } from '../core/testing/source-test-kit.js';
import { VkWallConnector } from './vk-wall.connector.js';

afterEach(closeFakeHttpServers);

const NOW = Date.parse('2026-11-20T12:00:00Z');
const nowSec = NOW / 1000;
const HOUR = 3600;

interface Comment {
  id: number;
  from_id: number;
  date: number;
  text: string;
  thread?: { count: number; items: unknown[] };
}
interface Post {
  id: number;
  owner_id: number;
  from_id: number;
  date: number;
  text: string;
  is_pinned?: number;
  comments: Comment[];
}

/** A VK wall per owner id; `beeline` resolves to -42, -77 is a private community. */
class FakeWalls {
  readonly walls = new Map<number, Post[]>([[-42, []]]);
  readonly calls: Array<{ method: string; params: URLSearchParams }> = [];
  malformed: unknown[] = [];
  url = '';

  async start(): Promise<this> {
    const base = await fakeHttpServer((req, res) => {
      void readRequestBody(req).then((raw) => {
        const method = (req.url ?? '').replace(/^\/method\//, '');
        const params = new URLSearchParams(raw);
        this.calls.push({ method, params });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(this.answer(method, params)));
      });
    });
    this.url = `${base}/method`;
    return this;
  }

  post(id: number, hoursAgo: number, text: string, extra: Partial<Post> = {}): Post {
    const post: Post = { id, owner_id: -42, from_id: -42, date: nowSec - hoursAgo * HOUR, text, comments: [], ...extra };
    this.walls.get(-42)!.push(post);
    return post;
  }

  private answer(method: string, params: URLSearchParams): unknown {
    const owner = params.get('domain') === 'beeline' ? -42 : Number(params.get('owner_id'));
    if (owner === -77) return { error: { error_code: 15, error_msg: 'Access denied: this wall available only for community members' } };
    const wall = this.walls.get(owner) ?? [];
    const offset = Number(params.get('offset') ?? 0);
    const count = Number(params.get('count'));
    const groups = [{ id: 42, name: 'Билайн', screen_name: 'beeline', members_count: 1000 }];
    const profiles = [{ id: 7, first_name: 'Анна', last_name: 'К', screen_name: 'anna' }];
    if (method === 'wall.get') {
      const sorted = [...wall].sort((a, b) => (b.is_pinned ?? 0) - (a.is_pinned ?? 0) || b.id - a.id);
      const items = sorted.slice(offset, offset + count).map(({ comments, ...p }) => ({ ...p, comments: { count: comments.length + comments.reduce((n, c) => n + (c.thread?.count ?? 0), 0) }, likes: { count: 1 } }));
      if (offset === 0) items.push(...(this.malformed as typeof items));
      return { response: { count: sorted.length, items, groups, profiles } };
    }
    if (method === 'wall.getComments') {
      expect(params.get('sort')).toBe('asc');
      const post = wall.find((p) => p.id === Number(params.get('post_id')))!;
      return { response: { count: post.comments.length, items: post.comments.slice(offset, offset + count), groups, profiles } };
    }
    throw new Error(`unexpected ${method}`);
  }
}

const context = () => testSourceContext([], { initialBackoffMs: 1 });

function connector(url: string, communities: string[] = ['beeline'], now = () => NOW): VkWallConnector {
  return new VkWallConnector({ apiUrl: url, accessToken: 'tok', communities, pollIntervalMs: 1000, lookbackSeconds: 24 * HOUR, commentWindowSeconds: 48 * HOUR, maxPages: 10, now });
}

const comment = (id: number, hoursAgo: number, text: string, thread?: Comment['thread']): Comment => ({ id, from_id: 7, date: nowSec - hoursAgo * HOUR, text, ...(thread ? { thread } : {}) });

describe('VkWallConnector', () => {
  it('collects posts inside the lookback across wall pages (pinned first) and their comments with parents', async () => {
    const vk = await new FakeWalls().start();
    vk.post(1, 24 * 30, 'Закреп: правила сообщества', { is_pinned: 1 });
    for (let i = 0; i < 150; i++) vk.post(10 + i, 30 - i * 0.15, `Новость ${10 + i}`);
    const commented = vk.post(500, 1, 'Новый тариф');
    commented.comments.push(comment(501, 0.9, 'Дорого'), comment(502, 0.8, 'Нормально', { count: 1, items: [comment(503, 0.7, 'Согласна')] }), comment(504, 0.6, ''));
    const { ctx } = context();
    const store = new MemoryCheckpointStore();
    const items = await collectPass(connector(vk.url), store, ctx);

    const posts = items.filter((i) => i.sourceId.split('_').length === 2);
    // 24 h lookback: posts dated 30 h .. 7.65 h ago → ids 50.. are inside, plus 500.
    expect(posts.map((p) => p.sourceId)).toEqual([...Array.from({ length: 110 }, (_, i) => `-42_${50 + i}`), '-42_500']);
    expect(vk.calls.filter((c) => c.method === 'wall.get')).toHaveLength(2);
    expect(posts.at(-1)).toMatchObject({ url: 'https://vk.com/wall-42_500', author: { id: '-42', handle: 'beeline', name: 'Билайн', followers: 1000 }, engagement: { likes: 1, comments: 4 } });
    const comments = items.filter((i) => i.sourceId.split('_').length === 3);
    expect(comments.map((c) => [c.sourceId, c.text, c.parentId])).toEqual([
      ['-42_500_501', 'Дорого', mentionId('vk', '-42_500')],
      ['-42_500_502', 'Нормально', mentionId('vk', '-42_500')],
      ['-42_500_503', 'Согласна', mentionId('vk', '-42_500_502')],
    ]);
    expect(comments[0]).toMatchObject({ url: 'https://vk.com/wall-42_500?reply=501', author: { handle: 'anna', name: 'Анна К' } });
  });

  it('resumes after a restart with only new posts and new comments', async () => {
    const vk = await new FakeWalls().start();
    const old = vk.post(10, 5, 'Пост');
    old.comments.push(comment(11, 4, 'Первый'));
    vk.post(12, 3, 'Второй пост');
    const { ctx } = context();
    const store = new MemoryCheckpointStore();
    expect((await collectPass(connector(vk.url), store, ctx)).map((i) => i.sourceId)).toEqual(['-42_10', '-42_12', '-42_10_11']);

    old.comments.push(comment(20, 0.5, 'Ответ поддержки'));
    vk.post(21, 0.4, 'Свежий пост');
    // Published from the schedule: an older id than the last seen post, but never seen.
    vk.post(9, 0.3, 'Отложенный пост');
    const later = () => NOW + 3600_000;
    expect((await collectPass(connector(vk.url, ['beeline'], later), store, ctx)).map((i) => i.sourceId)).toEqual(['-42_9', '-42_21', '-42_10_20']);
    expect(await collectPass(connector(vk.url, ['beeline'], later), store, ctx)).toEqual([]);
  });

  it('reads comments from the last offset and rereads from the start when deletions shifted them', async () => {
    const vk = await new FakeWalls().start();
    const post = vk.post(10, 5, 'Пост');
    for (let i = 0; i < 130; i++) post.comments.push(comment(100 + i, 4, `Комментарий ${i}`));
    const { ctx } = context();
    const store = new MemoryCheckpointStore();
    expect(await collectPass(connector(vk.url), store, ctx)).toHaveLength(131);

    post.comments.push(comment(300, 1, 'Новый'));
    expect((await collectPass(connector(vk.url), store, ctx)).map((i) => i.sourceId)).toEqual(['-42_10_300']);
    const offsets = vk.calls.filter((c) => c.method === 'wall.getComments').map((c) => c.params.get('offset'));
    expect(offsets).toEqual(['0', '100', '120']);

    post.comments.splice(0, 50);
    post.comments.push(comment(301, 0.5, 'Ещё новый'));
    expect((await collectPass(connector(vk.url), store, ctx)).map((i) => i.sourceId)).toEqual(['-42_10_301']);
    const reread = vk.calls.filter((c) => c.method === 'wall.getComments').map((c) => c.params.get('offset'));
    expect(reread.slice(3)).toEqual(['121', '0']);
  });

  it('skips malformed posts, and a private community does not stop the others', async () => {
    const vk = await new FakeWalls().start();
    vk.post(10, 1, 'Пост');
    vk.malformed = [{ id: 'nope' }, { id: 11, owner_id: -42, text: 'без даты' }];
    const { ctx, skipped } = context();
    const items = await collectPass(connector(vk.url, ['-77', 'beeline']), new MemoryCheckpointStore(), ctx);
    expect(items.map((i) => i.sourceId)).toEqual(['-42_10']);
    expect(skipped).toEqual(['vk wall post malformed', 'vk wall post malformed']);
    expect(vk.calls[0]!.params.get('owner_id')).toBe('-77');
    expect(vk.calls[1]!.params.get('domain')).toBe('beeline');
  });
});
