import type { NegativeShareBucket, TimeInterval } from '../api/api.types.js';
import { bucketLabel, percent } from '../ui/format.js';
import { tickIndices } from './chart-period.js';

// Right margin: room for half of the last (centred) time label.
const M = { left: 44, right: 32, top: 10, bottom: 26 };

/** Line of negative / total per bucket; empty buckets break the line rather than read as 0%. */
export function NegativeShareChart({ buckets, interval, width: W, height: H }: { buckets: NegativeShareBucket[]; interval: TimeInterval; width: number; height: number }) {
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const slot = plotW / Math.max(1, buckets.length);
  const x = (i: number) => M.left + i * slot + slot / 2;
  const ticks = tickIndices(buckets.length, Math.max(2, Math.floor(plotW / (buckets.length > 24 ? 90 : 70))));
  const y = (share: number) => M.top + plotH - share * plotH;

  const segments: string[] = [];
  let current = '';
  buckets.forEach((b, i) => {
    if (b.share === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(b.share).toFixed(1)}`;
  });
  if (current) segments.push(current);

  const known = buckets.filter((b) => b.share !== null);
  const last = known[known.length - 1];
  const negative = buckets.reduce((n, b) => n + b.negative, 0);
  const total = buckets.reduce((n, b) => n + b.total, 0);
  const summary = `Overall ${percent(total ? negative / total : null)} negative${last ? `, latest ${bucketLabel(last.start, interval)}: ${percent(last.share)}` : ''}.`;

  return (
    <svg class="chart" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Negative share trend. ${summary}`} data-testid="negative-share">
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line class="grid" x1={M.left} x2={W - M.right} y1={y(f)} y2={y(f)} />
          <text class="axis" x={M.left - 6} y={y(f) + 4} text-anchor="end">
            {percent(f)}
          </text>
        </g>
      ))}
      {segments.map((d) => (
        <path key={d} class="line-negative" d={d} />
      ))}
      {buckets.map((b, i) =>
        // Dots when there is room, and always for a point with no line through it.
        b.share === null || (buckets.length > 60 && buckets[i - 1]?.share != null && buckets[i + 1]?.share != null) ? null : (
            <circle key={b.start} class="dot-negative" cx={x(i)} cy={y(b.share)} r={3.5}>
              <title>{`${bucketLabel(b.start, interval)}: ${percent(b.share)} negative (${b.negative} of ${b.total})`}</title>
            </circle>
          ),
        )}
      {ticks.map((i) => (
        <text key={i} class="axis" x={x(i)} y={H - 6} text-anchor="middle">
          {bucketLabel(buckets[i]!.start, interval, buckets.length > 24)}
        </text>
      ))}
    </svg>
  );
}
