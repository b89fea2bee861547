import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { mentionId } from '@pulse/contracts';
import { DEMO_CORPUS } from '@pulse/collector';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { REPO_ROOT, startApp, type AppProcess } from '../../../test/support/app-process.js';
import { startMockKafka } from '../../../test/support/mock-kafka.js';
import { freePort, waitFor } from '../../../test/support/ports.js';
import { startPostgres } from '../../../test/support/postgres.js';
import { inclusiveSharePct, readNewestProfile, selfTimeByComponent, topSelfTime, type HotFunction } from '../cpu-profile.js';
import { peakRssMb, sampleMemory, type MemoryPeak } from '../memory-phases.js';
import { scrapeHistograms, stageBetween, type StageFigures } from '../stage-metrics.js';
import { progress, summarize } from '../stats.js';

export interface PipelineOptions {
  mentions: number;
  latencyRates: number[];
  latencySeconds: number;
  adminKey: string;
}

type Percentiles = { p50: number; p95: number; p99: number; count: number };

/** End to end, and split by the timestamps each stage stamps on the mention. */
export interface LatencyResult extends Percentiles {
  offered: number;
  delivered: number;
  stagesMs: { collect: Percentiles; score: Percentiles; storeAndDeliver: Percentiles };
  /**
   * Inside those stages, from the apps' histograms: each consumer's wait (publish → handler,
   * i.e. broker, fetch wait and queueing) and each handler's own time. Means and bucket estimates.
   */
  split: Record<string, StageFigures | undefined>;
  /** p50 per second of the window, by when the mention was sent: a start-up transient shows as a falling series. */
  p50BySecond: number[];
}

export interface PipelineResult {
  mentionsPerSec: number;
  mentions: number;
  seconds: number;
  latencyMs: Record<string, LatencyResult | { error: string; offered: number }>;
  memory: Record<string, { peakRssMb: number }>;
  /** Per phase (each offered rate, then the throughput run), each app's peaks: which load holds the memory. */
  memoryByPhase: Record<string, Record<string, MemoryPeak>>;
  /** CPU seconds each process spent per 1,000 mentions in the throughput run: where the machine's time goes. */
  cpuSecondsPer1000: Record<string, number>;
  /** Per app, the five functions with the most self time over the run (node --cpu-prof, written at exit). */
  cpuProfileTop5: Record<string, HotFunction[] | undefined>;
  /**
   * The sentiment app's scoring (ScoringService.score and all it calls: model, brand clauses, intent)
   * as a share of its profile, and so its CPU seconds per 1,000 mentions of the throughput run.
   */
  scoring?: { sharePctOfSentiment: number; cpuSecondsPer1000: number };
  /** Per app, self time by layer (Kafka client, GC, schema checks, the model, our code…), percent of its profile. */
  cpuByComponent: Record<string, Record<string, number> | undefined>;
}

/** User + system CPU seconds a process has used so far (Linux /proc; 100 ticks per second). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function mentionBody(sourceId: string, index: number, handle: string): Record<string, unknown> {
  const item = DEMO_CORPUS[index % DEMO_CORPUS.length]!;
  return {
    source: 'webhook',
    sourceId,
    url: null,
    // A per-mention suffix keeps replays of the corpus from being flagged as copy-paste.
    text: `${item.text} #${index}`,
    author: { id: handle, handle, name: item.author.name, url: null, followers: item.author.followers },
    publishedAt: new Date().toISOString(),
  };
}

async function persistedCount(gateway: AppProcess): Promise<number> {
  const text = await (await fetch(`${gateway.baseUrl}/metrics`)).text();
  const match = /pulse_messages_in_total\{app="gateway",topic="pulse\.mentions\.scored\.v1",outcome="ok"\} (\d+)/.exec(text);
  return Number(match?.[1] ?? 0);
}

/**
 * Distributed mode on the mock Kafka cluster and a real PostgreSQL: first latency at fixed
 * offered rates (ingest → mentionScored subscription), then sustained throughput.
 */
export async function runPipelineBench(options: PipelineOptions): Promise<PipelineResult> {
  const kafka = await startMockKafka();
  const postgres = await startPostgres();
  const apps: AppProcess[] = [];
  const profileDirs = Object.fromEntries(['gateway', 'sentiment', 'collector'].map((app) => [app, mkdtempSync(join(tmpdir(), `pulse-bench-prof-${app}-`))]));
  // Sampling costs a few percent of CPU; the profile is what says where the rest goes.
  // BENCH_NODE_ARGS adds V8 flags to every app for a diagnostic run (e.g. --trace-gc: each app's
  // collections land in test/artifacts/bench-<app>.log); figures from such a run are not comparable.
  const extraNodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const profiled = (app: string): string[] => ['--cpu-prof', `--cpu-prof-dir=${profileDirs[app]}`, ...extraNodeArgs];
  let result: Omit<PipelineResult, 'cpuProfileTop5' | 'cpuByComponent' | 'scoring'>;
  try {
    const common = { KAFKA_BROKERS: kafka.brokers, LOG_LEVEL: 'warn' };
    const gateway = await startApp('bench-gateway', 'apps/gateway/dist/main.js', await freePort(), {
      ...common,
      DATABASE_URL: postgres.url,
      PULSE_BOOTSTRAP_KEY: options.adminKey,
      SUBSCRIPTION_BUFFER: '100000',
      RATE_LIMIT_PER_MINUTE: '1000000',
    }, profiled('gateway'));
    apps.push(gateway);
    const sentiment = await startApp('bench-sentiment', 'apps/sentiment/dist/main.js', await freePort(), { ...common, SENTIMENT_BATCH_SIZE: '256', SENTIMENT_BATCH_WAIT_MS: '5' }, profiled('sentiment'));
    apps.push(sentiment);
    const collector = await startApp('bench-collector', 'apps/collector/dist/main.js', await freePort(), { ...common, PULSE_DEMO: 'off' }, profiled('collector'));
    apps.push(collector);
    const auth = { authorization: `Bearer ${options.adminKey}` };
    await waitFor('collector to receive the API keys', async () => {
      const res = await fetch(`${collector.baseUrl}/ingest`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '[]' });
      return res.status !== 401;
    }, 30_000);

    const post = async (items: Record<string, unknown>[]): Promise<void> => {
      const res = await fetch(`${collector.baseUrl}/ingest`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/x-ndjson' },
        body: items.map((i) => JSON.stringify(i)).join('\n'),
      });
      if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
    };

    // Warm-up: the first publish to each topic creates it (a metadata round or several on a fresh
    // cluster), which is start-up cost, not latency. One mention end to end before measuring.
    const warmUp = mentionBody(`warm-up-${randomUUID()}`, 0, 'bench-warm-up');
    await waitFor('the first mention to be accepted', async () => {
      const res = await fetch(`${collector.baseUrl}/ingest`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify([warmUp]) });
      return res.status === 202;
    }, 120_000);
    await waitFor('the first mention to be stored', async () => (await persistedCount(gateway)) >= 1, 120_000);

    // Warm-up at the lowest rate, not measured: the first seconds of a stream pay JIT compilation,
    // the model's first calls per input shape and cold store caches (p50BySecond showed ~1 s falling
    // to ~0.2 s over the first five seconds), which is start-up, not the latency a user lives with.
    await measureLatency({ gateway, sentiment, collector }, post, options.latencyRates[0] ?? 200, { ...options, latencySeconds: 5 }).catch(() => undefined);
    // The whole run's peak, read before the per-phase sampling resets the high-water marks.
    const startupPeaks = Object.fromEntries(apps.map((a) => [a.name, peakRssMb(a.child.pid)]));
    const sampled = apps.map((a) => ({ name: a.name.replace('bench-', ''), pid: a.child.pid, baseUrl: a.baseUrl }));
    const memoryByPhase: PipelineResult['memoryByPhase'] = {};
    const latencyMs: PipelineResult['latencyMs'] = {};
    for (const rate of options.latencyRates) {
      const sampler = sampleMemory(sampled);
      // A rate the pipeline cannot take (ingest refuses) is a finding, not the end of the run.
      latencyMs[String(rate)] = await measureLatency({ gateway, sentiment, collector }, post, rate, options).catch((error: unknown) => {
        process.stderr.write(`latency at ${rate}/s failed: ${(error as Error).message}\n`);
        return { error: (error as Error).message, offered: rate };
      });
      memoryByPhase[`latency ${rate}/s`] = await sampler.stop();
    }

    const total = options.mentions;
    const handle = `bench-${randomUUID().slice(0, 8)}`;
    const before = await persistedCount(gateway);
    const batchSize = 500;
    const concurrency = 4;
    // The mock cluster keeps only a bounded log per partition: a backlog past it expires
    // unread ("offset out of range"). Capping what is in flight measures the sustained
    // rate, as a real deployment would run, instead of how fast a queue can be filled.
    const maxInFlight = 10_000;
    let next = 0;
    let persisted = 0;
    let firstAccepted = 0;
    const sender = async (): Promise<void> => {
      while (next < total) {
        if (next - persisted > maxInFlight) {
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        const start = next;
        next = Math.min(total, next + batchSize);
        await post(Array.from({ length: next - start }, (_, i) => mentionBody(`${handle}-${start + i}`, start + i, handle)));
        if (firstAccepted === 0) firstAccepted = performance.now();
      }
    };
    const cpuBefore = new Map(apps.map((a) => [a.name, cpuSeconds(a.child.pid)]));
    const kafkaCpuBefore = cpuSeconds(kafka.pid);
    const benchCpuBefore = process.cpuUsage();
    const throughputSampler = sampleMemory(sampled);
    const sending = Promise.all(Array.from({ length: concurrency }, sender));
    let lastProgress = performance.now();
    while (persisted < total) {
      await new Promise((r) => setTimeout(r, 100));
      const now = (await persistedCount(gateway)) - before;
      if (now > persisted) lastProgress = performance.now();
      persisted = now;
      progress('pipeline: persisted', Math.min(persisted, total), total);
      // A lost message (see maxInFlight) would otherwise keep the run waiting forever.
      if (performance.now() - lastProgress > 60_000) throw new Error(`pipeline stalled: ${persisted} of ${total} persisted, no progress for 60 s (see test/artifacts/bench-*.log)`);
    }
    const lastPersisted = performance.now();
    await sending;
    memoryByPhase.throughput = await throughputSampler.stop();
    const per1000 = (seconds: number): number => Math.round((seconds / total) * 1000 * 1000) / 1000;
    const cpuSecondsPer1000: Record<string, number> = Object.fromEntries(
      apps.map((a) => [a.name.replace('bench-', ''), per1000(cpuSeconds(a.child.pid) - cpuBefore.get(a.name)!)]),
    );
    cpuSecondsPer1000.kafkaMock = per1000(cpuSeconds(kafka.pid) - kafkaCpuBefore);
    const benchCpu = process.cpuUsage(benchCpuBefore);
    cpuSecondsPer1000.loadGenerator = per1000((benchCpu.user + benchCpu.system) / 1e6);
    const seconds = (lastPersisted - firstAccepted) / 1000;
    // The peak over the whole run: start-up and warm-up, then the largest of the phases.
    const memory = Object.fromEntries(
      sampled.map((a, i) => [a.name, { peakRssMb: Math.max(startupPeaks[apps[i]!.name] ?? 0, ...Object.values(memoryByPhase).map((phase) => phase[a.name]?.peakRssMb ?? 0)) }]),
    );
    result = { mentionsPerSec: Math.round(total / seconds), mentions: total, seconds: Math.round(seconds * 10) / 10, latencyMs, memory, memoryByPhase, cpuSecondsPer1000 };
  } finally {
    for (const app of apps.reverse()) await app.stop();
    await kafka.stop();
    await postgres.stop();
  }
  // Written by each app as it exited above.
  // Each profile is tens of MB of JSON: parsed once for every figure taken from it.
  const profiles = Object.fromEntries(Object.entries(profileDirs).map(([app, dir]) => [app, readNewestProfile(dir)]));
  const cpuProfileTop5 = Object.fromEntries(Object.entries(profiles).map(([app, profile]) => [app, profile && topSelfTime(profile, REPO_ROOT)]));
  const cpuByComponent = Object.fromEntries(Object.entries(profiles).map(([app, profile]) => [app, profile && selfTimeByComponent(profile)]));
  // The profile spans the whole process life (start-up and latency phases too): its share is applied to the throughput run's CPU.
  const scoringShare = profiles.sentiment && inclusiveSharePct(profiles.sentiment, 'score', '/apps/sentiment/dist/scoring/');
  const sentimentCpu = result.cpuSecondsPer1000.sentiment;
  const scoring = scoringShare !== undefined && sentimentCpu !== undefined ? { sharePctOfSentiment: scoringShare, cpuSecondsPer1000: Math.round(scoringShare * sentimentCpu * 10) / 1000 } : undefined;
  // BENCH_KEEP_PROFILES=1 keeps the .cpuprofile files (open them in Chrome DevTools) and prints where.
  if (process.env.BENCH_KEEP_PROFILES) process.stderr.write(`cpu profiles kept: ${JSON.stringify(profileDirs)}\n`);
  else for (const dir of Object.values(profileDirs)) rmSync(dir, { recursive: true, force: true });
  return { ...result, cpuProfileTop5, cpuByComponent, ...(scoring ? { scoring } : {}) };
}

/** The stages a mention passes after the collector, named as the bench reports them. */
const SPLIT: Record<string, { app: 'gateway' | 'sentiment' | 'collector'; series: string }> = {
  'collector quality marks (fingerprint log round trip)': { app: 'collector', series: 'pulse_step_duration_seconds{collector,quality marks (fingerprint log)}' },
  'collector publish raw (until acknowledged)': { app: 'collector', series: 'pulse_publish_duration_seconds{collector,pulse.mentions.raw.v1}' },
  'raw → sentiment (wait)': { app: 'sentiment', series: 'pulse_consume_delay_seconds{sentiment,pulse.mentions.raw.v1}' },
  'sentiment handler (score, publish)': { app: 'sentiment', series: 'pulse_batch_duration_seconds{sentiment,pulse.mentions.raw.v1}' },
  '  of which score': { app: 'sentiment', series: 'pulse_step_duration_seconds{sentiment,score}' },
  '  of which publish scored': { app: 'sentiment', series: 'pulse_publish_duration_seconds{sentiment,pulse.mentions.scored.v1}' },
  'sentiment commit': { app: 'sentiment', series: 'pulse_commit_duration_seconds{sentiment,pulse.mentions.raw.v1}' },
  'scored → gateway (wait)': { app: 'gateway', series: 'pulse_consume_delay_seconds{gateway,pulse.mentions.scored.v1}' },
  'gateway handler (store, announce, rules)': { app: 'gateway', series: 'pulse_batch_duration_seconds{gateway,pulse.mentions.scored.v1}' },
  '  of which triage plan': { app: 'gateway', series: 'pulse_step_duration_seconds{gateway,triage plan}' },
  '  of which store': { app: 'gateway', series: 'pulse_step_duration_seconds{gateway,store}' },
  '  of which announce stored': { app: 'gateway', series: 'pulse_step_duration_seconds{gateway,announce stored}' },
  '  of which rule side effects': { app: 'gateway', series: 'pulse_step_duration_seconds{gateway,rule side effects}' },
  '  of which channel answers': { app: 'gateway', series: 'pulse_step_duration_seconds{gateway,channel answers}' },
  'gateway commit': { app: 'gateway', series: 'pulse_commit_duration_seconds{gateway,pulse.mentions.scored.v1}' },
  // The storing replica's own feed is handed the batch after the store; other replicas read it here.
  'stored → live relay of other replicas (wait)': { app: 'gateway', series: 'pulse_consume_delay_seconds{gateway,pulse.mentions.stored.v1}' },
};

async function measureLatency(
  apps: { gateway: AppProcess; sentiment: AppProcess; collector: AppProcess },
  post: (items: Record<string, unknown>[]) => Promise<void>,
  rate: number,
  options: PipelineOptions,
): Promise<LatencyResult> {
  const { gateway } = apps;
  const handle = `lat-${rate}-${randomUUID().slice(0, 8)}`;
  const sentAt = new Map<string, number>();
  let windowStart = Date.now();
  const samples: number[] = [];
  const bySecond: number[][] = [];
  const stages = { collect: [] as number[], score: [] as number[], storeAndDeliver: [] as number[] };
  const client = createClient({
    url: `${gateway.baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${options.adminKey}` },
    lazy: false,
    retryAttempts: 0,
  });
  const unsubscribe = client.subscribe<{ mentionScored: { id: string; collectedAt: string; scoredAt: string } }>(
    {
      query: 'subscription($f: MentionFilter) { mentionScored(filter: $f) { id collectedAt scoredAt } }',
      variables: { f: { authorHandle: handle, includeSpam: true, includeDuplicates: true } },
    },
    {
      next: (value) => {
        const mention = value.data?.mentionScored;
        const sent = mention ? sentAt.get(mention.id) : undefined;
        if (!mention || sent === undefined) return;
        // Wall-clock times: every process runs on this machine, so the stages share one clock.
        const now = Date.now();
        const collected = Date.parse(mention.collectedAt);
        const scored = Date.parse(mention.scoredAt);
        samples.push(now - sent);
        (bySecond[Math.floor((sent - windowStart) / 1000)] ??= []).push(now - sent);
        stages.collect.push(collected - sent);
        stages.score.push(scored - collected);
        stages.storeAndDeliver.push(now - scored);
      },
      // A close event prints as a page of socket internals: its code and reason say it all.
      error: (error) => process.stderr.write(`latency subscription error: ${describeSocketError(error)}\n`),
      complete: () => undefined,
    },
  );
  await new Promise((r) => setTimeout(r, 500));
  const snapshot = async () => ({ gateway: await scrapeHistograms(apps.gateway.baseUrl), sentiment: await scrapeHistograms(apps.sentiment.baseUrl), collector: await scrapeHistograms(apps.collector.baseUrl) });
  const before = await snapshot();
  const tickMs = 20;
  const perTick = rate * (tickMs / 1000);
  const ticks = Math.round((options.latencySeconds * 1000) / tickMs);
  let budget = 0;
  let seq = 0;
  const started = performance.now();
  windowStart = Date.now();
  const inFlight: Promise<void>[] = [];
  for (let tick = 0; tick < ticks; tick++) {
    budget += perTick;
    const count = Math.floor(budget);
    budget -= count;
    if (count > 0) {
      const items = Array.from({ length: count }, () => mentionBody(`${handle}-${seq}`, seq++, handle));
      const now = Date.now();
      for (const item of items) sentAt.set(mentionId('webhook', item.sourceId as string), now);
      inFlight.push(post(items));
    }
    // Paced against the clock, not the previous tick, so slow responses do not lower the offered rate.
    const wait = started + (tick + 1) * tickMs - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await Promise.all(inFlight);
  await waitFor(`latency samples at ${rate}/s`, async () => samples.length >= sentAt.size, 30_000).catch(() => undefined);
  const after = await snapshot();
  const split = Object.fromEntries(Object.entries(SPLIT).map(([name, { app, series }]) => [name, stageBetween(before[app], after[app], series)]));
  unsubscribe();
  await client.dispose();
  progress(`latency at ${rate}/s: delivered`, samples.length, sentAt.size);
  return {
    ...summarize(samples),
    offered: rate,
    delivered: samples.length,
    stagesMs: { collect: summarize(stages.collect), score: summarize(stages.score), storeAndDeliver: summarize(stages.storeAndDeliver) },
    split,
    p50BySecond: Array.from(bySecond, (second) => summarize(second ?? []).p50),
  };
}

function describeSocketError(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const { code, reason } = error as { code: unknown; reason?: unknown };
    return `closed ${String(code)} ${String(reason ?? '')}`.trim();
  }
  return error instanceof Error ? error.message : JSON.stringify(error);
}
