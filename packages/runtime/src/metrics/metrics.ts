import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The metrics every Pulse app reports, on one registry per process. In embedded mode
 * the three apps share it; the `app` label keeps their series apart.
 */
/** Seconds, 1 ms to 10 s: handler, publish, commit and step durations share them, so their splits line up. */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class PulseMetrics {
  readonly registry = new Registry();

  readonly messagesIn = new Counter({
    name: 'pulse_messages_in_total',
    help: 'Messages consumed from the bus, by topic and outcome (ok, dead-lettered).',
    labelNames: ['app', 'topic', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly messagesOut = new Counter({
    name: 'pulse_messages_out_total',
    help: 'Messages published to the bus, by topic.',
    labelNames: ['app', 'topic'] as const,
    registers: [this.registry],
  });

  readonly batchSize = new Histogram({
    name: 'pulse_batch_size',
    help: 'Messages per processed batch.',
    labelNames: ['app', 'topic'] as const,
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    registers: [this.registry],
  });

  readonly batchSeconds = new Histogram({
    name: 'pulse_batch_duration_seconds',
    help: 'Time to process one batch, side effects included.',
    labelNames: ['app', 'topic'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });

  /**
   * Publish-to-handling delay per message (broker, fetch wait and queueing behind earlier
   * batches): with `pulse_batch_duration_seconds` it splits a pipeline's latency by stage.
   */
  readonly consumeDelaySeconds = new Histogram({
    name: 'pulse_consume_delay_seconds',
    help: 'Time from a message being published to its batch being handed to the handler.',
    labelNames: ['app', 'topic'] as const,
    buckets: [...DURATION_BUCKETS, 30],
    registers: [this.registry],
  });

  /** Publish call → broker acknowledgement, queueing behind the topic's request in flight included. */
  readonly publishSeconds = new Histogram({
    name: 'pulse_publish_duration_seconds',
    help: 'Time from a publish call to the broker acknowledging it.',
    labelNames: ['app', 'topic'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });

  /** Offset commit after a handled batch: part of a partition's cycle before its next batch starts. */
  readonly commitSeconds = new Histogram({
    name: 'pulse_commit_duration_seconds',
    help: 'Time to commit a partition offset after its batch was handled.',
    labelNames: ['app', 'topic'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });

  /** Named steps inside a handler or request (store, announce, quality marks…): where a stage's time goes. */
  readonly stepSeconds = new Histogram({
    name: 'pulse_step_duration_seconds',
    help: 'Time of one named step inside a handler or request.',
    labelNames: ['app', 'step'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });

  /** Runs `work` as the named step, observed whether it succeeds or fails. */
  async step<T>(app: string, step: string, work: () => Promise<T>): Promise<T> {
    const end = this.stepSeconds.startTimer({ app, step });
    try {
      return await work();
    } finally {
      end();
    }
  }

  readonly errors = new Counter({
    name: 'pulse_errors_total',
    help: 'Errors by kind.',
    labelNames: ['app', 'kind'] as const,
    registers: [this.registry],
  });

  readonly consumerLag = new Gauge({
    name: 'pulse_consumer_lag_messages',
    help: 'Messages between the last processed offset and the partition high watermark.',
    labelNames: ['app', 'topic', 'partition'] as const,
    registers: [this.registry],
  });

  readonly ingested = new Counter({
    name: 'pulse_ingest_items_total',
    help: 'Items received by the collector, by source and outcome (accepted, rejected, matched, duplicate, spam).',
    labelNames: ['app', 'source', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly sourceItems = new Counter({
    name: 'pulse_source_items_total',
    help: 'Items seen by a source connector, by outcome (fetched, published, skipped, matched, duplicate, spam).',
    labelNames: ['app', 'connector', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly sourceErrors = new Counter({
    name: 'pulse_source_errors_total',
    help: 'Failed collection runs per connector.',
    labelNames: ['app', 'connector'] as const,
    registers: [this.registry],
  });

  readonly sourceLagSeconds = new Gauge({
    name: 'pulse_source_lag_seconds',
    help: 'Age of the newest item a connector has published: how far behind real time it is.',
    labelNames: ['app', 'connector'] as const,
    registers: [this.registry],
  });

  constructor(collectDefaults = true) {
    if (collectDefaults) collectDefaultMetrics({ register: this.registry, prefix: 'pulse_process_' });
  }

  async render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
