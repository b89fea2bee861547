import { accuracy, macroF1, macroRecall, majorityClass, microF1 } from './metrics.js';
import type { LabelId, Sample } from './sample.js';

export interface SourceReport {
  source: string;
  n: number;
  /** Name of the dataset's protocol metric, e.g. "macro-F1(pos,neg) per pair". */
  metric: string;
  score: number;
  baseline: number;
  extra: Record<string, number>;
}

export interface Protocol {
  metric: string;
  compute(gold: LabelId[], pred: number[]): number;
  /** Expands tweet-level predictions to the units the protocol scores (e.g. (tweet, company) pairs). */
  expand?: (samples: Sample[], pred: number[]) => { gold: LabelId[]; pred: number[] };
}

const pairs: Protocol['expand'] = (samples, pred) => {
  const gold: LabelId[] = [];
  const p: number[] = [];
  samples.forEach((s, i) => {
    for (const l of s.pairLabels ?? [s.label]) {
      gold.push(l);
      p.push(pred[i] as number);
    }
  });
  return { gold, pred: p };
};

/** The protocols of /work/shared/datasets/README.md, one per source name. */
export function protocolFor(source: string): Protocol {
  if (source.startsWith('sentirueval')) {
    return { metric: 'macro-F1(pos,neg) per (tweet,company) pair', compute: (g, p) => macroF1(g, p, [0, 2]), expand: pairs };
  }
  if (source === 'tweeteval' || source === 'semeval2016') return { metric: 'macro-recall', compute: (g, p) => macroRecall(g, p) };
  if (source === 'rusentne') return { metric: 'macro-F1(pos,neg)', compute: (g, p) => macroF1(g, p, [0, 2]) };
  return { metric: 'macro-F1 (3 classes)', compute: (g, p) => macroF1(g, p) };
}

export function evaluateSource(source: string, dev: Sample[], pred: number[], trainLabels: LabelId[]): SourceReport {
  const protocol = protocolFor(source);
  const expanded = protocol.expand ? protocol.expand(dev, pred) : { gold: dev.map((s) => s.label), pred };
  const majority = majorityClass(trainLabels);
  const baselineExpanded = protocol.expand
    ? protocol.expand(dev, dev.map(() => majority))
    : { gold: expanded.gold, pred: dev.map(() => majority) };
  const gold = dev.map((s) => s.label);
  return {
    source,
    n: dev.length,
    metric: protocol.metric,
    score: protocol.compute(expanded.gold, expanded.pred),
    baseline: protocol.compute(baselineExpanded.gold, baselineExpanded.pred),
    extra: {
      accuracy: accuracy(gold, pred),
      macroF1_3class: macroF1(gold, pred),
      microF1_posneg: microF1(expanded.gold, expanded.pred, [0, 2]),
      majorityClass: majority,
    },
  };
}
