import { TOPICS, type RawMention } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import type { PulseMetrics } from '@pulse/runtime';
import { CollectorError } from '../errors/collector.errors.js';
import type { QualityService } from '../quality/quality.service.js';
import { SPAM_THRESHOLD } from '../quality/spam.scorer.js';
import type { MentionNormalizer } from './mention-normalizer.service.js';

export interface IngestResult {
  accepted: number;
  ids: string[];
  rejected: { index: number; error: string }[];
}

export class IngestService {
  constructor(
    private readonly normalizer: MentionNormalizer,
    private readonly quality: QualityService,
    private readonly bus: Bus,
    private readonly metrics: PulseMetrics,
    private readonly app: string,
    /** The longest a publish may take before the request is answered BUS_UNAVAILABLE. */
    private readonly busTimeoutMs: number,
  ) {}

  /**
   * Validates each item on its own (one bad item must not sink the batch), marks quality
   * through the fingerprint log, and returns only after the accepted ones are on the bus,
   * so a 202 means the broker has them. Anything else is BUS_UNAVAILABLE: the client
   * retries, and a mention that did reach the bus meanwhile is the same id again.
   */
  async ingest(items: unknown[], traceparent?: string): Promise<IngestResult> {
    const valid: RawMention[] = [];
    const rejected: IngestResult['rejected'] = [];
    items.forEach((item, index) => {
      const result = this.normalizer.normalize(item);
      if (result.ok) valid.push(result.mention);
      else rejected.push({ index, error: result.error });
    });
    // Timed: the fingerprint log's round trip is the collector's share of a mention's latency.
    const accepted = await this.metrics.step(this.app, 'quality marks (fingerprint log)', () => this.quality.mark(valid));
    if (accepted.length > 0) await this.publish(accepted, traceparent);
    // Counted per batch: prom-client label lookups per mention showed up on the ingest hot path.
    const counts = new Map<string, number>();
    const count = (source: string, outcome: string): void => {
      const key = `${source}\u0000${outcome}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    };
    for (const m of accepted) {
      count(m.source, 'accepted');
      if (m.topicIds.length > 0) count(m.source, 'matched');
      if (m.duplicateOf) count(m.source, 'duplicate');
      if (m.spam.score >= SPAM_THRESHOLD) count(m.source, 'spam');
    }
    for (const [key, n] of counts) {
      const [source, outcome] = key.split('\u0000') as [string, string];
      this.metrics.ingested.inc({ app: this.app, source, outcome }, n);
    }
    if (rejected.length > 0) this.metrics.ingested.inc({ app: this.app, source: 'unknown', outcome: 'rejected' }, rejected.length);
    return { accepted: accepted.length, ids: accepted.map((m) => m.id), rejected };
  }

  private async publish(mentions: RawMention[], traceparent: string | undefined): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no acknowledgement within ${this.busTimeoutMs} ms`)), this.busTimeoutMs);
    });
    try {
      await Promise.race([this.bus.publish(TOPICS.rawMentions, mentions, traceparent ? { traceparent } : {}), deadline]);
    } catch (error) {
      throw new CollectorError('BUS_UNAVAILABLE', `could not publish to the message bus: ${(error as Error).message}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}
