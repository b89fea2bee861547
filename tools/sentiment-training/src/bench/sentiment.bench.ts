#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { RawMention } from '@pulse/contracts';
import { BUNDLED_MODEL_DIR, PULSE_SENTIMENT_BIN, ScoringService, TransformersSentimentModel, prepareSocialInput, runClassify } from '@pulse/sentiment';
import { loadFixtureTexts } from '../fixtures/fixture-texts.js';
import { loadClassifier } from '../transformers-runtime.js';

const USAGE = `Throughput of the sentiment model on this machine (texts per second).

Usage: npm run bench:sentiment -- [--model <dir>] [--data <dir>] [--n <texts>] [--batch <n>] [--rounds <n>] [--quick] [--json]

Texts come from the datasets directory when it exists (RuSentiTweet and TweetEval val, default
../shared/datasets), else from the test fixtures. Prints, best of --rounds, texts per second and
CPU milliseconds per 1,000 texts (this process, all threads):
  naive          one classify() call per text (what not to do)
  batched        classify() in batches of --batch: normalization, tokenizer, model, output
  tokenizer      transformers.js' tokenizer call alone on normalized batches (padding, truncation,
                 tensors), as the text-classification pipeline makes it: the floor batched is held to
  model          the ONNX model alone on pre-tokenized batches (transformers.js' session)
  scoring        the app's ScoringService on raw mentions (a third matching two topics)
  cli            pulse-sentiment classify's JSONL loop in this process, parsing and serialization
                 included (warm, no process start-up, no stdin/stdout)
  cli-process    the real command, bin/pulse-sentiment.js classify < file > file, as it reports
                 itself: from the end of model loading to the last line written (cold process)
  cli-wall       the same runs timed from spawn to exit: node start-up and model loading included
`;

interface CliRun {
  wallSeconds: number;
  textsPerSecond: number;
  loadSeconds: number;
}

/** One `pulse-sentiment classify < input > output` in its own process, as a user runs it. */
function runCliProcess(model: string, input: string, output: string): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const stdin = openSync(input, 'r');
    const stdout = openSync(output, 'w');
    const t0 = performance.now();
    const child = spawn(process.execPath, [PULSE_SENTIMENT_BIN, 'classify', '--model', model], { stdio: [stdin, stdout, 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallSeconds = (performance.now() - t0) / 1000;
      closeSync(stdin);
      closeSync(stdout);
      const done = /done (\{.*\})\s*$/.exec(stderr);
      if (code !== 0 || !done) return reject(new Error(`pulse-sentiment classify exited ${code}: ${stderr.slice(-500)}`));
      const stats = JSON.parse(done[1] as string) as { textsPerSecond: number; loadSeconds: number };
      resolvePromise({ wallSeconds, textsPerSecond: stats.textsPerSecond, loadSeconds: stats.loadSeconds });
    });
  });
}

interface Options {
  model: string;
  n: number;
  batch: number;
  rounds: number;
}

function benchTexts(dataDir: string, n: number): { texts: string[]; origin: string } {
  const rst = join(dataDir, 'rusentitweet', 'rusentitweet_train.csv');
  const te = join(dataDir, 'tweeteval', 'val_text.txt');
  let texts: string[] = [];
  let origin = 'test fixtures';
  if (existsSync(rst) && existsSync(te)) {
    // First field of each CSV row is enough for a benchmark; quoting oddities do not matter here.
    const ru = readFileSync(rst, 'utf8').split('\n').slice(1).map((l) => l.replace(/,(positive|negative|neutral|skip|speech),\d+$/, ''));
    const en = readFileSync(te, 'utf8').split('\n');
    texts = [...ru, ...en].filter((t) => t.trim().length > 0);
    origin = `${dataDir} (RuSentiTweet + TweetEval val)`;
  } else {
    texts = loadFixtureTexts();
  }
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) out.push(texts[i % texts.length] as string);
  return { texts: out, origin };
}

interface Measured {
  /** Texts per second of the fastest round. */
  rate: number;
  /** CPU milliseconds per 1,000 texts of the cheapest round: this process, every thread (ONNX Runtime's too). */
  cpuMsPer1000: number;
}

/** Best of `rounds`: on a shared machine the least disturbed round is the closest to the code's own cost. */
async function measure(rounds: number, n: number, run: () => Promise<void>): Promise<Measured> {
  let rate = 0;
  let cpuMsPer1000 = Infinity;
  for (let r = 0; r < rounds; r++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await run();
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    rate = Math.max(rate, n / seconds);
    cpuMsPer1000 = Math.min(cpuMsPer1000, ((cpu.user + cpu.system) / 1000 / n) * 1000);
  }
  return { rate, cpuMsPer1000 };
}

type Tokenize = (texts: string[], o: { padding: boolean; truncation: boolean }) => unknown;
type PipelineInternals = { tokenizer: Tokenize; model: (inputs: unknown) => Promise<unknown> };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string' },
      data: { type: 'string' },
      n: { type: 'string' },
      batch: { type: 'string' },
      rounds: { type: 'string' },
      json: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const cwd = process.env['INIT_CWD'] ?? process.cwd();
  const opts: Options = {
    model: values.model ? resolve(cwd, values.model) : BUNDLED_MODEL_DIR,
    n: Number(values.n ?? (values.quick ? 5000 : 20000)),
    batch: Number(values.batch ?? 256),
    rounds: Number(values.rounds ?? (values.quick ? 1 : 3)),
  };
  const { texts, origin } = benchTexts(resolve(cwd, values.data ?? '../shared/datasets'), opts.n);
  const model = await TransformersSentimentModel.load({ model: opts.model, cacheDir: '.pulse/models', maxBatch: opts.batch, logger: { info: () => undefined } });
  const pipe = (await loadClassifier(opts.model)) as unknown as PipelineInternals;
  const batches: string[][] = [];
  for (let i = 0; i < texts.length; i += opts.batch) batches.push(texts.slice(i, i + opts.batch));
  const prepared = batches.map((b) => b.map(prepareSocialInput));
  const avgChars = texts.reduce((s, t) => s + t.length, 0) / texts.length;
  process.stdout.write(`model ${model.ref.id} ${model.ref.version}; ${texts.length} texts (avg ${avgChars.toFixed(0)} chars) from ${origin}; batch ${opts.batch}; best of ${opts.rounds}\n`);

  const rates: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  const row = (name: string, m: Measured | number, note = ''): void => {
    const { rate, cpuMsPer1000 } = typeof m === 'number' ? { rate: m, cpuMsPer1000: undefined } : m;
    rates[name] = Math.round(rate);
    if (cpuMsPer1000 !== undefined) cpu[name] = Math.round(cpuMsPer1000);
    const cpuNote = cpuMsPer1000 === undefined ? ''.padStart(17) : `${Math.round(cpuMsPer1000).toString().padStart(5)} ms CPU/1k`;
    process.stdout.write(`  ${name.padEnd(11)} ${Math.round(rate).toString().padStart(8)} texts/s ${cpuNote}  ${note}\n`);
  };

  const naiveN = Math.min(2000, texts.length);
  row('naive', await measure(opts.rounds, naiveN, async () => {
    for (let i = 0; i < naiveN; i++) await model.classify([texts[i] as string]);
  }), `(${naiveN} texts, one call each)`);

  row('batched', await measure(opts.rounds, texts.length, async () => {
    for (const b of batches) await model.classify(b);
  }));

  row('tokenizer', await measure(opts.rounds, texts.length, async () => {
    for (const b of prepared) pipe.tokenizer(b, { padding: true, truncation: true });
  }), '(normalized input)');

  const tokenized = prepared.map((b) => pipe.tokenizer(b, { padding: true, truncation: true }));
  row('model', await measure(opts.rounds, texts.length, async () => {
    for (const inputs of tokenized) await pipe.model(inputs);
  }), '(pre-tokenized)');

  const mentions: RawMention[] = texts.map((text, i) => ({
    id: `bench:${i}`,
    source: 'demo',
    sourceId: String(i),
    url: null,
    text,
    language: 'und',
    author: { id: 'a', handle: 'a', name: 'A', url: null },
    publishedAt: '2026-11-20T10:00:00.000Z',
    collectedAt: '2026-11-20T10:00:00.000Z',
    topicIds: i % 3 === 0 ? ['mts', 'beeline'] : ['mts'],
    matches: i % 3 === 0 ? [{ topicId: 'mts', terms: ['МТС'] }, { topicId: 'beeline', terms: ['Билайн'] }] : [{ topicId: 'mts', terms: ['МТС'] }],
    direct: false,
    duplicateOf: null,
    spam: { score: 0, reasons: [] },
  }));
  const scoring = new ScoringService(model);
  row('scoring', await measure(opts.rounds, mentions.length, async () => {
    for (let i = 0; i < mentions.length; i += opts.batch) await scoring.score(mentions.slice(i, i + opts.batch));
  }), `(mentions/s; ${model.targeted ? 'a third scored for 2 topics too' : 'model not targeted'}, language detection included)`);

  const jsonl = texts.map((text, i) => `${JSON.stringify({ id: i, text })}\n`).join('');
  row('cli', await measure(opts.rounds, texts.length, async () => {
    const sink = new Writable({ write: (_c, _e, cb) => cb() });
    await runClassify(Readable.from([jsonl]), sink, model, { batchSize: 512 });
  }), '(JSONL in, JSONL out, in-process, warm)');

  // The command itself, cold, as users run it: what the figures above leave out shows here.
  let cliStartupSeconds: number | undefined;
  const tmp = mkdtempSync(join(tmpdir(), 'pulse-bench-cli-'));
  try {
    const input = join(tmp, 'in.jsonl');
    writeFileSync(input, jsonl);
    const runs: CliRun[] = [];
    for (let r = 0; r < opts.rounds; r++) runs.push(await runCliProcess(opts.model, input, join(tmp, 'out.jsonl')));
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const walls = runs.map((r) => texts.length / r.wallSeconds);
    const startup = Math.min(...runs.map((r) => r.wallSeconds - texts.length / r.textsPerSecond));
    row('cli-process', Math.max(...runs.map((r) => r.textsPerSecond)), `(median ${Math.round(median(runs.map((r) => r.textsPerSecond)))}; stdin file -> stdout file, after model loading)`);
    row('cli-wall', Math.max(...walls), `(median ${Math.round(median(walls))}; start-up included: ${startup.toFixed(2)} s node start and model loading)`);
    cliStartupSeconds = +startup.toFixed(2);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  if (values.json) {
    // The last line is for `npm run bench`, which collects every stage's figures into one file.
    const summary = {
      model: model.ref,
      texts: texts.length,
      textSource: origin,
      batch: opts.batch,
      naivePerSec: rates['naive'],
      batchedPerSec: rates['batched'],
      tokenizerFloorPerSec: rates['tokenizer'],
      batchedToTokenizerFloor: +((rates['batched'] ?? 0) / (rates['tokenizer'] ?? 1)).toFixed(2),
      modelFloorPerSec: rates['model'],
      scoringMentionsPerSec: rates['scoring'],
      cliPerSec: rates['cli'],
      cliProcessPerSec: rates['cli-process'],
      cliWallPerSec: rates['cli-wall'],
      cliStartupSeconds,
      cpuMsPer1000: cpu,
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench-sentiment: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
