import { SENTIMENT_LABELS, type SentimentBucket, type TimeInterval } from '../api/api.types.js';
import { TONE_NAMES, bucketLabel } from '../ui/format.js';
import { countGridLabel, niceMax, tickIndices } from './chart-period.js';

// Right margin: room for half of the last (centred) time label.
const M = { left: 44, right: 32, top: 10, bottom: 26 };

/** Stacked bars per bucket, negative at the bottom where a spike is easiest to read. */
export function ToneTimelineChart({ buckets, interval, width: W, height: H }: { buckets: SentimentBucket[]; interval: TimeInterval; width: number; height: number }) {
  const max = niceMax(Math.max(0, ...buckets.map((b) => b.total)));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const slot = plotW / Math.max(1, buckets.length);
  const barW = Math.max(1, slot * 0.8);
  const ticks = tickIndices(buckets.length, Math.max(2, Math.floor(plotW / (buckets.length > 24 ? 90 : 70))));
  const y = (v: number) => M.top + plotH - (v / max) * plotH;
  const total = buckets.reduce((n, b) => n + b.total, 0);
  const negative = buckets.reduce((n, b) => n + b.negative, 0);
  const peak = buckets.reduce<SentimentBucket | undefined>((best, b) => (!best || b.total > best.total ? b : best), undefined);
  const summary = `${total} mentions: ${negative} negative.${peak && peak.total > 0 ? ` Busiest: ${bucketLabel(peak.start, interval)} with ${peak.total}.` : ''}`;

  return (
    <svg class="chart" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Tone over time. ${summary}`} data-testid="tone-timeline">
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line class="grid" x1={M.left} x2={W - M.right} y1={y(max * f)} y2={y(max * f)} />
          {countGridLabel(max * f) !== null && (
            <text class="axis" x={M.left - 6} y={y(max * f) + 4} text-anchor="end">
              {countGridLabel(max * f)}
            </text>
          )}
        </g>
      ))}
      {buckets.map((b, i) => {
        let base = 0;
        const x = M.left + i * slot + (slot - barW) / 2;
        return (
          <g key={b.start}>
            <title>{`${bucketLabel(b.start, interval)}: ${b.negative} negative, ${b.neutral} neutral, ${b.positive} positive`}</title>
            {SENTIMENT_LABELS.map((label) => {
              const v = b[label];
              if (v === 0) return null;
              const top = y(base + v);
              const rect = <rect key={label} class={`fill-${label}`} x={x} width={barW} y={top} height={y(base) - top} />;
              base += v;
              return rect;
            })}
          </g>
        );
      })}
      {ticks.map((i) => (
        <text key={i} class="axis" x={M.left + i * slot + slot / 2} y={H - 6} text-anchor="middle">
          {bucketLabel(buckets[i]!.start, interval, buckets.length > 24)}
        </text>
      ))}
    </svg>
  );
}

export function ToneLegend() {
  return (
    <ul class="legend" aria-hidden="true">
      {SENTIMENT_LABELS.map((label) => (
        <li key={label}>
          <span class={`swatch fill-${label}`} /> {TONE_NAMES[label]}
        </li>
      ))}
    </ul>
  );
}
