export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export function confusionMatrix(gold: ArrayLike<number>, pred: ArrayLike<number>, numClasses = 3): number[][] {
  if (gold.length !== pred.length) throw new Error(`gold has ${gold.length} items, pred ${pred.length}`);
  const m = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < gold.length; i++) {
    const row = m[gold[i] as number];
    if (row) row[pred[i] as number] = (row[pred[i] as number] ?? 0) + 1;
  }
  return m;
}

export function classScores(gold: ArrayLike<number>, pred: ArrayLike<number>, cls: number, numClasses = 3): ClassScores {
  const m = confusionMatrix(gold, pred, numClasses);
  const tp = m[cls]?.[cls] ?? 0;
  let predicted = 0;
  let actual = 0;
  for (let k = 0; k < numClasses; k++) {
    predicted += m[k]?.[cls] ?? 0;
    actual += m[cls]?.[k] ?? 0;
  }
  const precision = predicted > 0 ? tp / predicted : 0;
  const recall = actual > 0 ? tp / actual : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, support: actual };
}

/** Macro-F1 over the given classes only: SentiRuEval averages positive and negative, not neutral. */
export function macroF1(gold: ArrayLike<number>, pred: ArrayLike<number>, classes: readonly number[] = [0, 1, 2]): number {
  return classes.reduce((s, c) => s + classScores(gold, pred, c).f1, 0) / classes.length;
}

/** TweetEval's official sentiment metric. */
export function macroRecall(gold: ArrayLike<number>, pred: ArrayLike<number>, classes: readonly number[] = [0, 1, 2]): number {
  return classes.reduce((s, c) => s + classScores(gold, pred, c).recall, 0) / classes.length;
}

/** Micro-F1 over a subset of classes, as SentiRuEval reports it for pos+neg. */
export function microF1(gold: ArrayLike<number>, pred: ArrayLike<number>, classes: readonly number[]): number {
  let tp = 0;
  let predicted = 0;
  let actual = 0;
  const set = new Set(classes);
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i] as number;
    const p = pred[i] as number;
    if (set.has(p)) predicted++;
    if (set.has(g)) actual++;
    if (set.has(g) && g === p) tp++;
  }
  const precision = predicted > 0 ? tp / predicted : 0;
  const recall = actual > 0 ? tp / actual : 0;
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

export function accuracy(gold: ArrayLike<number>, pred: ArrayLike<number>): number {
  let ok = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === pred[i]) ok++;
  return gold.length > 0 ? ok / gold.length : 0;
}

export function majorityClass(labels: ArrayLike<number>, numClasses = 3): number {
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i] as number] = (counts[labels[i] as number] ?? 0) + 1;
  let best = 0;
  for (let c = 1; c < numClasses; c++) if ((counts[c] ?? 0) > (counts[best] ?? 0)) best = c;
  return best;
}
