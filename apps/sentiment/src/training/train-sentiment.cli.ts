#!/usr/bin/env node
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dedupeByText, splitTrainDev } from './dataset-split.js';
import { loadRuSentNe } from './datasets/rusentne.loader.js';
import { loadRuSentiTweet } from './datasets/rusentitweet.loader.js';
import { loadSemEvalDevtest } from './datasets/semeval-devtest.loader.js';
import { loadSentiRuEval } from './datasets/sentirueval.loader.js';
import { loadTweetEval } from './datasets/tweeteval.loader.js';
import { type SourceReport, evaluateSource } from './evaluation.js';
import { type FastTextModel, argmax, dequantizedModel, predictCorpus, predictLogits, trainFastText } from './fasttext.trainer.js';
import { writeModelCard } from './model-card.writer.js';
import { ONNX_FILE, writeModelFiles, writeTokenizerFiles } from './model-directory.writer.js';
import { Prng, deriveSeed } from './prng.js';
import { LABELS, type LoadResult, type Sample } from './sample.js';
import { TokenCorpus } from './token-corpus.js';
import { CLS_ID, SEP_ID, UNK_ID } from './tokenizer-spec.js';
import { encodeForModel, loadClassifier, loadTokenizer } from './transformers-runtime.js';
import { buildWordPieceVocab } from './wordpiece-vocab.builder.js';

const USAGE = `Train Pulse's bundled sentiment model (fastText-style word-piece classifier, ONNX for transformers.js).

Usage: npm run train --workspace @pulse/sentiment -- [options]

  --data <dir>      labeled datasets directory (default: ../shared/datasets; relative paths are
                    resolved from the directory npm was started in, else the cwd)
  --out <dir>       model directory to write (default: apps/sentiment/models/pulse-sentiment-v1)
  --seed <n>        seed for split, init and batch order (default 42)
  --epochs <n>      training epochs (default 4; dev scores peak at 3-4, later epochs overfit)
  --dim <n>         embedding size (default 64)
  --hidden <n>      hidden layer size, 0 for none (default 64)
  --vocab <n>       word-piece vocabulary size (default 30000)
  --lr <x>          Adam learning rate (default 0.003)
  --batch <n>       mini-batch size (default 32)
  --dropout <x>     token dropout probability (default 0.1)
  --class-weight <x> exponent of per-dataset inverse class frequency weights (default 0.5)
  --dev-fraction <x> share of each dataset held out as dev (default 0.1)
  --no-etalon       do not train on SentiRuEval-2015 test_etalon.xml files
  --quick           small smoke run: 1500 samples per dataset, 2 epochs, 8000 word pieces
  --help            show this text
`;

function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

function num(v: string | undefined, fallback: number, name: string): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} expects a number, got ${JSON.stringify(v)}`);
  return n;
}

const fmt = (x: number): string => x.toFixed(3);

interface Split {
  source: string;
  train: Sample[];
  dev: Sample[];
}

function summarizeLoad(name: string, r: LoadResult): void {
  log(`  ${name}: ${r.samples.length} samples, ${r.skipped} rows skipped`);
  for (const m of r.messages) log(`    ${m}`);
}

function bySource(samples: Sample[]): Map<string, Sample[]> {
  const m = new Map<string, Sample[]>();
  for (const s of samples) {
    const list = m.get(s.source) ?? [];
    list.push(s);
    m.set(s.source, list);
  }
  return m;
}

function subsample(samples: Sample[], n: number, seed: number, salt: string): Sample[] {
  if (samples.length <= n) return samples;
  return new Prng(deriveSeed(seed, `quick:${salt}`)).shuffle([...samples]).slice(0, n);
}

function printReports(title: string, reports: SourceReport[]): void {
  log(title);
  for (const r of reports) {
    log(
      `  ${r.source.padEnd(20)} n=${String(r.n).padStart(5)}  ${r.metric}: ${fmt(r.score)}  (majority ${fmt(r.baseline)})  acc ${fmt(r.extra['accuracy'] ?? 0)}  macroF1-3 ${fmt(r.extra['macroF1_3class'] ?? 0)}`,
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      epochs: { type: 'string' },
      dim: { type: 'string' },
      hidden: { type: 'string' },
      vocab: { type: 'string' },
      lr: { type: 'string' },
      batch: { type: 'string' },
      dropout: { type: 'string' },
      'class-weight': { type: 'string' },
      'dev-fraction': { type: 'string' },
      'no-etalon': { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const quick = values.quick ?? false;
  // npm runs workspace scripts inside the package; INIT_CWD is where the user typed the command,
  // which is what relative paths on the command line mean.
  const cwd = process.env['INIT_CWD'] ?? process.cwd();
  const dataDir = resolve(cwd, values.data ?? '../shared/datasets');
  const outDir = values.out ? resolve(cwd, values.out) : fileURLToPath(new URL('../../models/pulse-sentiment-v1', import.meta.url));
  const seed = num(values.seed, 42, 'seed');
  const epochs = num(values.epochs, quick ? 2 : 4, 'epochs');
  const dim = num(values.dim, 64, 'dim');
  const hidden = num(values.hidden, 64, 'hidden');
  const vocabSize = num(values.vocab, quick ? 8000 : 30000, 'vocab');
  const lr = num(values.lr, 0.003, 'lr');
  const batchSize = num(values.batch, 32, 'batch');
  const dropout = num(values.dropout, 0.1, 'dropout');
  const classWeightPower = num(values['class-weight'], 0.5, 'class-weight');
  const devFraction = num(values['dev-fraction'], 0.1, 'dev-fraction');
  const includeEtalon = !(values['no-etalon'] ?? false);

  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    throw new Error(`data directory ${dataDir} does not exist; pass --data <dir> (the labeled datasets, see its README.md)`);
  }
  const expected = ['sentirueval-2015', 'rusentitweet', 'rusentne-2023', 'tweeteval', 'semeval-2016devtest'];
  const missing = expected.filter((d) => !existsSync(join(dataDir, d)));
  if (missing.length > 0) throw new Error(`data directory ${dataDir} lacks ${missing.join(', ')}; is --data pointing at the datasets root?`);

  const t0 = Date.now();
  log(`Loading datasets from ${dataDir}`);
  const sre = loadSentiRuEval(dataDir, { includeEtalon });
  summarizeLoad('sentirueval-2015', sre);
  const rst = loadRuSentiTweet(dataDir);
  summarizeLoad('rusentitweet', rst);
  const rne = loadRuSentNe(dataDir);
  summarizeLoad('rusentne-2023', rne);
  const te = loadTweetEval(dataDir);
  summarizeLoad('tweeteval train', te.train);
  summarizeLoad('tweeteval val', te.val);
  const sem = loadSemEvalDevtest(dataDir);
  summarizeLoad('semeval-2016devtest', sem);

  const splits: Split[] = [];
  const pools = new Map<string, Sample[]>([...bySource(sre.samples), ...bySource(rst.samples), ...bySource(rne.samples), ...bySource(sem.samples)]);
  for (const [source, samples] of pools) {
    const d = dedupeByText(samples);
    const pool = quick ? subsample(d.samples, 1500, seed, source) : d.samples;
    const { train, dev } = splitTrainDev(pool, devFraction, seed, source);
    splits.push({ source, train, dev });
    log(`  ${source}: ${d.removed} duplicate texts removed; train ${train.length}, dev ${dev.length}`);
  }
  {
    // TweetEval ships an official val split: use it as dev rather than carving our own.
    const d = dedupeByText(te.train.samples);
    const valKeys = new Set(dedupeByText(te.val.samples).samples.map((s) => s.text));
    const train = (quick ? subsample(d.samples, 1500, seed, 'tweeteval') : d.samples).filter((s) => !valKeys.has(s.text));
    const dev = quick ? subsample(te.val.samples, 300, seed, 'tweeteval-val') : te.val.samples;
    splits.push({ source: 'tweeteval', train, dev });
    log(`  tweeteval: ${d.removed} duplicate texts removed; train ${train.length}, dev (official val) ${dev.length}`);
  }

  const train = splits.flatMap((s) => s.train);
  const dev = splits.flatMap((s) => s.dev);
  const all = [...train, ...dev];
  log(`Total: train ${train.length}, dev ${dev.length}`);

  log(`Building word-piece vocabulary (target ${vocabSize}) from training texts`);
  const { vocab, stats } = buildWordPieceVocab(
    train.map((s) => s.text),
    { size: vocabSize },
  );
  log(`  ${vocab.length} entries: ${stats.words} words, ${stats.prefixes} word starts, ${stats.suffixes} ##endings, ${stats.chars} characters (${stats.distinctWordsSeen} distinct words seen)`);
  // A stale ONNX file next to a new vocabulary would be a silently broken model.
  rmSync(join(outDir, ONNX_FILE), { force: true });
  writeTokenizerFiles(outDir, vocab);

  log('Tokenizing with @xenova/transformers AutoTokenizer loaded from the written directory');
  const tokenizer = await loadTokenizer(outDir);
  const seqs: number[][] = [];
  let unk = 0;
  let tokens = 0;
  const tTok = Date.now();
  for (let i = 0; i < all.length; i++) {
    const ids = encodeForModel(tokenizer, (all[i] as Sample).text);
    for (const id of ids) if (id === UNK_ID) unk++;
    tokens += ids.length;
    seqs.push(ids);
    if ((i + 1) % 10000 === 0 || i + 1 === all.length) log(`  tokenized ${i + 1}/${all.length} (${((Date.now() - tTok) / 1000).toFixed(1)}s)`);
  }
  log(`  ${(tokens / all.length).toFixed(1)} ids per text on average, [UNK] rate ${((100 * unk) / tokens).toFixed(2)}%`);
  const corpus = TokenCorpus.fromArrays(seqs);
  const labels = Uint8Array.from(all.map((s) => s.label));

  // Class weights per source: each dataset has its own label skew (SentiRuEval is mostly neutral),
  // and the protocols reward the minority classes.
  const weights = new Float32Array(all.length);
  const trainIdx: number[] = [];
  const devIdxBySource = new Map<string, number[]>();
  {
    let offset = 0;
    const trainOffsets = new Map<string, number>();
    for (const s of splits) {
      trainOffsets.set(s.source, offset);
      offset += s.train.length;
    }
    for (const s of splits) {
      const counts = [0, 0, 0];
      for (const x of s.train) counts[x.label] = (counts[x.label] ?? 0) + 1;
      const start = trainOffsets.get(s.source) ?? 0;
      s.train.forEach((x, k) => {
        const c = counts[x.label] ?? 1;
        weights[start + k] = Math.pow(s.train.length / (3 * c), classWeightPower);
        trainIdx.push(start + k);
      });
    }
    for (const s of splits) {
      devIdxBySource.set(s.source, s.dev.map((_, k) => offset + k));
      offset += s.dev.length;
    }
  }

  const evaluate = (model: FastTextModel): SourceReport[] =>
    splits.map((s) => {
      const idx = devIdxBySource.get(s.source) ?? [];
      const pred = Array.from(predictCorpus(model, corpus, idx));
      return evaluateSource(s.source, s.dev, pred, s.train.map((x) => x.label));
    });

  log(`Training: dim ${dim}, hidden ${hidden}, epochs ${epochs}, batch ${batchSize}, lr ${lr}, token dropout ${dropout}, seed ${seed}`);
  const tTrain = Date.now();
  const model = trainFastText(
    corpus,
    labels,
    weights,
    trainIdx,
    vocab.length,
    { epochs, dim, hidden, batchSize, learningRate: lr, tokenDropout: dropout, seed, specialIds: [CLS_ID, SEP_ID] },
    (r, m) => {
      const reports = evaluate(m);
      log(
        `  epoch ${r.epoch}/${epochs} loss ${r.loss.toFixed(4)} (${r.seconds.toFixed(1)}s)  dev: ${reports.map((x) => `${x.source} ${fmt(x.score)}`).join('  ')}`,
      );
    },
  );
  const trainSeconds = (Date.now() - tTrain) / 1000;

  const shipped = dequantizedModel(model);
  const reports = evaluate(shipped);
  printReports('Dev figures of the int8 model (what the ONNX file computes), vs majority baseline:', reports);

  const trainedAt = new Date().toISOString();
  const dataSummary = splits.map((s) => ({ source: s.source, train: s.train.length, dev: s.dev.length }));
  const devFigures = Object.fromEntries(reports.map((r) => [r.source, { metric: r.metric, score: +r.score.toFixed(4), majority_baseline: +r.baseline.toFixed(4), n: r.n }]));
  const onnxBytes = writeModelFiles(outDir, model, {
    version: '1.0.0',
    name: 'pulse-sentiment-v1',
    architecture: `mean of int8 word-piece embeddings (dim ${dim}) -> ${hidden > 0 ? `ReLU(${hidden}) -> ` : ''}3 logits`,
    trained_at: trainedAt,
    seed,
    epochs,
    vocab_size: vocab.length,
    training_data: dataSummary,
    sentirueval_test_etalon_in_training: includeEtalon,
    dev_figures: devFigures,
    quick,
  });
  log(`Wrote ${outDir} (onnx ${(onnxBytes / 1e6).toFixed(2)} MB)`);

  log('Verifying through @xenova/transformers pipeline("text-classification", ..., { quantized: true })');
  const classify = await loadClassifier(outDir);
  const devTexts = dev.map((s) => s.text);
  const devIdx = splits.flatMap((s) => devIdxBySource.get(s.source) ?? []);
  const tsPred = predictCorpus(shipped, corpus, devIdx);
  const pipePred: number[] = [];
  const tPipe = Date.now();
  for (let i = 0; i < devTexts.length; i += 64) {
    const out = (await classify(devTexts.slice(i, i + 64))) as { label: string }[];
    for (const o of out) pipePred.push((LABELS as readonly string[]).indexOf(o.label));
  }
  const pipeSeconds = (Date.now() - tPipe) / 1000;
  let agree = 0;
  pipePred.forEach((p, i) => {
    if (p === tsPred[i]) agree++;
  });
  const agreement = agree / Math.max(devTexts.length, 1);
  const throughput = devTexts.length / Math.max(pipeSeconds, 1e-9);
  log(`  argmax agreement with the TypeScript forward pass: ${(100 * agreement).toFixed(2)}% (${agree}/${devTexts.length})`);
  log(`  throughput: ${throughput.toFixed(0)} texts/s (batches of 64, ${devTexts.length} dev texts in ${pipeSeconds.toFixed(1)}s)`);

  const examples = [
    'МТС, третий день нет интернета, ужас',
    'Спасибо Сберу, быстро решили вопрос',
    'Билайн опять списал деньги за непонятную подписку',
    'Завтра в офисе Тинькофф презентация новой карты',
    'Great service from the support team, fixed my issue in minutes!',
    'My flight got cancelled again and nobody answers the phone. Terrible.',
    'The new store opens on Monday at 9am.',
  ];
  const exampleOut: { text: string; label: string; score: number }[] = [];
  for (const text of examples) {
    const [top] = (await classify(text)) as { label: string; score: number }[];
    const ref = LABELS[argmax(predictLogits(shipped, encodeForModel(tokenizer, text)))];
    exampleOut.push({ text, label: top?.label ?? '?', score: top?.score ?? 0 });
    log(`  ${(top?.label ?? '?').padEnd(8)} ${(top?.score ?? 0).toFixed(3)}  ${text}${ref !== top?.label ? '  (TS forward disagrees!)' : ''}`);
  }

  const totalBytes = readdirSync(outDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((s, e) => s + statSync(join(e.parentPath, e.name)).size, 0);
  const totalSeconds = (Date.now() - t0) / 1000;
  writeModelCard(outDir, {
    trainedAt,
    seed,
    epochs,
    dim,
    hidden,
    vocabSize: vocab.length,
    includeEtalon,
    quick,
    splits: dataSummary,
    reports,
    agreement,
    throughput,
    examples: exampleOut,
    trainSeconds,
    totalSeconds,
    unkRate: unk / tokens,
    optimizer: `batch ${batchSize}, lr ${lr}, token dropout ${dropout}, per-dataset class weights (inverse frequency)^${classWeightPower}`,
    command: `npm run train --workspace @pulse/sentiment -- ${process.argv.slice(2).join(' ')}`.trim(),
  });
  log(`Model directory: ${(totalBytes / 1e6).toFixed(2)} MB total; training ${trainSeconds.toFixed(0)}s, whole run ${totalSeconds.toFixed(0)}s`);
  if (agreement < 0.99) {
    throw new Error(`transformers.js predictions agree with the trainer on only ${(100 * agreement).toFixed(2)}% of dev texts (< 99%)`);
  }
}

main().catch((err: unknown) => {
  log(`train-sentiment: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
