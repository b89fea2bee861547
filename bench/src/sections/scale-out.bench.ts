import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { KafkaBus, kafkaConnectionFromEnv, kafkaEnvSchema } from '@pulse/bus/kafka';
import { DEMO_CORPUS } from '@pulse/collector';
import { TOPICS, rawMentionSchema, type RawMention } from '@pulse/contracts';
import { PulseMetrics, createLogger } from '@pulse/runtime';
import { startApp, type AppProcess } from '../../../test/support/app-process.js';
import { startMockKafka, type MockKafka } from '../../../test/support/mock-kafka.js';
import { freePort, waitFor } from '../../../test/support/ports.js';
import { progress } from '../stats.js';

export interface ScaleOutOptions {
  /** Raw mentions scored per configuration. */
  mentions: number;
  /** Worker counts to compare, each on a fresh cluster. */
  workers: readonly number[];
}

export interface WorkerFigures {
  /** Mentions this worker scored in the measured window. */
  scored: number;
  /** User + system CPU seconds it used in that window. */
  cpuSeconds: number;
}

export interface ScaleOutRun {
  workers: number;
  mentionsPerSec: number;
  seconds: number;
  perWorker: WorkerFigures[];
  /** All workers' CPU seconds per 1,000 mentions: what scaling out costs in total. */
  cpuSecondsPer1000: number;
  kafkaMockCpuSeconds: number;
}

export interface ScaleOutResult {
  mentions: number;
  runs: ScaleOutRun[];
  /** Throughput with the most workers over throughput with one. */
  throughputRatio: number;
}

/** User + system CPU seconds a process has used so far (Linux /proc; 100 ticks per second). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Raw mentions this worker has handled (its bus's counter). */
async function scoredBy(worker: AppProcess): Promise<number> {
  const text = await (await fetch(`${worker.baseUrl}/metrics`)).text();
  const match = /pulse_messages_in_total\{app="sentiment",topic="pulse\.mentions\.raw\.v1",outcome="ok"\} (\d+)/.exec(text);
  return Number(match?.[1] ?? 0);
}

function rawMentions(count: number, run: string): RawMention[] {
  return Array.from({ length: count }, (_, i) => {
    const item = DEMO_CORPUS[i % DEMO_CORPUS.length]!;
    return rawMentionSchema.parse({
      source: 'webhook',
      sourceId: `scale-bench-${run}-${i}`,
      // A per-mention suffix keeps the texts distinct, as in the pipeline section.
      text: `${item.text} #${i}`,
      author: { id: `a${i % 5000}`, handle: `user_${i % 5000}`, name: item.author.name, url: null, followers: item.author.followers },
      publishedAt: new Date().toISOString(),
    });
  });
}

/**
 * The sentiment stage alone with K workers in one consumer group over the mock Kafka cluster
 * (4 raw-topic partitions): raw mentions are produced straight onto the raw topic by this process
 * (no collector, so the workers are the only busy apps), and the clock runs from the first publish
 * until the workers' counters add up to every mention.
 */
async function measure(workerCount: number, mentions: number): Promise<ScaleOutRun> {
  const kafka: MockKafka = await startMockKafka();
  const workers: AppProcess[] = [];
  const bus = new KafkaBus({
    app: 'bench-producer',
    connection: kafkaConnectionFromEnv(kafkaEnvSchema.parse({ KAFKA_BROKERS: kafka.brokers }), 'bench-producer'),
    logger: createLogger('bench-producer', 'silent'),
    metrics: new PulseMetrics(false),
  });
  try {
    // Topics created with their partitions before any worker joins.
    await bus.start();
    const common = { KAFKA_BROKERS: kafka.brokers, LOG_LEVEL: 'warn', KAFKA_SESSION_TIMEOUT_MS: '6000', SENTIMENT_BATCH_SIZE: '256', SENTIMENT_BATCH_WAIT_MS: '5' };
    for (let w = 0; w < workerCount; w++) workers.push(await startApp(`bench-scale-sentiment-${workerCount}-${w}`, 'apps/sentiment/dist/main.js', await freePort(), common));
    // Warm-up until every worker has scored something: the group has settled on its assignment
    // (one rebalance per joining worker) and each model has run once.
    const run = randomUUID().slice(0, 8);
    let warmUps = 0;
    await waitFor(
      'every worker to score warm-up mentions',
      async () => {
        await bus.publish(TOPICS.rawMentions, rawMentions(40, `${run}-warm-${warmUps}`));
        warmUps += 40;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        return (await Promise.all(workers.map(scoredBy))).every((n) => n > 0);
      },
      180_000,
      0,
    );
    // Every warm-up mention scored before the clock starts: the counters then hold exactly them.
    await waitFor('the warm-up drained', async () => (await Promise.all(workers.map(scoredBy))).reduce((a, b) => a + b, 0) >= warmUps, 120_000, 200);
    const batch = rawMentions(mentions, run);
    const scoredBefore = await Promise.all(workers.map(scoredBy));
    const cpuBefore = workers.map((w) => cpuSeconds(w.child.pid));
    const kafkaBefore = cpuSeconds(kafka.pid);
    const started = performance.now();
    for (let i = 0; i < batch.length; i += 1000) await bus.publish(TOPICS.rawMentions, batch.slice(i, i + 1000));
    let lastDone = 0;
    let lastProgressAt = performance.now();
    for (;;) {
      const scored = (await Promise.all(workers.map(scoredBy))).map((n, i) => n - scoredBefore[i]!);
      const done = scored.reduce((a, b) => a + b, 0);
      progress(`scaleOut ${workerCount} worker(s): scored`, Math.min(done, mentions), mentions);
      if (done >= mentions) break;
      if (done > lastDone) [lastDone, lastProgressAt] = [done, performance.now()];
      if (performance.now() - lastProgressAt > 60_000) throw new Error(`scaleOut stalled at ${done} of ${mentions} (see test/artifacts/bench-scale-*.log)`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    const scoredAfter = await Promise.all(workers.map(scoredBy));
    const perWorker = workers.map((w, i) => ({ scored: scoredAfter[i]! - scoredBefore[i]!, cpuSeconds: round(cpuSeconds(w.child.pid) - cpuBefore[i]!) }));
    const totalCpu = perWorker.reduce((sum, w) => sum + w.cpuSeconds, 0);
    return {
      workers: workerCount,
      mentionsPerSec: Math.round(mentions / seconds),
      seconds: round(seconds),
      perWorker,
      cpuSecondsPer1000: round((totalCpu / mentions) * 1000),
      kafkaMockCpuSeconds: round(cpuSeconds(kafka.pid) - kafkaBefore),
    };
  } finally {
    for (const worker of workers) await worker.stop();
    await bus.stop().catch(() => undefined);
    await kafka.stop();
  }
}

const round = (value: number): number => Math.round(value * 100) / 100;

/** 1 worker, then 2 (or `workers`), on the same machine: the scale-out ratio and what each worker burns. */
export async function runScaleOutBench(options: ScaleOutOptions): Promise<ScaleOutResult> {
  const runs: ScaleOutRun[] = [];
  for (const workers of options.workers) runs.push(await measure(workers, options.mentions));
  const one = runs.find((r) => r.workers === 1) ?? runs[0]!;
  const most = runs.reduce((a, b) => (b.workers > a.workers ? b : a));
  return { mentions: options.mentions, runs, throughputRatio: round(most.mentionsPerSec / one.mentionsPerSec) };
}
