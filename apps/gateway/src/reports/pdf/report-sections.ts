import type { PeriodReport, ReportGroup } from '../period-report.model.js';
import { INTERVAL_NAMES, SOURCE_NAMES, STATUS_NAMES, counted, formatDateTime, formatDuration, formatPeriod, percent } from '../report-format.js';
import { CONTENT_WIDTH, fitText, type PdfFlow } from './pdf-layout.js';
import { COLORS, FONT } from './pdf-theme.js';
import { drawNegativeShare, drawToneBars, drawToneLegend, drawToneTimeline, type ToneBarRow } from './report-charts.js';

export function reportTitle(report: PeriodReport): string {
  return report.topicIds.map((id) => report.topicNames[id] ?? id).join(', ');
}

/** "Compared with Билайн, Tele2 and 17 more without mentions · " — the competitors share of voice shows, and how many were silent. */
export function comparedWith(report: PeriodReport): string {
  if (report.competitorTopicIds.length === 0) return '';
  const heard = report.shareOfVoice.filter((v) => v.competitor).map((v) => report.topicNames[v.topicId] ?? v.topicId);
  const silent = report.competitorTopicIds.length - heard.length;
  if (heard.length === 0) return `Compared with ${counted(silent, 'topic')}, none mentioned · `;
  return `Compared with ${heard.join(', ')}${silent > 0 ? ` and ${silent} more without mentions` : ''} · `;
}

export function drawHeader(flow: PdfFlow, report: PeriodReport): void {
  const { doc } = flow;
  doc.font(FONT.bold).fontSize(8).fillColor(COLORS.accent).text('PULSE · PERIOD REPORT', flow.left, flow.y, { characterSpacing: 0.6, lineBreak: false });
  flow.gap(14);
  flow.paragraph(reportTitle(report), { size: 20, bold: true });
  flow.gap(2);
  flow.paragraph(`${formatPeriod(report.from, report.to)} · ${INTERVAL_NAMES[report.interval]} buckets`, { size: 10, color: COLORS.muted });
  flow.paragraph(`${comparedWith(report)}generated ${formatDateTime(report.generatedAt)}`, { size: 8, color: COLORS.muted });
  flow.gap(12);
}

interface Tile {
  label: string;
  value: string;
  detail: string;
}

export function drawKpis(flow: PdfFlow, report: PeriodReport): void {
  const { mentions, requests } = report;
  const tiles: Tile[] = [
    { label: 'Mentions', value: String(mentions.total), detail: `${percent(mentions.negativeShare)} negative` },
    {
      label: 'Requests answered',
      value: `${requests.responded} of ${requests.inScope}`,
      detail: `${percent(requests.answeredShare)} answered · ${requests.resolved} resolved`,
    },
    { label: 'First response', value: formatDuration(requests.firstResponseMedianSeconds), detail: `median · p90 ${formatDuration(requests.firstResponseP90Seconds)}` },
    { label: 'Resolution', value: formatDuration(requests.resolutionMedianSeconds), detail: `median · p90 ${formatDuration(requests.resolutionP90Seconds)}` },
  ];
  const { doc } = flow;
  const gap = 8;
  const width = (CONTENT_WIDTH - gap * (tiles.length - 1)) / tiles.length;
  const height = 60;
  flow.room(height);
  tiles.forEach((tile, i) => {
    const x = flow.left + i * (width + gap);
    doc.save().roundedRect(x, flow.y, width, height, 6).fill(COLORS.panel).restore();
    doc.font(FONT.regular).fontSize(7.5).fillColor(COLORS.muted).text(tile.label.toUpperCase(), x + 10, flow.y + 9, { width: width - 20, lineBreak: false, characterSpacing: 0.4 });
    let size = 17;
    // Long values ("2 d 4 h", "1234 of 5678") shrink to fit the tile rather than wrap.
    while (size > 10 && doc.font(FONT.bold).fontSize(size).widthOfString(tile.value) > width - 20) size--;
    doc.fillColor(COLORS.text).text(tile.value, x + 10, flow.y + 21 + (17 - size) / 2, { lineBreak: false });
    doc.font(FONT.regular).fontSize(7.5).fillColor(COLORS.muted);
    doc.text(fitText(doc, tile.detail, width - 14), x + 10, flow.y + 44, { lineBreak: false });
  });
  flow.gap(height + 16);
}

export function drawToneSections(flow: PdfFlow, report: PeriodReport): void {
  flow.heading('Tone over time', 150, `${report.mentions.negative} negative · ${report.mentions.neutral} neutral · ${report.mentions.positive} positive`);
  drawToneTimeline(flow.doc, { x: flow.left, y: flow.y, width: CONTENT_WIDTH, height: 140 }, report.toneTrend, report.interval);
  flow.gap(144);
  drawToneLegend(flow.doc, flow.left + 34, flow.y);
  flow.gap(20);
  flow.heading('Negative share', 110, `${percent(report.mentions.negativeShare)} over the period`);
  drawNegativeShare(flow.doc, { x: flow.left, y: flow.y, width: CONTENT_WIDTH, height: 100 }, report.negativeShareTrend, report.interval);
  flow.gap(112);
}

export function drawHandling(flow: PdfFlow, report: PeriodReport): void {
  const h = report.handling;
  flow.heading('Negative share before and after handling', 60, `${counted(h.authors, 'author')} handled · their mentions ±${h.windowHours} h around it`);
  const rows: ToneBarRow[] = [
    { label: `Before (${counted(h.beforeTotal, 'mention')})`, value: percent(h.beforeNegativeShare), counts: { negative: h.beforeNegative, neutral: h.beforeTotal - h.beforeNegative, positive: 0 }, length: 1 },
    { label: `After (${counted(h.afterTotal, 'mention')})`, value: percent(h.afterNegativeShare), counts: { negative: h.afterNegative, neutral: h.afterTotal - h.afterNegative, positive: 0 }, length: 1 },
  ];
  flow.gap(drawToneBars(flow.doc, flow.left, flow.y, CONTENT_WIDTH, rows));
  flow.gap(4);
  flow.paragraph('Red: negative; grey: the rest. Read together with the counts: a handful of mentions moves the share a lot.', { size: 7.5, color: COLORS.muted });
  flow.gap(14);
}

function drawGroups(flow: PdfFlow, title: string, groups: readonly ReportGroup[], total: number): void {
  flow.heading(title, 50, `${counted(total, 'request')} in the period`);
  if (groups.length === 0) {
    flow.paragraph('No requests in the period.', { size: 9, color: COLORS.muted });
    flow.gap(12);
    return;
  }
  const { doc } = flow;
  for (const group of groups) {
    flow.room(16 + 13 * group.examples.length);
    doc.font(FONT.bold).fontSize(9.5).fillColor(COLORS.text);
    doc.text(fitText(doc, group.name, CONTENT_WIDTH - 110), flow.left, flow.y, { lineBreak: false });
    doc.font(FONT.regular).fontSize(9).fillColor(COLORS.text).text(`${group.requests} · ${percent(group.share)}`, flow.left + CONTENT_WIDTH - 100, flow.y, { width: 100, align: 'right', lineBreak: false });
    flow.gap(13);
    for (const example of group.examples) {
      const text = `“${example.excerpt}” — @${example.handle}, ${SOURCE_NAMES[example.source] ?? example.source}, ${formatDateTime(example.publishedAt)}`;
      flow.paragraph(text, { size: 7.5, color: COLORS.muted, x: flow.left + 10, width: CONTENT_WIDTH - 10 });
      flow.gap(2);
    }
    flow.gap(5);
  }
  flow.gap(8);
}

export function drawProblems(flow: PdfFlow, report: PeriodReport): void {
  const total = report.categories.reduce((n, g) => n + g.requests, 0);
  drawGroups(flow, 'Most frequent problems: typical-answer categories', report.categories, total);
  drawGroups(flow, 'Most frequent problems: intents', report.intents, total);
}

export function drawVoiceSourcesAuthors(flow: PdfFlow, report: PeriodReport): void {
  const voiceRows: ToneBarRow[] = report.shareOfVoice.map((v) => ({
    label: `${report.topicNames[v.topicId] ?? v.topicId}${v.competitor ? ' (competitor)' : ''}`,
    value: percent(v.share),
    counts: v,
    length: v.share,
    muted: v.competitor,
  }));
  flow.heading('Share of voice', 20 + 15 * voiceRows.length, 'mentions of each topic, split by tone toward it');
  flow.gap(drawToneBars(flow.doc, flow.left, flow.y, CONTENT_WIDTH, voiceRows) + 14);

  const half = (CONTENT_WIDTH - 20) / 2;
  const sourceMax = Math.max(1, ...report.topSources.map((s) => s.total));
  const authorMax = Math.max(1, ...report.topAuthors.map((a) => a.total));
  const sources: ToneBarRow[] = report.topSources.map((s) => ({ label: SOURCE_NAMES[s.source] ?? s.source, value: String(s.total), counts: s, length: s.total / sourceMax }));
  const authors: ToneBarRow[] = report.topAuthors.map((a) => ({ label: `@${a.handle} (${SOURCE_NAMES[a.source] ?? a.source})`, value: String(a.total), counts: a, length: a.total / authorMax }));
  const rows = Math.max(sources.length, authors.length, 1);
  flow.heading('Top sources and authors', 15 * rows + 16);
  const { doc } = flow;
  doc.font(FONT.bold).fontSize(8).fillColor(COLORS.muted).text('SOURCES', flow.left, flow.y, { lineBreak: false });
  doc.text('AUTHORS', flow.left + half + 20, flow.y, { lineBreak: false });
  flow.gap(12);
  const used = Math.max(drawToneBars(doc, flow.left, flow.y, half, sources), drawToneBars(doc, flow.left + half + 20, flow.y, half, authors));
  if (used === 0) flow.paragraph('No mentions in the period.', { size: 9, color: COLORS.muted });
  flow.gap(used + 14);
}

const COLUMNS = [
  { title: 'Collected', width: 82 },
  { title: 'Request', width: 223 },
  { title: 'First response', width: 70 },
  { title: 'Resolution', width: 66 },
  { title: 'Status', width: 70 },
] as const;

export function drawHandledRequests(flow: PdfFlow, report: PeriodReport): void {
  flow.heading('Handled requests, slowest first response first', 40, 'times from collection');
  const { doc } = flow;
  if (report.handledRequests.length === 0) {
    flow.paragraph('Nobody responded to a request in the period.', { size: 9, color: COLORS.muted });
    return;
  }
  const row = (cells: string[], bold: boolean): void => {
    doc.font(bold ? FONT.bold : FONT.regular).fontSize(7.5);
    const heights = cells.map((text, i) => doc.heightOfString(text, { width: COLUMNS[i]!.width - 6 }));
    const height = Math.max(...heights) + 6;
    flow.room(height);
    let x = flow.left;
    cells.forEach((text, i) => {
      doc.fillColor(bold ? COLORS.muted : COLORS.text).text(text, x, flow.y + 3, { width: COLUMNS[i]!.width - 6 });
      x += COLUMNS[i]!.width;
    });
    flow.gap(height);
    doc.save().moveTo(flow.left, flow.y).lineTo(flow.left + CONTENT_WIDTH, flow.y).lineWidth(0.4).strokeColor(COLORS.line).stroke().restore();
  };
  row(COLUMNS.map((c) => c.title.toUpperCase()), true);
  for (const h of report.handledRequests) {
    row(
      [
        formatDateTime(h.collectedAt).replace(' UTC', ''),
        `@${h.handle} (${SOURCE_NAMES[h.source] ?? h.source}): ${h.excerpt}${h.categoryName ? ` [${h.categoryName}]` : ''}`,
        formatDuration(h.firstResponseSeconds),
        formatDuration(h.resolutionSeconds),
        STATUS_NAMES[h.status] ?? h.status,
      ],
      false,
    );
  }
}
