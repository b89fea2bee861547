import type { OnApplicationBootstrap } from '@nestjs/common';
import { HEADERS, TOPICS } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import type { SentimentConfig } from '../config/sentiment.config.js';
import type { ScoringService } from '../scoring/scoring.service.js';

export const SENTIMENT_GROUP_ID = 'pulse-sentiment';

/**
 * pulse.mentions.raw.v1 → scoring → pulse.mentions.scored.v1. Offsets move only once the
 * scored batch is on the bus (the bus commits after the handler resolves); each scored
 * mention continues its raw mention's trace.
 */
export class RawMentionConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly bus: Bus,
    private readonly scoring: ScoringService,
    private readonly config: SentimentConfig,
  ) {}

  /** After every module is initialised (models loaded): the host has started the bus, so consumption begins now. */
  async onApplicationBootstrap(): Promise<void> {
    const { bus, scoring, config } = this;
    await bus.subscribe({
      topic: TOPICS.rawMentions,
      groupId: SENTIMENT_GROUP_ID,
      maxBatchSize: config.batchSize,
      maxWaitMs: config.batchWaitMs,
      // One partition's batch can be tokenized while another's waits for the broker's ack
      // or for ONNX Runtime's worker thread; batches that wait meanwhile are scored and
      // published together (adaptive batching: one model call and one publish for all of them).
      concurrency: 4,
      coalesce: true,
      handler: async (batch) => {
        const scored = await scoring.score(batch.map((m) => m.value));
        await bus.publish(TOPICS.scoredMentions, scored, { traceparent: batch.map((m) => m.headers[HEADERS.traceparent]) });
      },
    });
  }
}
