#!/usr/bin/env node
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLED_MODEL_DIR, TransformersSentimentModel } from '@pulse/sentiment';
import { evaluateTargets, type PairFigures, type TargetsReport } from './targets-eval.js';
import { checkDataDir, sentiruevalSplits } from './training-corpus.js';

const USAGE = `Tone toward each company on SentiRuEval-2015 dev tweets, per (tweet, company), through the app's
ScoringService (clause rules + model), beside the whole-post and marked-post figures.

Usage: npm run eval:targets -w @pulse/sentiment-training -- [--data <dir>] [--model <dir>] [--split random|etalon] [--json]

  --data    datasets directory (default: ../shared/datasets, relative to where npm was started)
  --model   model directory (default: the bundled model)
  --split   random (default): the seeded 10% dev tweets the model was not trained on; etalon: the
            time split — all of test_etalon.xml (a later period); only fair for a model trained with
            --sentirueval-dev etalon (the bundled model trains on test_etalon.xml)
  --seed    split seed (default: the model's training seed, else 42)

Protocol: SentiRuEval's, macro-F1 over positive and negative over every labelled (tweet, company)
pair (neutral predictions still count as errors); micro-F1 and accuracy beside it.
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      model: { type: 'string' },
      split: { type: 'string', default: 'random' },
      seed: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (values.split !== 'random' && values.split !== 'etalon') throw new Error(`--split is random or etalon, got ${JSON.stringify(values.split)}`);
  const cwd = process.env['INIT_CWD'] ?? process.cwd();
  const dataDir = resolve(cwd, values.data ?? '../shared/datasets');
  checkDataDir(dataDir);
  const modelDir = values.model ? resolve(cwd, values.model) : BUNDLED_MODEL_DIR;
  const configPath = join(modelDir, 'config.json');
  const trainedSeed = existsSync(configPath) ? ((JSON.parse(readFileSync(configPath, 'utf8')) as { pulse?: { seed?: number } }).pulse?.seed ?? 42) : 42;
  const seed = values.seed ? Number(values.seed) : trainedSeed;
  const model = await TransformersSentimentModel.load({ model: modelDir, cacheDir: resolve(cwd, '.pulse/models'), logger: { info: () => undefined } });
  const out: Record<string, TargetsReport> = {};
  for (const { domain, split } of sentiruevalSplits(dataDir, { seed, devFraction: 0.1, includeEtalon: true, sentiruevalDev: values.split })) {
    out[domain] = await evaluateTargets(split.dev, model);
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ model: model.ref, split: values.split, seed, report: out })}\n`);
    return;
  }
  const f = (x: PairFigures): string => `${x.macroF1PosNeg.toFixed(3)}   ${x.microF1PosNeg.toFixed(3)}   ${x.accuracy.toFixed(3)}`;
  const lines = [`model ${model.ref.id} ${model.ref.version}; SentiRuEval-2015 dev tweets (${values.split} split, seed ${seed})`];
  for (const [domain, r] of Object.entries(out)) {
    lines.push(
      `── ${domain}: ${r.tweets} tweets, ${r.pairs} (tweet, company) pairs ──`,
      `                     macroF1(pos,neg)  microF1  accuracy`,
      `whole post           ${f(r.wholePost)}`,
      `marked post          ${f(r.markedPost)}`,
      `rules + model        ${f(r.targeted)}`,
      `decided by: ${Object.entries(r.rules).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`eval-targets: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
