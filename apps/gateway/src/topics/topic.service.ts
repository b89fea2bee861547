import { TOPICS, trackedTopicSchema, type TrackedTopic } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import type { Logger } from '@pulse/runtime';
import { GatewayError, storeCall } from '../errors/gateway.errors.js';
import { unknownTopicError } from '../validation/input-checks.js';
import { DEFAULT_TOPICS, topicQuery, validateQuery } from '@pulse/query';
import { DEMO_OWN_ACCOUNTS } from './demo-own-accounts.js';
import type { TopicRepository } from './topic.repository.js';

function cleanKeywords(keywords: string[]): string[] {
  return [...new Set(keywords.map((k) => k.trim()).filter(Boolean))];
}

function cleanQuery(query: string | null | undefined): string | null {
  return query?.trim() ? query.trim() : null;
}

/** Lower-case ASCII slug; Cyrillic is transliterated so ids stay URL- and log-friendly. */
const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o',
  п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  і: 'i', ї: 'yi', є: 'ye', ґ: 'g',
};

export function topicSlug(name: string): string {
  const slug = [...name.toLowerCase()]
    .map((ch) => TRANSLIT[ch] ?? ch)
    .join('')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return slug || 'topic';
}

export interface TopicInput {
  name: string;
  keywords?: string[] | null;
  query?: string | null;
  ownAccounts?: { source: string; handle: string }[] | null;
}

export type TopicPatch = Partial<TopicInput>;

const NAMES_TTL_MS = 5_000;

/**
 * Tracked topics live in the gateway's store (the source of truth) and are published to
 * the compacted topics stream, which collectors read as a table.
 */
export class TopicService {
  /** Names by id, as the scored stream's triage labels suggestions and alerts with them. */
  private names?: { map: Promise<Map<string, string>>; loadedAt: number };

  constructor(
    private readonly store: TopicRepository,
    private readonly bus: Bus,
    private readonly logger: Logger,
    private readonly clock: () => number = Date.now,
  ) {}

  list(): Promise<TrackedTopic[]> {
    return this.store.listTopics();
  }

  /**
   * Topic names by id, read again at most every NAMES_TTL_MS: the scored stream's triage asked the
   * store for the whole topic list on every batch holding a complaint (10–18 ms of a 200/s batch in
   * the pipeline bench). A rename here shows at once; one on another replica within the TTL.
   */
  nameMap(): Promise<Map<string, string>> {
    if (!this.names || this.clock() - this.names.loadedAt >= NAMES_TTL_MS) {
      const map = this.store.listTopics().then((topics) => new Map(topics.map((t) => [t.id, t.name])));
      // A failed read is not remembered: the next batch asks the store again.
      map.catch(() => (this.names = undefined));
      this.names = { map, loadedAt: this.clock() };
    }
    return this.names.map;
  }

  async get(id: string): Promise<TrackedTopic | null> {
    const topic = await this.store.getTopic(id);
    return topic && topic.status !== 'deleted' ? topic : null;
  }

  /**
   * Unknown ids are the caller's mistake, not an empty answer: a filter, analytics window, rule
   * or subscription naming a topic that does not exist (or was deleted) is NOT_FOUND, naming
   * every such id and the field. Paused topics are known: their mentions are still there.
   */
  async requireKnown(ids: readonly string[] | null | undefined, field: string): Promise<void> {
    if (!ids || ids.length === 0) return;
    const known = await storeCall(() => this.store.existingIds(ids));
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length > 0) throw unknownTopicError(field, missing);
  }

  /** Topics by id in one lookup, null for unknown and deleted ones (the per-operation loader). */
  async getMany(ids: readonly string[]): Promise<(TrackedTopic | null)[]> {
    const found = new Map((await this.store.getTopics(ids)).filter((t) => t.status !== 'deleted').map((t) => [t.id, t]));
    return ids.map((id) => found.get(id) ?? null);
  }

  async activeIds(): Promise<string[]> {
    return (await this.store.listTopics()).filter((t) => t.status === 'active').map((t) => t.id);
  }

  async create(input: TopicInput): Promise<TrackedTopic> {
    const now = new Date().toISOString();
    const topic = this.validate({
      id: topicSlug(input.name),
      name: input.name.trim(),
      keywords: cleanKeywords(input.keywords ?? []),
      query: cleanQuery(input.query),
      ownAccounts: input.ownAccounts ?? [],
      status: 'active',
      createdAt: now,
      updatedAt: now,
    });
    const existing = await this.store.getTopic(topic.id);
    if (existing && existing.status !== 'deleted') {
      throw new GatewayError('TOPIC_EXISTS', `a topic with id "${topic.id}" already exists`, { field: 'input.name' });
    }
    await this.save(topic);
    this.logger.info({ topic: topic.id, keywords: topic.keywords.length, query: topic.query !== null }, 'topic created');
    return topic;
  }

  /** Absent fields stay as they are; `query: null` removes the query. The id never changes. */
  async update(id: string, patch: TopicPatch): Promise<TrackedTopic> {
    const current = await this.require(id);
    const topic = this.validate({
      ...current,
      ...(patch.name != null ? { name: patch.name.trim() } : {}),
      ...(patch.keywords != null ? { keywords: cleanKeywords(patch.keywords) } : {}),
      ...(patch.query !== undefined ? { query: cleanQuery(patch.query) } : {}),
      ...(patch.ownAccounts != null ? { ownAccounts: patch.ownAccounts } : {}),
      updatedAt: this.nextUpdatedAt(current),
    });
    await this.save(topic);
    this.logger.info({ topic: id }, 'topic updated');
    return topic;
  }

  async setStatus(id: string, status: 'active' | 'paused' | 'deleted'): Promise<TrackedTopic> {
    const current = await this.require(id);
    if (current.status === status) return current;
    const topic = { ...current, status, updatedAt: this.nextUpdatedAt(current) };
    await this.save(topic);
    this.logger.info({ topic: id, status }, 'topic status changed');
    return topic;
  }

  private async require(id: string): Promise<TrackedTopic> {
    const topic = await this.get(id);
    if (!topic) throw new GatewayError('NOT_FOUND', `no topic with id "${id}"`, { field: 'id' });
    return topic;
  }

  /** Consumers keep the newest version by updatedAt: two changes in one millisecond must still order. */
  private nextUpdatedAt(current: TrackedTopic): string {
    const now = Date.now();
    const previous = Date.parse(current.updatedAt);
    return new Date(now > previous ? now : previous + 1).toISOString();
  }

  private validate(candidate: unknown): TrackedTopic {
    const parsed = trackedTopicSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = `input.${issue.path.join('.')}`;
      throw new GatewayError('INVALID_ARGUMENT', `${field}: ${issue.message}`, { field });
    }
    const topic = parsed.data;
    if (topic.query !== null) {
      const result = validateQuery(topic.query);
      if (!result.ok) {
        const { message, position, expected } = result.error;
        throw new GatewayError('INVALID_QUERY', `input.query: ${message}`, { field: 'input.query', position, expected });
      }
    }
    return topic;
  }

  private async save(topic: TrackedTopic): Promise<void> {
    await this.store.upsertTopic(topic);
    this.names = undefined;
    await this.bus.publish(TOPICS.trackedTopics, [topic]);
  }

  /**
   * On start: seed the demo topics into an empty store (when asked) and republish every
   * topic, so collectors see the full table even if the broker lost the compacted log.
   */
  async bootstrap(seedDemoTopics: boolean): Promise<void> {
    let topics = await this.store.listTopics();
    if (topics.length === 0 && seedDemoTopics) {
      const now = new Date().toISOString();
      // The measured default topics of @pulse/query: inflected and glued names, spellings, false friends excluded.
      for (const t of DEFAULT_TOPICS) {
        await this.store.upsertTopic({
          id: t.id,
          name: t.name,
          keywords: t.keywords.filter((k) => !k.endsWith('*')),
          query: topicQuery(t),
          ownAccounts: [...(DEMO_OWN_ACCOUNTS[t.id] ?? [])],
          status: 'active',
          createdAt: now,
          updatedAt: now,
        });
      }
      topics = await this.store.listTopics();
      this.logger.info({ topics: topics.length }, 'seeded demo topics (PULSE_SEED_TOPICS=off disables)');
    }
    await this.bus.publish(TOPICS.trackedTopics, topics);
  }
}
