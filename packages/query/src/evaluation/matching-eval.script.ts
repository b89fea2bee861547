import { DEFAULT_TOPICS } from '../topics/default-topics.js';
import { MATCHING_SPLITS } from './matching-set.js';
import { loadMatchingSet } from './matching-set.js';
import { evaluateMatching, type BrandScore, type MatchingEvaluation } from './matching.evaluation.js';

// `npm run eval:matching` (root) or `npm run eval:matching -w @pulse/query`: precision and
// recall per brand and overall for the default topics, on all of the labeled set and on each
// split. `--errors` lists every wrong decision.
const showErrors = process.argv.includes('--errors');
const samples = loadMatchingSet(undefined, new Set(DEFAULT_TOPICS.map((topic) => topic.id)));

const sections: [string, MatchingEvaluation][] = [['all', evaluateMatching(DEFAULT_TOPICS, samples)]];
for (const split of MATCHING_SPLITS) {
  const part = samples.filter((sample) => sample.split === split);
  if (part.length > 0) sections.push([split, evaluateMatching(DEFAULT_TOPICS, part)]);
}
for (const [name, report] of sections) process.stdout.write(`${format(name, report, showErrors && name === 'all')}\n`);

function format(name: string, report: MatchingEvaluation, withErrors: boolean): string {
  const row = (label: string, s: BrandScore): string =>
    `${label.padEnd(14)} ${s.precision.toFixed(3).padStart(9)} ${s.recall.toFixed(3).padStart(6)} ${String(s.support).padStart(7)} ${String(s.falsePositives).padStart(4)} ${String(s.falseNegatives).padStart(4)}`;
  const lines = [
    `── ${name}: ${report.samples} posts ──`,
    `brand          precision recall support   FP   FN`,
    ...Object.entries(report.perBrand).map(([id, s]) => row(id, s)),
    row('overall', report.overall),
  ];
  if (withErrors) {
    lines.push(`errors (${report.errors.length}):`, ...report.errors.map((e) => `  ${e.kind === 'false positive' ? 'FP' : 'FN'} ${e.topicId.padEnd(13)} ${e.id}: ${e.text}`));
  } else if (name === 'all') {
    lines.push(`errors: ${report.errors.length} (--errors lists them)`);
  }
  return lines.join('\n');
}
