import { INTENTS } from '../classification/intent.types.js';
import { EVAL_SPLITS, TUNING_SPLITS, evaluateIntent, withTones, type IntentEvaluation } from './evaluation.js';
import { loadIntentEvalSet, loadModelTones } from './intent-eval-set.js';

// `npm run eval` in packages/intent: every split's figures; errors only for the tuning splits
// (dev, holdout-2026-11), so measured splits are not tuned on by accident. `npm run eval --
// --errors` also lists the measured splits' errors, for a post-mortem after a freeze.
const showAll = process.argv.includes('--errors');
const samples = loadIntentEvalSet();
// Each split twice: text only, then with the bundled model's tone as the pipeline passes it.
const toned = withTones(samples, loadModelTones());
for (const split of EVAL_SPLITS) {
  const report = evaluateIntent(samples.filter((s) => s.split === split));
  process.stdout.write(`${format(split, report, showAll || TUNING_SPLITS.includes(split))}\n`);
  const withTone = evaluateIntent(toned.filter((s) => s.split === split));
  process.stdout.write(`${format(`${split} + model tone`, withTone, showAll || TUNING_SPLITS.includes(split))}\n`);
  const rule = withTone.toneRule;
  process.stdout.write(
    `tone rule: ${rule.overridden} of ${rule.toned} posts would have contradicted their tone; ${rule.overriddenCorrect} of those now match the label; contradictions left: ${rule.contradictions}\n`,
  );
}

function format(split: string, report: IntentEvaluation, withErrors: boolean): string {
  const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;
  const lines = [
    `── ${split}: ${report.samples} samples ──`,
    `accuracy ${pct(report.accuracy)}  macro-F1 ${report.macroF1.toFixed(3)}  replyNeeded accuracy ${pct(report.replyAccuracy)}`,
    `class      precision recall  F1     support`,
    ...INTENTS.map((intent) => {
      const m = report.perClass[intent];
      return `${intent.padEnd(10)} ${m.precision.toFixed(3).padStart(9)} ${m.recall.toFixed(3).padStart(6)} ${m.f1.toFixed(3).padStart(6)} ${String(m.support).padStart(7)}`;
    }),
    `confusion (rows = label, columns = predicted): ${INTENTS.map((i) => i.slice(0, 5)).join(' ')}`,
    ...INTENTS.map((intent) => `${intent.padEnd(10)} ${INTENTS.map((got) => String(report.confusion[intent][got]).padStart(5)).join(' ')}`),
    `errors (${report.errors.length})${withErrors ? ':' : ', not listed: a measured split (--errors lists them)'}`,
    ...(withErrors ? report.errors : []).map((e) => `  ${e.id}: ${e.expected}/${e.expectedReply ? 'reply' : 'no-reply'} → ${e.predicted}/${e.predictedReply ? 'reply' : 'no-reply'}  «${e.text}»\n      ${e.reasons.join('; ')}`),
  ];
  return lines.join('\n');
}
