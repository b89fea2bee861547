import type { ScoredMention } from '@pulse/contracts';
import { GatewayError } from '../errors/gateway.errors.js';
import type { MentionStore } from '../store/mention-store.port.js';
import { decodeCursor, encodeCursor } from './mention-cursor.js';
import { parseMentionFilter } from './mention-filter.js';

export const MAX_PAGE_SIZE = 200;

export interface MentionConnection {
  edges: { cursor: string; node: ScoredMention }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export class MentionService {
  constructor(private readonly store: MentionStore) {}

  async list(filterInput: Record<string, unknown> | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<MentionConnection> {
    const size = first ?? 20;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
      throw new GatewayError('INVALID_ARGUMENT', `first must be between 1 and ${MAX_PAGE_SIZE}`, { field: 'first' });
    }
    const filter = parseMentionFilter(filterInput);
    const cursor = after ? decodeCursor(after) : undefined;
    const page = await this.storeCall(() => this.store.findMentions(filter, size, cursor));
    const edges = page.items.map((node) => ({ cursor: encodeCursor({ publishedAt: node.publishedAt, id: node.id }), node }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: page.totalCount };
  }

  async get(id: string): Promise<ScoredMention | null> {
    const [mention] = await this.storeCall(() => this.store.getMentions([id]));
    return mention ?? null;
  }

  private async storeCall<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof GatewayError) throw error;
      throw new GatewayError('STORE_UNAVAILABLE', `store query failed: ${(error as Error).message}`, {}, { cause: error });
    }
  }
}
