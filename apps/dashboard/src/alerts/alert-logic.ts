import type { Alert, AlertKind, AlertSeverity } from '../api/api.types.js';
import { INTENT_NAMES, TONE_NAMES } from '../ui/format.js';

/** How many alerts the panel keeps (the first query asks for as many). */
export const ALERT_CAPACITY = 50;

export const SEVERITY_NAMES: Record<AlertSeverity, string> = { warning: 'Warning', high: 'High', critical: 'Critical' };
export const KIND_NAMES: Record<AlertKind, string> = { spike: 'Spike', leak: 'Leak', rule: 'Rule' };
const SEVERITY_RANK: Record<AlertSeverity, number> = { warning: 0, high: 1, critical: 2 };

function roundBaseline(value: number): string {
  return value < 10 ? String(Math.round(value * 10) / 10) : String(Math.round(value));
}

function quoted(terms: readonly string[]): string {
  return terms.map((t) => `“${t}”`).join(', ');
}

/**
 * Confidential terms are query expressions: one quoted phrase reads as the phrase in the page's
 * quotes (“проект сокол”, not “"проект сокол"”); an expression with quotes of its own is shown
 * as written; a bare word or phrase gets the page's quotes.
 */
function termList(terms: readonly string[]): string {
  return terms
    .map((t) => {
      const phrase = /^"([^"]*)"$/u.exec(t.trim());
      if (phrase) return `“${phrase[1]}”`;
      return t.includes('"') ? t : `“${t}”`;
    })
    .join(', ');
}

/**
 * One line per alert, by kind: a spike names its topic and the count against the baseline,
 * a leak its author and the confidential terms, a rule the rule and the author.
 */
export function alertSummary(alert: Alert, topicNames: ReadonlyMap<string, string>): string {
  switch (alert.kind) {
    case 'spike': {
      const topicId = alert.topicId ?? alert.topicIds[0];
      const topic = topicId ? (topicNames.get(topicId) ?? topicId) : 'All topics';
      const what = alert.metric === 'negative' ? 'negative mentions' : 'mentions';
      const count = alert.count ?? 0;
      const baseline = alert.baseline === null ? '' : ` vs ≈${roundBaseline(alert.baseline)} expected`;
      const escalated = alert.escalatedFrom ? ` (was ${SEVERITY_NAMES[alert.escalatedFrom].toLowerCase()})` : '';
      return `${topic}: ${count} ${what}${baseline}${escalated}`;
    }
    case 'leak': {
      const who = alert.handle ? `@${alert.handle.replace(/^@/, '')}` : 'someone';
      const terms = alert.matchedTerms && alert.matchedTerms.length > 0 ? ` posted ${termList(alert.matchedTerms)}` : ' posted a confidential term';
      return `${who}${alert.watchedAccount ? ' (watched account)' : ''}${terms}`;
    }
    case 'rule': {
      const who = alert.handle ? `@${alert.handle.replace(/^@/, '')}` : 'a mention';
      const details = [alert.intent ? INTENT_NAMES[alert.intent] : undefined, alert.sentiment ? TONE_NAMES[alert.sentiment] : undefined].filter(Boolean);
      return `Rule “${alert.ruleName ?? 'unnamed'}” matched ${who}${details.length > 0 ? ` (${details.join(', ').toLowerCase()})` : ''}`;
    }
    default: {
      const unknown: never = alert.kind;
      return String(unknown);
    }
  }
}

/**
 * Why a leak alert matched, in words: the watch lists holding the author and what the terms
 * found in the post; undefined for other kinds (and for leaks raised before alerts said why).
 */
export function leakReason(alert: Alert): string | undefined {
  if (alert.kind !== 'leak') return undefined;
  const parts: string[] = [];
  if (alert.watchLists && alert.watchLists.length > 0) parts.push(`on watch list ${alert.watchLists.map((l) => `“${l}”`).join(', ')}`);
  else if (alert.watchLists) parts.push('a term flagged from anyone');
  if (alert.evidence && alert.evidence.length > 0) parts.push(`found ${quoted(alert.evidence)}`);
  return parts.length > 0 ? `Why: ${parts.join(' · ')}` : undefined;
}

/** The mention a click on the alert opens: a leak's or rule's mention; spikes have none (they point the feed at the topic). */
export function alertMentionId(alert: Alert): string | undefined {
  return alert.kind === 'spike' ? undefined : (alert.mentionId ?? alert.sampleMentionIds[0] ?? undefined);
}

/**
 * Live alerts on top of what is shown, newest first, one per id (a redelivered alert keeps
 * its id; the later copy wins), at most `capacity`.
 */
export function mergeAlerts(shown: readonly Alert[], incoming: readonly Alert[], capacity = ALERT_CAPACITY): Alert[] {
  const byId = new Map<string, Alert>();
  for (const alert of shown) byId.set(alert.id, alert);
  for (const alert of incoming) byId.set(alert.id, alert);
  const time = (alert: Alert) => Date.parse(alert.raisedAt) || 0;
  return [...byId.values()].sort((a, b) => time(b) - time(a) || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]).slice(0, capacity);
}
