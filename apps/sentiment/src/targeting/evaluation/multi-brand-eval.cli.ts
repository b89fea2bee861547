#!/usr/bin/env node
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SentimentModel } from '../../model/sentiment-model.port.js';
import { BUNDLED_MODEL_DIR, TransformersSentimentModel } from '../../model/transformers-sentiment.model.js';
import { benchTargeting, markedPostPredictions, scoreSet } from './multi-brand-predictions.js';
import { CONSTRUCTIONS, MULTI_BRAND_SPLITS, loadMultiBrandSet } from './multi-brand-set.js';
import { evaluateTone, type ToneEvaluation } from './tone-evaluation.js';

const USAGE = `Tone toward each brand on the labeled multi-brand set, per split and construction.

Usage: node apps/sentiment/dist/targeting/evaluation/multi-brand-eval.cli.js [--model <dir>] [--unmarked] [--errors] [--json] [--bench]

Columns: "targeted" is sentiment.byTopic from the app's ScoringService (rules + model);
"marked" the whole post read once per brand with [BRAND]/[OTHER] markers (targeting before
rules); "whole" every brand given the post's overall tone. Errors are listed for the dev split
(tuned on); --errors lists the test split's too. --bench times the set's multi-brand posts through
the ScoringService against the marked-whole-post targeting, rounds interleaved so a busy machine
slows both alike.
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string' },
      errors: { type: 'boolean', default: false },
      unmarked: { type: 'boolean', default: false },
      bench: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const cwd = process.env['INIT_CWD'] ?? process.cwd();
  const dir = values.model ? resolve(cwd, values.model) : BUNDLED_MODEL_DIR;
  const loaded = await TransformersSentimentModel.load({ model: dir, cacheDir: '.pulse/models', logger: { info: () => undefined } });
  // --unmarked: clauses read as written, as for a model not trained on [BRAND]/[OTHER].
  const model: SentimentModel = values.unmarked ? { ref: loaded.ref, targeted: false, classify: (texts) => loaded.classify(texts) } : loaded;
  const samples = loadMultiBrandSet();
  if (values.bench) {
    const rates = await benchTargeting(samples.filter((s) => s.brands.length > 1), model);
    process.stdout.write(`multi-brand posts through ScoringService, mentions/s over ${rates.rounds} interleaved rounds (best / median):\n`);
    for (const [name, r] of Object.entries(rates.figures)) process.stdout.write(`  ${name.padEnd(28)} ${Math.round(r.best)} / ${Math.round(r.median)}\n`);
    return;
  }
  const scored = await scoreSet(samples, model);
  const marked = await markedPostPredictions(samples, model);
  const report: Record<string, Record<string, ToneEvaluation>> = {};
  for (const split of MULTI_BRAND_SPLITS) {
    const part = samples.filter((s) => s.split === split);
    report[split] = {
      targeted: evaluateTone(part, scored.targeted),
      marked: evaluateTone(part, marked),
      whole: evaluateTone(part, scored.wholePost),
    };
  }
  if (values.json) {
    const slim = Object.fromEntries(
      Object.entries(report).map(([split, r]) => [split, Object.fromEntries(Object.entries(r).map(([k, e]) => [k, { ...e, errors: e.errors.length }]))]),
    );
    process.stdout.write(`${JSON.stringify({ model: model.ref, scoringSeconds: scored.seconds, report: slim })}\n`);
    return;
  }
  const pct = (x: number | undefined): string => (x === undefined ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
  const out: string[] = [`model ${model.ref.id} ${model.ref.version}; ${samples.length} posts; ScoringService ${scored.seconds.toFixed(2)} s for the set`];
  for (const split of MULTI_BRAND_SPLITS) {
    const r = report[split] as Record<'targeted' | 'marked' | 'whole', ToneEvaluation>;
    out.push(
      `── ${split}: ${r.targeted.pairs} brand–tone pairs ──`,
      `                 targeted  marked   whole`,
      `accuracy         ${pct(r.targeted.accuracy)}  ${pct(r.marked.accuracy)}  ${pct(r.whole.accuracy)}`,
      `macro-F1 (3)     ${r.targeted.macroF1.toFixed(3).padStart(6)}   ${r.marked.macroF1.toFixed(3).padStart(6)}   ${r.whole.macroF1.toFixed(3).padStart(6)}`,
      `macro-F1 (pos,neg) ${r.targeted.macroF1PosNeg.toFixed(3).padStart(4)}   ${r.marked.macroF1PosNeg.toFixed(3).padStart(6)}   ${r.whole.macroF1PosNeg.toFixed(3).padStart(6)}`,
      `per construction (pairs)`,
      ...CONSTRUCTIONS.filter((c) => r.targeted.byConstruction[c]).map(
        (c) =>
          `  ${`${c} (${r.targeted.byConstruction[c]?.pairs})`.padEnd(15)}${pct(r.targeted.byConstruction[c]?.accuracy)}  ${pct(r.marked.byConstruction[c]?.accuracy)}  ${pct(r.whole.byConstruction[c]?.accuracy)}`,
      ),
      `per language`,
      ...Object.keys(r.targeted.byLanguage).map(
        (l) => `  ${`${l} (${r.targeted.byLanguage[l]?.pairs})`.padEnd(15)}${pct(r.targeted.byLanguage[l]?.accuracy)}  ${pct(r.marked.byLanguage[l]?.accuracy)}  ${pct(r.whole.byLanguage[l]?.accuracy)}`,
      ),
    );
    const list = split === 'dev' || values.errors;
    out.push(`targeted errors (${r.targeted.errors.length})${list ? ':' : ', not listed: a measured split (--errors lists them)'}`);
    if (list) for (const e of r.targeted.errors) out.push(`  ${e.id} ${e.topicId}: ${e.expected} → ${e.predicted} (${e.rule ?? 'no rule'})  «${e.text}»`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`multi-brand-eval: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
