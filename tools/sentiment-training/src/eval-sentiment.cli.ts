#!/usr/bin/env node
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLED_MODEL_DIR, TransformersSentimentModel, parseLabelMap } from '@pulse/sentiment';
import { renderConfusionSvg } from './confusion-matrix.svg.js';
import { type DevReport, evaluateDevSet, formatReport } from './evaluation.js';
import { buildTrainingCorpus } from './training-corpus.js';

const USAGE = `Dev figures of a sentiment model through the app's model class, with the datasets README protocols.

Usage: npm run eval:sentiment -- [options]

  --data <dir>       labeled datasets directory (default: ../shared/datasets, relative to where npm was started)
  --model <dir|id>   model to evaluate (default: the bundled model)
  --report <dir>     where to write report.md, report.json and confusion-matrix SVGs (default: .pulse/sentiment-eval)
  --seed <n>         split seed (default: the model's training seed from config.json, else 42)
  --dev-fraction <x> (default 0.1, as in training)
  --label-map <map>  for models with unnamed labels
  --help
`;

const log = (m: string): void => void process.stderr.write(`${m}\n`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      model: { type: 'string' },
      report: { type: 'string' },
      seed: { type: 'string' },
      'dev-fraction': { type: 'string' },
      'label-map': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const cwd = process.env['INIT_CWD'] ?? process.cwd();
  const dataDir = resolve(cwd, values.data ?? '../shared/datasets');
  const modelRef = values.model ? (existsSync(resolve(cwd, values.model)) ? resolve(cwd, values.model) : values.model) : BUNDLED_MODEL_DIR;
  const reportDir = resolve(cwd, values.report ?? '.pulse/sentiment-eval');
  let trainedSeed = 42;
  const configPath = join(modelRef, 'config.json');
  if (existsSync(configPath)) trainedSeed = (JSON.parse(readFileSync(configPath, 'utf8')) as { pulse?: { seed?: number } }).pulse?.seed ?? 42;
  const seed = values.seed ? Number(values.seed) : trainedSeed;
  const devFraction = values['dev-fraction'] ? Number(values['dev-fraction']) : 0.1;

  log(`Loading dev sets from ${dataDir} (seed ${seed}, dev fraction ${devFraction})`);
  const corpus = buildTrainingCorpus(dataDir, { seed, devFraction, includeEtalon: true });
  const model = await TransformersSentimentModel.load({
    model: modelRef,
    cacheDir: resolve(cwd, '.pulse/models'),
    labelOverrides: parseLabelMap(values['label-map'] ?? ''),
    maxBatch: 256,
    logger: { info: (fields, message) => log(`  ${message} ${JSON.stringify(fields)}`) },
  });
  if (!model.targeted) log('  the model is not trained for [BRAND] marking: the /targeted rows show what it makes of marked text');

  const reports: DevReport[] = [];
  const started = Date.now();
  for (const set of corpus.dev) {
    const pred: number[] = [];
    for (let i = 0; i < set.units.length; i += 256) {
      const scores = await model.classify(set.units.slice(i, i + 256).map((u) => u.text));
      for (const s of scores) pred.push(s.negative >= s.neutral && s.negative >= s.positive ? 0 : s.neutral >= s.positive ? 1 : 2);
    }
    const r = evaluateDevSet(set, pred);
    reports.push(r);
    log(`  ${formatReport(r)}`);
  }
  const seconds = (Date.now() - started) / 1000;

  mkdirSync(reportDir, { recursive: true });
  const file = (name: string): string => `confusion-${name.replace(/[^a-z0-9-]+/gi, '-')}.svg`;
  for (const r of reports) writeFileSync(join(reportDir, file(r.name)), renderConfusionSvg(`${r.name}: ${r.metric} ${r.score.toFixed(3)}`, r.confusion));
  const md = [
    `# Sentiment dev report: ${model.ref.id} ${model.ref.version}`,
    '',
    `Data: ${dataDir}; split seed ${seed}, dev fraction ${devFraction}; ${new Date().toISOString()}; ${seconds.toFixed(1)} s.`,
    '',
    '| dev set | inputs | gold labels | protocol | score | accuracy | macro-F1 (3 cl.) | micro-F1 (pos+neg) |',
    '|---|---|---|---|---|---|---|---|',
    ...reports.map((r) => `| ${r.name} | ${r.n} | ${r.pairs} | ${r.metric} | **${r.score.toFixed(3)}** | ${r.accuracy.toFixed(3)} | ${r.macroF1_3class.toFixed(3)} | ${r.microF1_posneg.toFixed(3)} |`),
    '',
    ...reports.flatMap((r) => [`## ${r.name}`, '', r.note, '', `![confusion matrix](${file(r.name)})`, '']),
  ].join('\n');
  writeFileSync(join(reportDir, 'report.md'), md);
  writeFileSync(join(reportDir, 'report.json'), `${JSON.stringify({ model: model.ref, seed, devFraction, reports }, null, 2)}\n`);
  log(`Report: ${join(reportDir, 'report.md')} (+ ${reports.length} SVG confusion matrices)`);
}

main().catch((err: unknown) => {
  log(`eval-sentiment: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
