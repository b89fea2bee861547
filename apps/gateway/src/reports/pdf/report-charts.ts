import type { TimeInterval, TimelineBucket } from '../../analytics/analytics.model.js';
import type { NegativeShareBucket } from '../../analytics/analytics.service.js';
import { bucketLabel, niceMax, percent, tickIndices } from '../report-format.js';
import { fitText } from './pdf-layout.js';
import { COLORS, FONT, TONES, type Pdf } from './pdf-theme.js';

/** Where a chart goes on the page, in points. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

// The dashboard's chart margins (charts/tone-timeline-chart.tsx), in points instead of pixels.
const M = { left: 34, right: 18, top: 8, bottom: 18 };
const AXIS_SIZE = 7;

function axisText(doc: Pdf, text: string, x: number, y: number, align: 'left' | 'right' | 'center'): void {
  doc.font(FONT.regular).fontSize(AXIS_SIZE).fillColor(COLORS.muted);
  const width = doc.widthOfString(text);
  const left = align === 'right' ? x - width : align === 'center' ? x - width / 2 : x;
  doc.text(text, left, y - AXIS_SIZE / 2 - 1, { lineBreak: false });
}

function grid(doc: Pdf, box: Box, y: number): void {
  doc.save().moveTo(box.x + M.left, y).lineTo(box.x + box.width - M.right, y).lineWidth(0.5).strokeColor(COLORS.line).stroke().restore();
}

function emptyNote(doc: Pdf, box: Box, text: string): void {
  doc.font(FONT.regular).fontSize(9).fillColor(COLORS.muted);
  doc.text(text, box.x + M.left, box.y + M.top + (box.height - M.top - M.bottom) / 2 - 10, { width: box.width - M.left - M.right, align: 'center', lineBreak: false });
}

function timeAxis(doc: Pdf, box: Box, starts: string[], interval: TimeInterval, center: (i: number) => number): void {
  const plotW = box.width - M.left - M.right;
  const multiDay = interval === 'HOUR' && starts.length > 24;
  const ticks = tickIndices(starts.length, Math.max(2, Math.floor(plotW / (multiDay ? 64 : 40))));
  for (const i of ticks) axisText(doc, bucketLabel(starts[i]!, interval, multiDay), center(i), box.y + box.height - M.bottom / 2, 'center');
}

/**
 * The dashboard's tone-over-time chart: stacked bars per bucket, negative at the bottom where a
 * spike is easiest to read, gridlines at 0, half and the (round) maximum.
 */
export function drawToneTimeline(doc: Pdf, box: Box, buckets: readonly TimelineBucket[], interval: TimeInterval): void {
  const max = niceMax(Math.max(0, ...buckets.map((b) => b.total)));
  const plotW = box.width - M.left - M.right;
  const plotH = box.height - M.top - M.bottom;
  const slot = plotW / Math.max(1, buckets.length);
  const barW = Math.max(0.5, slot * 0.8);
  const y = (v: number) => box.y + M.top + plotH - (v / max) * plotH;
  for (const f of [0, 0.5, 1]) {
    grid(doc, box, y(max * f));
    // Counts are whole: a half-way line at 0.5 gets no label rather than a rounded "1" twice.
    if (Number.isInteger(max * f)) axisText(doc, String(max * f), box.x + M.left - 4, y(max * f), 'right');
  }
  if (buckets.every((b) => b.total === 0)) emptyNote(doc, box, 'No mentions in the period');
  buckets.forEach((b, i) => {
    let base = 0;
    const x = box.x + M.left + i * slot + (slot - barW) / 2;
    for (const tone of TONES) {
      const v = b[tone];
      if (v === 0) continue;
      const top = y(base + v);
      doc.save().rect(x, top, barW, y(base) - top).fillOpacity(tone === 'neutral' ? 0.7 : 1).fill(COLORS[tone]).restore();
      base += v;
    }
  });
  timeAxis(doc, box, buckets.map((b) => b.start), interval, (i) => box.x + M.left + i * slot + slot / 2);
}

/** The dashboard's negative-share trend: a line of negative / total, broken (not zero) where a bucket is empty. */
export function drawNegativeShare(doc: Pdf, box: Box, buckets: readonly NegativeShareBucket[], interval: TimeInterval): void {
  const plotW = box.width - M.left - M.right;
  const plotH = box.height - M.top - M.bottom;
  const slot = plotW / Math.max(1, buckets.length);
  const x = (i: number) => box.x + M.left + i * slot + slot / 2;
  const y = (share: number) => box.y + M.top + plotH - share * plotH;
  for (const f of [0, 0.5, 1]) {
    grid(doc, box, y(f));
    axisText(doc, percent(f), box.x + M.left - 4, y(f), 'right');
  }
  if (buckets.every((b) => b.share === null)) emptyNote(doc, box, 'No mentions in the period');
  let path = '';
  buckets.forEach((b, i) => {
    if (b.share === null) return;
    path += `${buckets[i - 1]?.share == null ? 'M' : 'L'}${x(i).toFixed(2)},${y(b.share).toFixed(2)} `;
  });
  if (path) doc.save().path(path).lineWidth(1.6).lineJoin('round').strokeColor(COLORS.negative).stroke().restore();
  buckets.forEach((b, i) => {
    // Dots when there is room, and always for a point with no line through it.
    if (b.share === null || (buckets.length > 60 && buckets[i - 1]?.share != null && buckets[i + 1]?.share != null)) return;
    doc.save().circle(x(i), y(b.share), 2.2).fill(COLORS.negative).restore();
  });
  timeAxis(doc, box, buckets.map((b) => b.start), interval, x);
}

export interface ToneBarRow {
  label: string;
  /** Right-hand figure, e.g. "64%" or "12". */
  value: string;
  counts: Record<(typeof TONES)[number], number>;
  /** Bar length as a fraction of the track. */
  length: number;
  /** Drawn in the muted colour (a competitor in share of voice). */
  muted?: boolean;
}

const ROW_H = 15;

/**
 * The dashboard's horizontal tone bars (share of voice, sources, authors): a label, a bar split
 * by tone, a figure. Returns the height used.
 */
export function drawToneBars(doc: Pdf, x: number, y: number, width: number, rows: readonly ToneBarRow[]): number {
  const labelW = Math.min(150, width * 0.38);
  const valueW = 44;
  const track = width - labelW - valueW - 12;
  rows.forEach((row, i) => {
    const top = y + i * ROW_H;
    doc.font(FONT.regular).fontSize(8.5).fillColor(row.muted ? COLORS.muted : COLORS.text);
    doc.text(fitText(doc, row.label, labelW - 6), x, top + 3, { lineBreak: false });
    doc.save().roundedRect(x + labelW, top + 3, track, 9, 2).fill(COLORS.track).restore();
    const total = row.counts.negative + row.counts.neutral + row.counts.positive;
    let left = x + labelW;
    for (const tone of TONES) {
      if (total === 0 || row.counts[tone] === 0) continue;
      const w = (track * Math.max(0, Math.min(1, row.length)) * row.counts[tone]) / total;
      doc.save().rect(left, top + 3, w, 9).fillOpacity(tone === 'neutral' ? 0.7 : 1).fill(COLORS[tone]).restore();
      left += w;
    }
    doc.font(FONT.bold).fontSize(8.5).fillColor(COLORS.text).text(row.value, x + width - valueW, top + 3, { width: valueW, align: 'right', lineBreak: false });
  });
  return rows.length * ROW_H;
}

/** Tone legend in a row, as under the dashboard's charts. */
export function drawToneLegend(doc: Pdf, x: number, y: number): void {
  let left = x;
  for (const tone of TONES) {
    doc.save().rect(left, y + 1, 7, 7).fillOpacity(tone === 'neutral' ? 0.7 : 1).fill(COLORS[tone]).restore();
    const label = tone[0]!.toUpperCase() + tone.slice(1);
    doc.font(FONT.regular).fontSize(7.5).fillColor(COLORS.muted).text(label, left + 10, y, { lineBreak: false });
    left += 14 + doc.widthOfString(label) + 10;
  }
}
