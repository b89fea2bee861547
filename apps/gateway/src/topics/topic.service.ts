import { TOPICS, trackedTopicSchema, type TrackedTopic } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import type { Logger } from '@pulse/runtime';
import { GatewayError } from '../errors/gateway.errors.js';
import type { MentionStore } from '../store/mention-store.port.js';
import { DEMO_TOPICS } from './demo-topics.js';

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

/**
 * Tracked topics live in the gateway's store (the source of truth) and are published to
 * the compacted topics stream, which collectors read as a table.
 */
export class TopicService {
  constructor(
    private readonly store: MentionStore,
    private readonly bus: Bus,
    private readonly logger: Logger,
  ) {}

  list(): Promise<TrackedTopic[]> {
    return this.store.listTopics();
  }

  async create(input: { name: string; keywords: string[] }): Promise<TrackedTopic> {
    const now = new Date().toISOString();
    const keywords = [...new Set(input.keywords.map((k) => k.trim()).filter(Boolean))];
    const candidate = { id: topicSlug(input.name), name: input.name.trim(), keywords, status: 'active' as const, createdAt: now, updatedAt: now };
    const parsed = trackedTopicSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = `input.${issue.path.join('.')}`;
      throw new GatewayError('INVALID_ARGUMENT', `${field}: ${issue.message}`, { field });
    }
    const existing = await this.store.getTopic(parsed.data.id);
    if (existing && existing.status !== 'deleted') {
      throw new GatewayError('TOPIC_EXISTS', `a topic with id "${parsed.data.id}" already exists`, { field: 'input.name' });
    }
    await this.store.upsertTopic(parsed.data);
    await this.bus.publish(TOPICS.trackedTopics, [parsed.data]);
    this.logger.info({ topic: parsed.data.id, keywords: keywords.length }, 'topic created');
    return parsed.data;
  }

  /**
   * On start: seed the demo topics into an empty store (when asked) and republish every
   * topic, so collectors see the full table even if the broker lost the compacted log.
   */
  async bootstrap(seedDemoTopics: boolean): Promise<void> {
    let topics = await this.store.listTopics();
    if (topics.length === 0 && seedDemoTopics) {
      const now = new Date().toISOString();
      for (const t of DEMO_TOPICS) await this.store.upsertTopic({ ...t, query: null, ownAccounts: [], status: 'active', createdAt: now, updatedAt: now });
      topics = await this.store.listTopics();
      this.logger.info({ topics: topics.length }, 'seeded demo topics (PULSE_SEED_TOPICS=off disables)');
    }
    await this.bus.publish(TOPICS.trackedTopics, topics);
  }
}
