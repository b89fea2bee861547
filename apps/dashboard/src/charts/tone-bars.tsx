import { SENTIMENT_LABELS, type SentimentLabel } from '../api/api.types.js';
import { TONE_NAMES, count, percent } from '../ui/format.js';

export interface ToneBarRow {
  key: string;
  label: string;
  detail?: string;
  total: number;
  counts: Record<SentimentLabel, number>;
  /** Bar length as a fraction of the longest (or of the whole, for share of voice). */
  length: number;
  value: string;
}

/**
 * Horizontal bars split by tone: share of voice, sources and authors read the same way.
 * HTML rather than SVG so long Cyrillic names wrap and screen readers get a real list.
 */
export function ToneBars({ rows, testId, label }: { rows: ToneBarRow[]; testId: string; label: string }) {
  return (
    <ol class="tone-bars" aria-label={label} data-testid={testId}>
      {rows.map((row) => (
        <li key={row.key} class="tone-bar-row">
          <span class="tone-bar-label" title={row.detail}>
            {row.label}
            {row.detail && <span class="sr-only"> ({row.detail})</span>}
          </span>
          <span class="bar-track" aria-hidden="true">
            <span class="bar-stack" style={{ width: percent(row.length, 2) }}>
              {SENTIMENT_LABELS.map((tone) =>
                row.counts[tone] > 0 ? <span key={tone} class={`bar-fill tone-${tone}`} style={{ flexGrow: row.counts[tone] }} title={`${TONE_NAMES[tone]}: ${row.counts[tone]}`} /> : null,
              )}
            </span>
          </span>
          <span class="tone-bar-value">
            {row.value}
            <span class="sr-only">
              {' '}
              ({count(row.counts.negative)} negative, {count(row.counts.neutral)} neutral, {count(row.counts.positive)} positive)
            </span>
          </span>
        </li>
      ))}
    </ol>
  );
}
