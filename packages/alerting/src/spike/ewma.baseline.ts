/**
 * Exponentially weighted mean and variance of a per-bucket count. Recent buckets weigh more,
 * so a topic that grows for good stops looking anomalous after a few hours instead of paging
 * support forever, while memory stays O(1) per topic and metric.
 */
export interface EwmaBaseline {
  mean: number;
  variance: number;
  /** Buckets folded in so far; gates the warm-up. */
  samples: number;
}

export function emptyBaseline(): EwmaBaseline {
  return { mean: 0, variance: 0, samples: 0 };
}

/** Incremental EWMA (Finch, "Incremental calculation of weighted mean and variance", 2009). */
export function foldIntoBaseline(baseline: EwmaBaseline, value: number, alpha: number): EwmaBaseline {
  // The first bucket is the only evidence there is; starting from 0 would make the
  // warm-up buckets look like a ramp and inflate the variance.
  if (baseline.samples === 0) return { mean: value, variance: 0, samples: 1 };
  const diff = value - baseline.mean;
  const increment = alpha * diff;
  return {
    mean: baseline.mean + increment,
    variance: (1 - alpha) * (baseline.variance + diff * increment),
    samples: baseline.samples + 1,
  };
}

/** ε keeps a flat history (variance 0) from turning one extra mention into an infinite z. */
export function zScore(baseline: EwmaBaseline, value: number, epsilon: number): number {
  return (value - baseline.mean) / Math.sqrt(baseline.variance + epsilon);
}
