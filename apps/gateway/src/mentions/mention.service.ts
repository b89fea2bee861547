import type { ScoredMention } from '@pulse/contracts';
import { GatewayError, storeCall } from '../errors/gateway.errors.js';
import DataLoader from 'dataloader';
import type { InitialWorkflow, MentionFilter, MentionOrder, UpsertResult } from './mention.model.js';
import type { MentionRepository } from './mention.repository.js';
import { decodeCursor, encodeCursor } from './mention-cursor.js';
import { parseMentionFilter } from './mention-filter.js';

export const MAX_PAGE_SIZE = 200;

export interface MentionConnection {
  edges: { cursor: string; node: ScoredMention }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
  totalCountIsExact: boolean;
}

const ORDERS: readonly MentionOrder[] = ['NEWEST_FIRST', 'OLDEST_FIRST'];

export class MentionService {
  constructor(private readonly repository: MentionRepository) {}

  /** Ids in, mentions (or null) out, in order; store failures mapped to our error codes. */
  getMentions(ids: readonly string[]): Promise<(ScoredMention | null)[]> {
    return storeCall(() => this.repository.getMentions(ids));
  }

  /**
   * Stores a scored batch; `initial` is each mention's workflow as triage planned it, applied
   * only when the mention is inserted (a redelivery or re-scoring never resets a handled mention).
   */
  store(mentions: ScoredMention[], initial?: ReadonlyMap<string, InitialWorkflow>): Promise<UpsertResult> {
    return this.repository.upsertMentions(mentions, initial);
  }

  /** Every matching mention in keyset pages, newest first, without counting: for export. */
  stream(filter: MentionFilter, pageSize?: number): AsyncIterable<ScoredMention[]> {
    return this.repository.streamMentions(filter, pageSize);
  }

  /** One per request: batches and de-duplicates per-mention lookups (mention(id), parent, original). */
  loader(): DataLoader<string, ScoredMention | null> {
    return new DataLoader((ids: readonly string[]) => this.getMentions(ids), { maxBatchSize: 500 });
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
    const filter = parseMentionFilter(filterInput);
    const cursor = after ? decodeCursor(after, order) : undefined;
    const page = await storeCall(() => this.repository.findMentions(filter, size, cursor, order));
    const edges = page.items.map((node) => ({ cursor: encodeCursor({ publishedAt: node.publishedAt, id: node.id }, order), node }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: page.totalCount, totalCountIsExact: page.totalCountIsExact };
  }

}
