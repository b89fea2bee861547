import type { PeriodReport } from './period-report.model.js';
import { formatDuration, formatPeriod, percent } from './report-format.js';
import { reportTitle } from './pdf/report-sections.js';

export interface ReportMail {
  subject: string;
  text: string;
}

/**
 * The e-mail around a report's PDF: the headline figures in plain text, so the mail is worth
 * reading on a phone without opening the attachment.
 */
export function reportMail(report: PeriodReport, label = 'Weekly report'): ReportMail {
  const title = reportTitle(report);
  const period = formatPeriod(report.from, report.to);
  const { mentions, requests, handling } = report;
  const name = (id: string) => report.topicNames[id] ?? id;
  const lines = [
    `${title} — ${period}`,
    '',
    `Mentions: ${mentions.total} (${percent(mentions.negativeShare)} negative)`,
    `Requests: ${requests.responded} of ${requests.inScope} answered (${percent(requests.answeredShare)}), ${requests.resolved} resolved`,
    `First response: median ${formatDuration(requests.firstResponseMedianSeconds)}, p90 ${formatDuration(requests.firstResponseP90Seconds)}`,
    `Resolution: median ${formatDuration(requests.resolutionMedianSeconds)}, p90 ${formatDuration(requests.resolutionP90Seconds)}`,
    `Negative share before / after handling: ${percent(handling.beforeNegativeShare)} → ${percent(handling.afterNegativeShare)} (${handling.authors} authors)`,
  ];
  if (report.shareOfVoice.length > 0) lines.push(`Share of voice: ${report.shareOfVoice.map((v) => `${name(v.topicId)} ${percent(v.share)}`).join(', ')}`);
  if (report.categories.length > 0) lines.push(`Top problems: ${report.categories.slice(0, 3).map((g) => `${g.name} (${g.requests})`).join(', ')}`);
  lines.push('', 'The full report is attached (PDF).');
  return { subject: `Pulse ${label.toLowerCase()}: ${title}, ${period}`, text: lines.join('\n') };
}
