import type { ScoredMention } from '@pulse/contracts';
import { GatewayError, storeCall } from '../errors/gateway.errors.js';
import DataLoader from 'dataloader';
import { DEFAULT_QUERY_LANGUAGE, type QueryLanguage } from '../query/query-language.port.js';
import type { MentionOrder, MentionStore } from '../store/mention-store.port.js';
import { decodeCursor, encodeCursor } from './mention-cursor.js';
import { parseMentionFilter } from './mention-filter.js';

export const MAX_PAGE_SIZE = 200;

export interface MentionConnection {
  edges: { cursor: string; node: ScoredMention }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const ORDERS: readonly MentionOrder[] = ['NEWEST_FIRST', 'OLDEST_FIRST'];

export class MentionService {
  constructor(
    private readonly store: MentionStore,
    private readonly language: QueryLanguage = DEFAULT_QUERY_LANGUAGE,
  ) {}

  /** One per request: batches and de-duplicates per-mention lookups (mention(id), parent, original). */
  loader(): DataLoader<string, ScoredMention | null> {
    return new DataLoader((ids: readonly string[]) => storeCall(() => this.store.getMentions(ids)), { maxBatchSize: 500 });
  }

  async list(
    filterInput: Record<string, unknown> | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
    orderBy: string | null | undefined = 'NEWEST_FIRST',
  ): Promise<MentionConnection> {
    const order = (orderBy ?? 'NEWEST_FIRST') as MentionOrder;
    if (!ORDERS.includes(order)) throw new GatewayError('INVALID_ARGUMENT', `orderBy must be one of ${ORDERS.join(', ')}`, { field: 'orderBy' });
    const size = first ?? 20;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
      throw new GatewayError('INVALID_ARGUMENT', `first must be between 1 and ${MAX_PAGE_SIZE}`, { field: 'first' });
    }
    const filter = parseMentionFilter(filterInput, this.language);
    const cursor = after ? decodeCursor(after, order) : undefined;
    const page = await storeCall(() => this.store.findMentions(filter, size, cursor, order));
    const edges = page.items.map((node) => ({ cursor: encodeCursor({ publishedAt: node.publishedAt, id: node.id }, order), node }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: page.totalCount };
  }

}
