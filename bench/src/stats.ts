export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summarize(samples: readonly number[]): { p50: number; p95: number; p99: number; count: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (v: number): number => Math.round(v * 10) / 10;
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), count: sorted.length };
}

export function progress(label: string, done: number, total: number): void {
  process.stderr.write(`\r  ${label}: ${done}/${total} (${Math.round((done / Math.max(total, 1)) * 100)}%)   `);
  if (done >= total) process.stderr.write('\n');
}
