import { Module, type DynamicModule } from '@nestjs/common';
import { HEADERS, TOPICS } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import type { Logger, PulseMetrics, Readiness } from '@pulse/runtime';
import type { SentimentConfig } from './config/sentiment.config.js';
import type { SentimentModel } from './model/sentiment-model.port.js';
import { LanguageModelRouter } from './model/language-model.router.js';
import { TransformersSentimentModel } from './model/transformers-sentiment.model.js';
import { ScoringService } from './scoring/scoring.service.js';

export interface SentimentDeps {
  bus: Bus;
  config: SentimentConfig;
  logger: Logger;
  metrics: PulseMetrics;
  readiness: Readiness;
  /** A ready model (tests, benchmarks); otherwise the configured ones are loaded. */
  model?: SentimentModel;
}

@Module({})
class SentimentModule {}

export const SENTIMENT_GROUP_ID = 'pulse-sentiment';

/** Raw mentions in, scored mentions out; offsets move only once the scored batch is on the bus. */
export class SentimentFeature {
  private model: SentimentModel | undefined;

  constructor(private readonly deps: SentimentDeps) {
    deps.readiness.register({ name: 'model', check: () => this.model !== undefined });
  }

  async init(): Promise<void> {
    const { config, logger } = this.deps;
    const load = (model: string): Promise<SentimentModel> =>
      TransformersSentimentModel.load({
        model,
        cacheDir: config.cacheDir,
        labelOverrides: config.labelOverrides,
        // Per-topic inputs can double a batch; keep those in the same model call.
        maxBatch: Math.max(config.batchSize * 2, 64),
        logger: logger.child({ feature: 'sentiment' }),
      });
    const fallback = this.deps.model ?? (await load(config.model));
    const loaded = new Map<string, SentimentModel>([[config.model, fallback]]);
    const byLanguage = new Map<string, SentimentModel>();
    // Sequential on purpose: a model that cannot load should fail start-up with its own message.
    for (const [language, ref] of Object.entries(config.languageModels)) {
      const model = loaded.get(ref) ?? (await load(ref));
      loaded.set(ref, model);
      byLanguage.set(language, model);
    }
    this.model = fallback;
    const scoring = new ScoringService(new LanguageModelRouter(fallback, byLanguage));
    await this.deps.bus.subscribe({
      topic: TOPICS.rawMentions,
      groupId: SENTIMENT_GROUP_ID,
      maxBatchSize: config.batchSize,
      maxWaitMs: config.batchWaitMs,
      // One partition's batch can be tokenized while another's waits for the broker's ack
      // or for ONNX Runtime's worker thread.
      concurrency: 4,
      handler: async (batch) => {
        const scored = await scoring.score(batch.map((m) => m.value));
        await this.deps.bus.publish(TOPICS.scoredMentions, scored, { traceparent: batch.map((m) => m.headers[HEADERS.traceparent]) });
      },
    });
  }

  get modelRef(): SentimentModel['ref'] | undefined {
    return this.model?.ref;
  }

  nestModule(): DynamicModule {
    return { module: SentimentModule };
  }
}
