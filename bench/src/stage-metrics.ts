/**
 * Reads the apps' Prometheus histograms around a measurement, so the bench can say where a
 * mention's latency goes: waiting for each consumer (publish → handler start) and inside each
 * handler (score and publish, store and announce).
 */
export type HistogramSnapshot = Map<string, { buckets: [number, number][]; count: number; sum: number }>;

const LINE = /^(pulse_(?:consume_delay_seconds|batch_duration_seconds|publish_duration_seconds|commit_duration_seconds|step_duration_seconds))_(bucket|sum|count)\{([^}]*)\} ([0-9.eE+-]+|NaN)$/u;

function labelsOf(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const m of text.matchAll(/(\w+)="([^"]*)"/gu)) labels[m[1]!] = m[2]!;
  return labels;
}

/** Histogram series keyed `name{app,topic}`; buckets are cumulative, as Prometheus reports them. */
export async function scrapeHistograms(baseUrl: string): Promise<HistogramSnapshot> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const out: HistogramSnapshot = new Map();
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const [, name, part, rawLabels, value] = m;
    const { le, ...rest } = labelsOf(rawLabels!);
    // Steps are named by `step`, the rest by `topic`.
    const key = `${name}{${rest['app']},${rest['topic'] ?? rest['step']}}`;
    const entry = out.get(key) ?? { buckets: [], count: 0, sum: 0 };
    if (part === 'bucket') entry.buckets.push([le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le), Number(value)]);
    else if (part === 'sum') entry.sum = Number(value);
    else entry.count = Number(value);
    out.set(key, entry);
  }
  return out;
}

export interface StageFigures {
  count: number;
  meanMs: number;
  /** Upper bucket bounds holding the 50th and 99th percentile (Prometheus-style estimate). */
  p50Ms: number;
  p99Ms: number;
}

/** What happened between two snapshots of one series: count, mean and bucket-estimated percentiles. */
export function stageBetween(before: HistogramSnapshot, after: HistogramSnapshot, key: string): StageFigures | undefined {
  const a = after.get(key);
  if (!a) return undefined;
  const b = before.get(key);
  const count = a.count - (b?.count ?? 0);
  if (count <= 0) return undefined;
  const deltas = a.buckets.map(([le, n], i) => [le, n - (b?.buckets[i]?.[1] ?? 0)] as [number, number]);
  const quantile = (q: number): number => {
    const rank = q * count;
    let previousLe = 0;
    let previousCount = 0;
    for (const [le, cumulative] of deltas) {
      if (cumulative >= rank) {
        if (!Number.isFinite(le)) return previousLe * 1000;
        // Linear inside the bucket, as histogram_quantile does.
        const inBucket = cumulative - previousCount;
        const fraction = inBucket > 0 ? (rank - previousCount) / inBucket : 1;
        return Math.round((previousLe + (le - previousLe) * fraction) * 10_000) / 10;
      }
      previousLe = le;
      previousCount = cumulative;
    }
    return previousLe * 1000;
  };
  return { count, meanMs: Math.round(((a.sum - (b?.sum ?? 0)) / count) * 10_000) / 10, p50Ms: quantile(0.5), p99Ms: quantile(0.99) };
}
