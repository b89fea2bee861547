import type { PeriodReportQuery } from '../api/api.generated.js';

export type PeriodReport = PeriodReportQuery['periodReport'];
export type ReportGroup = PeriodReport['categories'][number];
export type HandledRequest = PeriodReport['handledRequests'][number];

export const REPORT_PRESETS = [
  { id: 'today', label: 'Today' },
  { id: 'yesterday', label: 'Yesterday' },
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
] as const;
export type ReportPreset = (typeof REPORT_PRESETS)[number]['id'];

/** Whole UTC days, both inclusive, as a date input writes them ("2026-03-02"). */
export interface ReportRange {
  fromDay: string;
  toDay: string;
}

const DAY = 86_400_000;
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Reports cover whole UTC days: the same days the PDF and the weekly e-mail name. */
export function presetRange(preset: ReportPreset, now: number): ReportRange {
  const today = Math.floor(now / DAY) * DAY;
  switch (preset) {
    case 'today':
      return { fromDay: day(today), toDay: day(today) };
    case 'yesterday':
      return { fromDay: day(today - DAY), toDay: day(today - DAY) };
    case '7d':
      return { fromDay: day(today - 6 * DAY), toDay: day(today) };
    case '30d':
      return { fromDay: day(today - 29 * DAY), toDay: day(today) };
    default: {
      const unknown: never = preset;
      return unknown;
    }
  }
}

/** The API's window for a range: from the first day's start to the day after the last; an error message when the range makes no sense. */
export function rangeWindow(range: ReportRange): { from: string; to: string } | { error: string } {
  const from = Date.parse(`${range.fromDay}T00:00:00Z`);
  const last = Date.parse(`${range.toDay}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(last)) return { error: 'Pick both days.' };
  if (last < from) return { error: 'The last day is before the first.' };
  if (last - from > 365 * DAY) return { error: 'A report covers at most 366 days.' };
  return { from: new Date(from).toISOString(), to: new Date(last + DAY).toISOString() };
}

/** GET /reports/period.pdf with the report's arguments (the same names as the GraphQL query). */
export function reportPdfUrl(topicIds: readonly string[], window: { from: string; to: string }): string {
  const query = new URLSearchParams({ topicIds: topicIds.join(','), from: window.from, to: window.to });
  return `/reports/period.pdf?${query.toString()}`;
}

/** "pulse-report-mts-2026-03-02.pdf": what the browser saves the download as. */
export function reportFileName(topicIds: readonly string[], range: ReportRange): string {
  const days = range.fromDay === range.toDay ? range.fromDay : `${range.fromDay}--${range.toDay}`;
  return `pulse-report-${topicIds.join('-').replace(/[^a-zA-Z0-9-]+/g, '-') || 'report'}-${days}.pdf`;
}

/** " · compared with Билайн, Tele2 and 17 more without mentions": the competitors share of voice lists, and how many were silent. */
export function comparedWith(report: Pick<PeriodReport, 'competitorTopicIds' | 'shareOfVoice'>): string {
  if (report.competitorTopicIds.length === 0) return '';
  const heard = report.shareOfVoice.filter((v) => v.competitor).map((v) => v.topic?.name ?? v.topicId);
  const silent = report.competitorTopicIds.length - heard.length;
  if (heard.length === 0) return ` · compared with ${silent} topic${silent === 1 ? '' : 's'}, none mentioned`;
  return ` · compared with ${heard.join(', ')}${silent > 0 ? ` and ${silent} more without mentions` : ''}`;
}
