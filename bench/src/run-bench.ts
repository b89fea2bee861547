/**
 * `npm run bench`: every stage measured in one run on one machine, so the figures can be
 * compared as ratios. Writes bench/results/latest.json and latency.svg next to it.
 * `--quick` is a ~2-minute smoke version; `--only=<section>` runs one section (its results go to
 * latest.<section>.json, so a partial run does not replace a full one).
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../../test/support/app-process.js';
import { startPostgres } from '../../test/support/postgres.js';
import { judgeGoals } from './goals.js';
import { latencyChartSvg } from './latency-chart.js';
import { runPipelineBench } from './sections/pipeline.bench.js';
import { runScaleOutBench } from './sections/scale-out.bench.js';

const SECTIONS = ['sentiment', 'pipeline', 'queries', 'scaleOut'] as const;

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    mentions: { type: 'string' },
    'scale-mentions': { type: 'string' },
    'latency-seconds': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(`usage: npm run bench -- [--quick] [--only=${SECTIONS.join('|')}] [--mentions=N] [--scale-mentions=N] [--latency-seconds=N]`);
  process.exit(0);
}

const quick = args.quick;
if (args.only !== undefined && !(SECTIONS as readonly string[]).includes(args.only)) {
  console.error(`--only: unknown section ${JSON.stringify(args.only)} (one of ${SECTIONS.join(', ')})`);
  process.exit(2);
}
const sections: readonly string[] = SECTIONS.filter((s) => !args.only || args.only === s);
const resultsDir = join(REPO_ROOT, 'bench/results');
mkdirSync(resultsDir, { recursive: true });

type Json = Record<string, unknown>;
const results: Json = {
  startedAt: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  machine: {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform} ${process.arch}`,
  },
  versions: versions(),
  commit: gitCommit(),
};

function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${commit}+dirty` : commit;
  } catch {
    return 'unknown';
  }
}

function versions(): Json {
  const version = (pkg: string): string => {
    try {
      return (JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return 'missing';
    }
  };
  let postgres = 'unknown';
  try {
    postgres = execFileSync('bash', ['-c', 'ls /usr/lib/postgresql | sort -V | tail -n 1'], { encoding: 'utf8' }).trim();
  } catch {
    // reported as unknown
  }
  return {
    node: process.version,
    kafkajs: version('kafkajs'),
    '@xenova/transformers': version('@xenova/transformers'),
    '@electric-sql/pglite': version('@electric-sql/pglite'),
    pg: version('pg'),
    postgresServer: postgres,
    kafka: 'librdkafka mock cluster (kcat)',
  };
}

/** Runs a benchmark script as its own process (its memory and JIT stay out of ours); its last stdout line is JSON. */
function runJsonScript(label: string, script: string, scriptArgs: string[], env: Record<string, string> = {}): Promise<Json> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, script), ...scriptArgs], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      try {
        if (code !== 0) throw new Error(`exit code ${code}`);
        resolve(JSON.parse(last) as Json);
      } catch (error) {
        reject(new Error(`${label} failed (${(error as Error).message}); output:\n${out.slice(-2000)}`));
      }
    });
  });
}

async function section(name: string, run: () => Promise<Json>): Promise<void> {
  if (!sections.includes(name)) return;
  process.stderr.write(`\n== ${name}\n`);
  const started = performance.now();
  try {
    results[name] = { ...(await run()), seconds: Math.round((performance.now() - started) / 100) / 10 };
  } catch (error) {
    process.stderr.write(`${name} failed: ${(error as Error).message}\n`);
    results[name] = { error: (error as Error).message };
  }
}

await section('sentiment', () => runJsonScript('sentiment bench', 'tools/sentiment-training/dist/bench/sentiment.bench.js', ['--json', ...(quick ? ['--quick'] : [])]));

await section('pipeline', async () => {
  const r = await runPipelineBench({
    mentions: Number(args.mentions ?? (quick ? 10_000 : 100_000)),
    latencyRates: [200, 1000, 5000],
    latencySeconds: Number(args['latency-seconds'] ?? (quick ? 3 : 10)),
    adminKey: `pulse_bench_${randomBytes(16).toString('hex')}`,
  });
  results.memory = r.memory;
  results.memoryByPhase = r.memoryByPhase;
  return { mentionsPerSec: r.mentionsPerSec, mentions: r.mentions, measuredSeconds: r.seconds, latencyMs: r.latencyMs, cpuSecondsPer1000: r.cpuSecondsPer1000, cpuProfileTop5: r.cpuProfileTop5, cpuByComponent: r.cpuByComponent, scoring: r.scoring };
});

await section('queries', async () => {
  const rows = quick ? '100000' : '1000000';
  const postgres = await startPostgres();
  try {
    const runs = quick ? '5' : '20';
    const pg = await runJsonScript('analytics bench (PostgreSQL)', 'apps/gateway/dist/bench/analytics.bench.js', [], { BENCH_DATABASE_URL: postgres.url, BENCH_MENTIONS: rows, BENCH_RUNS: runs });
    const pglite = await runJsonScript('analytics bench (PGlite)', 'apps/gateway/dist/bench/analytics.bench.js', [], { BENCH_DATABASE_URL: '', BENCH_MENTIONS: rows, BENCH_RUNS: runs });
    return { postgres: pg, pglite };
  } finally {
    await postgres.stop();
  }
});

// Sentiment workers side by side: 1, then 2 in one consumer group, on the same machine.
await section('scaleOut', async () => {
  const r = await runScaleOutBench({ mentions: Number(args['scale-mentions'] ?? (quick ? 5_000 : 20_000)), workers: [1, 2] });
  return { ...r };
});

results.finishedAt = new Date().toISOString();
// Each goal with its verdict and, where not met, the limit this run's own figures show (goals.ts).
results.goals = judgeGoals(results);
const resultsFile = args.only ? `latest.${args.only}.json` : 'latest.json';
writeFileSync(join(resultsDir, resultsFile), `${JSON.stringify(results, null, 2)}\n`);
const pipeline = results.pipeline as { latencyMs?: Record<string, { p50: number; p95: number; p99: number }> } | undefined;
if (pipeline?.latencyMs) {
  // A rate that failed (ingest refused it) has no percentiles to draw.
  const points = Object.entries(pipeline.latencyMs)
    .filter(([, l]) => typeof l.p50 === 'number')
    .map(([rate, l]) => ({ rate: Number(rate), ...l }));
  writeFileSync(join(resultsDir, 'latency.svg'), latencyChartSvg(points, 'Ingest → live subscription latency (distributed mode)'));
}
printSummary(results);

function printSummary(r: Json): void {
  const get = (path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Json)[k] : undefined), r);
  const rows: [string, unknown, string][] = [
    ['sentiment.naivePerSec', get('sentiment.naivePerSec'), ''],
    ['sentiment.batchedPerSec', get('sentiment.batchedPerSec'), '≥ 0.8 × tokenizer floor'],
    ['sentiment.tokenizerFloorPerSec', get('sentiment.tokenizerFloorPerSec'), ''],
    ['sentiment.modelFloorPerSec', get('sentiment.modelFloorPerSec'), ''],
    ['pipeline.mentionsPerSec', get('pipeline.mentionsPerSec'), '≥ 5000'],
    ...(['200', '1000', '5000'] as const).map((rate): [string, unknown, string] => [
      `pipeline.latencyMs.${rate} p50/p95/p99`,
      ['p50', 'p95', 'p99'].map((p) => get(`pipeline.latencyMs.${rate}.${p}`)).join(' / '),
      rate === '1000' ? 'p50 < 50, p99 < 250' : '',
    ]),
    // Where the latency goes at each offered rate: consumer waits and handler times (stage-metrics.ts).
    ...(['200', '1000', '5000'] as const).flatMap((rate) =>
      Object.entries((get(`pipeline.latencyMs.${rate}.split`) as Record<string, { meanMs: number; p99Ms: number } | undefined> | undefined) ?? {}).map(
        ([stage, f]): [string, unknown, string] => [`  at ${rate}/s ${stage} mean/p99`, f ? `${f.meanMs} / ${f.p99Ms}` : 'n/a', ''],
      ),
    ),
    ...Object.keys((get('pipeline.cpuSecondsPer1000') as Json | undefined) ?? {}).map((p): [string, unknown, string] => [`pipeline.cpuSecondsPer1000.${p}`, get(`pipeline.cpuSecondsPer1000.${p}`), '']),
    ...Object.entries((get('pipeline.cpuProfileTop5') as Record<string, { frame: string; sharePct: number }[] | undefined> | undefined) ?? {}).flatMap(([app, top]) =>
      (top ?? []).map((f, i): [string, unknown, string] => [`pipeline.cpuProfileTop5.${app}[${i}]`, `${f.sharePct}%`, f.frame]),
    ),
    ...Object.entries((get('pipeline.cpuByComponent') as Record<string, Record<string, number> | undefined> | undefined) ?? {}).map(([app, parts]): [string, unknown, string] => [
      `pipeline.cpuByComponent.${app}`,
      '',
      Object.entries(parts ?? {})
        .slice(0, 6)
        .map(([name, pct]) => `${name} ${pct}%`)
        .join(', '),
    ]),
    ...Object.keys((get('memory') as Json | undefined) ?? {}).map((app): [string, unknown, string] => [`memory.${app}.peakRssMb`, get(`memory.${app}.peakRssMb`), '< 300']),
    // Which phase holds it: RSS / heap in use / outside the heap, MB (memory-phases.ts).
    ...Object.entries((get('memoryByPhase') as Record<string, Record<string, { peakRssMb: number; heapUsedMb: number; externalMb: number }>> | undefined) ?? {}).flatMap(([phase, byApp]) =>
      Object.entries(byApp).map(([app, m]): [string, unknown, string] => [`  ${phase} ${app} rss/heap/external MB`, `${m.peakRssMb} / ${m.heapUsedMb} / ${m.externalMb}`, '']),
    ),
    ...((get('scaleOut.runs') as { workers: number; mentionsPerSec: number; cpuSecondsPer1000: number; perWorker: { scored: number; cpuSeconds: number }[] }[] | undefined) ?? []).map(
      (run): [string, unknown, string] => [
        `scaleOut ${run.workers} worker(s) /s, cpu s/1000, per worker scored@cpu s`,
        `${run.mentionsPerSec}, ${run.cpuSecondsPer1000}, ${run.perWorker.map((w) => `${w.scored}@${w.cpuSeconds}`).join(' ')}`,
        '',
      ],
    ),
    ['scaleOut.throughputRatio', get('scaleOut.throughputRatio'), 'same cores: ≈1 when scoring is CPU-bound'],
  ];
  for (const store of ['postgres', 'pglite']) {
    const queries = get(`queries.${store}.queries`) as Json | undefined;
    if (!queries) continue;
    for (const name of Object.keys(queries ?? {})) {
      rows.push([`queries.${store}.${name} p50/p95 ms`, `${get(`queries.${store}.queries.${name}.p50Ms`)} / ${get(`queries.${store}.queries.${name}.p95Ms`)}`, store === 'postgres' ? 'p95 < 100' : '']);
    }
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nPulse benchmark (${r.mode}) — ${(r.machine as Json).cores} cores, ${(r.machine as Json).cpuModel}, commit ${String(r.commit).slice(0, 12)}`);
  for (const [key, value, goal] of rows) console.log(`  ${key.padEnd(width)}  ${String(value ?? 'n/a').padStart(18)}  ${goal}`);
  console.log('\nGoals (issue 17): met / not met / not measured in this run');
  for (const g of (r.goals as ReturnType<typeof judgeGoals> | undefined) ?? []) {
    console.log(`  ${g.met === undefined ? '·' : g.met ? '✓' : '✗'} ${g.goal}: ${g.measured}`);
    if (g.limit) console.log(`      limit: ${g.limit}`);
  }
  console.log(`\nwrote ${join(resultsDir, resultsFile)}${pipeline?.latencyMs ? ` and latency.svg` : ''}`);
}
