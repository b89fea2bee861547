import type { Alert } from '../alerts/alert.schema.js';

/** One human-readable rendering shared by every channel, so Slack, Telegram and email say the same thing. */
export interface AlertView {
  title: string;
  fields: Array<{ label: string; value: string }>;
  /** The mention's text for a leak: shown as a quote, not a field. */
  quote: string | null;
  link: string | null;
}

function minutes(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000);
}

export function viewAlert(alert: Alert): AlertView {
  const severity = alert.severity.toUpperCase();
  if (alert.kind === 'spike') {
    const what = alert.metric === 'negative' ? 'Negative mentions spike' : 'Mention volume spike';
    const fields = [
      { label: 'Topic', value: alert.topicId },
      { label: 'Mentions', value: `${alert.count} in ${minutes(alert.bucketStart, alert.bucketEnd)} min` },
      { label: 'Baseline', value: `${alert.baseline} ± ${alert.baselineStdDev}` },
      { label: 'z-score', value: String(alert.zScore) },
      { label: 'Window', value: `${alert.bucketStart} – ${alert.bucketEnd}` },
    ];
    if (alert.escalatedFrom) fields.push({ label: 'Escalated from', value: alert.escalatedFrom });
    if (alert.suppressedBefore > 0) fields.push({ label: 'Suppressed by cap', value: String(alert.suppressedBefore) });
    if (alert.sampleMentionIds.length > 0) fields.push({ label: 'Sample mentions', value: alert.sampleMentionIds.join(', ') });
    return { title: `[${severity}] ${what}: ${alert.topicId}`, fields, quote: null, link: null };
  }
  if (alert.kind === 'rule') {
    const fields = [
      { label: 'Rule', value: alert.ruleName },
      { label: 'Author', value: `${alert.handle} (${alert.source})` },
      { label: 'Tone', value: alert.sentiment },
      { label: 'Published', value: alert.publishedAt },
      { label: 'Mention', value: alert.mentionId },
    ];
    if (alert.intent) fields.splice(2, 0, { label: 'Intent', value: alert.intent });
    if (alert.topicIds.length > 0) fields.push({ label: 'Topics', value: alert.topicIds.join(', ') });
    return { title: `[${severity}] ${alert.ruleName}: ${alert.handle} (${alert.source})`, fields, quote: alert.excerpt, link: alert.url };
  }
  const watched = alert.watchLists?.length ? `, on watch list ${alert.watchLists.join(', ')}` : alert.watchedAccount ? ', watched account' : '';
  const fields = [
    { label: 'Author', value: `${alert.handle} (${alert.source})${watched}` },
    { label: 'Terms', value: alert.matchedTerms.join(', ') },
    ...(alert.evidence?.length ? [{ label: 'Found', value: alert.evidence.map((e) => `“${e}”`).join(', ') }] : []),
    { label: 'Published', value: alert.publishedAt },
    { label: 'Mention', value: alert.mentionId },
  ];
  if (alert.topicIds.length > 0) fields.push({ label: 'Topics', value: alert.topicIds.join(', ') });
  return { title: `[${severity}] Possible leak by ${alert.handle} (${alert.source})`, fields, quote: alert.excerpt, link: alert.url };
}

export function alertPlainText(alert: Alert): string {
  const view = viewAlert(alert);
  const lines = [view.title, '', ...view.fields.map((f) => `${f.label}: ${f.value}`)];
  if (view.link) lines.push(`Link: ${view.link}`);
  if (view.quote) lines.push('', ...view.quote.split(/\r?\n/).map((l) => `> ${l}`));
  return lines.join('\n');
}
