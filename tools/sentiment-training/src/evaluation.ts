import { accuracy, confusionMatrix, macroF1, macroRecall, microF1 } from './metrics.js';
import type { DevSet, ProtocolName } from './training-corpus.js';

export interface DevReport {
  name: string;
  protocol: ProtocolName;
  metric: string;
  /** Model inputs scored. */
  n: number;
  /** Gold labels scored (a SentiRuEval tweet counts once per labelled company). */
  pairs: number;
  score: number;
  accuracy: number;
  macroF1_3class: number;
  microF1_posneg: number;
  /** rows gold, columns predicted; negative, neutral, positive */
  confusion: number[][];
  note: string;
}

export const METRIC_NAMES: Record<ProtocolName, string> = {
  'macro-f1-posneg': 'macro-F1(pos,neg)',
  'macro-f1-3': 'macro-F1 (3 classes)',
  'macro-recall': 'macro-recall',
};

export function protocolScore(protocol: ProtocolName, gold: number[], pred: number[]): number {
  if (protocol === 'macro-f1-posneg') return macroF1(gold, pred, [0, 2]);
  if (protocol === 'macro-recall') return macroRecall(gold, pred);
  return macroF1(gold, pred);
}

/** Scores one prediction per unit against every gold label of the unit, with the set's protocol. */
export function evaluateDevSet(set: DevSet, pred: ArrayLike<number>): DevReport {
  if (pred.length !== set.units.length) throw new Error(`${set.name}: ${pred.length} predictions for ${set.units.length} inputs`);
  const gold: number[] = [];
  const p: number[] = [];
  set.units.forEach((u, i) => {
    for (const g of u.gold) {
      gold.push(g);
      p.push(pred[i] as number);
    }
  });
  return {
    name: set.name,
    protocol: set.protocol,
    metric: METRIC_NAMES[set.protocol],
    n: set.units.length,
    pairs: gold.length,
    score: protocolScore(set.protocol, gold, p),
    accuracy: accuracy(gold, p),
    macroF1_3class: macroF1(gold, p),
    microF1_posneg: microF1(gold, p, [0, 2]),
    confusion: confusionMatrix(gold, p),
    note: set.note,
  };
}

export function formatReport(r: DevReport): string {
  const f = (x: number): string => x.toFixed(3);
  return `${r.name.padEnd(28)} n=${String(r.n).padStart(5)} pairs=${String(r.pairs).padStart(5)}  ${r.metric.padEnd(20)} ${f(r.score)}  acc ${f(r.accuracy)}  macroF1-3 ${f(r.macroF1_3class)}`;
}
