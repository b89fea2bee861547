import { describe, expect, it } from 'vitest';
import type { Alert } from '../api/api.types.js';
import { alertMentionId, alertSummary, leakReason, mergeAlerts } from './alert-logic.js';

const base: Alert = {
  id: 'a1',
  kind: 'spike',
  severity: 'warning',
  raisedAt: '2026-11-21T10:00:00.000Z',
  topicIds: [],
  sampleMentionIds: [],
  topicId: null,
  metric: null,
  count: null,
  baseline: null,
  zScore: null,
  escalatedFrom: null,
  mentionId: null,
  source: null,
  handle: null,
  url: null,
  excerpt: null,
  matchedTerms: null,
  watchedAccount: null,
  watchLists: null,
  evidence: null,
  ruleName: null,
  intent: null,
  sentiment: null,
};
const alert = (fields: Partial<Alert>): Alert => ({ ...base, ...fields });
const topics = new Map([['beeline', 'Билайн']]);

describe('alertSummary', () => {
  it('spike: topic name, count against the baseline', () => {
    const spike = alert({ kind: 'spike', topicId: 'beeline', topicIds: ['beeline'], metric: 'negative', count: 42, baseline: 6.25 });
    expect(alertSummary(spike, topics)).toBe('Билайн: 42 negative mentions vs ≈6.3 expected');
    expect(alertSummary({ ...spike, metric: 'total', baseline: 118.4, escalatedFrom: 'warning' }, topics)).toBe('Билайн: 42 mentions vs ≈118 expected (was warning)');
    expect(alertSummary({ ...spike, topicId: 'unknown-topic' }, topics)).toMatch(/^unknown-topic: /);
  });

  it('leak: the handle and the confidential terms', () => {
    const leak = alert({ kind: 'leak', handle: 'insider', matchedTerms: ['проект сокол', 'Q4 tariffs'], watchedAccount: true, mentionId: 'm1' });
    expect(alertSummary(leak, topics)).toBe('@insider (watched account) posted “проект сокол”, “Q4 tariffs”');
    expect(alertSummary({ ...leak, handle: '@someone', watchedAccount: false, matchedTerms: [] }, topics)).toBe('@someone posted a confidential term');
    // Terms are expressions: a quoted phrase is not quoted twice; an expression keeps its own quotes.
    expect(alertSummary({ ...leak, watchedAccount: false, matchedTerms: ['"codename"'] }, topics)).toBe('@insider posted “codename”');
    expect(alertSummary({ ...leak, watchedAccount: false, matchedTerms: ['"codename" -вакансия', 'сокол'] }, topics)).toBe('@insider posted "codename" -вакансия, “сокол”');
  });

  it('rule: the rule name and the handle', () => {
    const rule = alert({ kind: 'rule', ruleName: 'Angry VIPs', handle: 'vip_client', intent: 'complaint', sentiment: 'negative', mentionId: 'm2' });
    expect(alertSummary(rule, topics)).toBe('Rule “Angry VIPs” matched @vip_client (complaint, negative)');
    expect(alertSummary({ ...rule, intent: null, sentiment: null }, topics)).toBe('Rule “Angry VIPs” matched @vip_client');
  });
});

describe('alertMentionId', () => {
  it('opens the mention of a leak or a rule alert, nothing for a spike', () => {
    expect(alertMentionId(alert({ kind: 'leak', mentionId: 'm1' }))).toBe('m1');
    expect(alertMentionId(alert({ kind: 'rule', mentionId: null, sampleMentionIds: ['m9'] }))).toBe('m9');
    expect(alertMentionId(alert({ kind: 'spike', sampleMentionIds: ['m3'] }))).toBeUndefined();
  });
});

describe('mergeAlerts', () => {
  const at = (minute: number) => `2026-11-21T10:${String(minute).padStart(2, '0')}:00.000Z`;

  it('puts live alerts on top, newest first', () => {
    const shown = [alert({ id: 'b', raisedAt: at(5) }), alert({ id: 'a', raisedAt: at(1) })];
    expect(mergeAlerts(shown, [alert({ id: 'c', raisedAt: at(9) })]).map((a) => a.id)).toEqual(['c', 'b', 'a']);
  });

  it('keeps one alert per id, the later copy winning', () => {
    const shown = [alert({ id: 'a', raisedAt: at(1), count: 10 })];
    const merged = mergeAlerts(shown, [alert({ id: 'a', raisedAt: at(1), count: 12 }), alert({ id: 'a', raisedAt: at(1), count: 12 })]);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.count).toBe(12);
  });

  it('fills a reconnect gap from the query without duplicating what came live', () => {
    const live = [alert({ id: 'x', raisedAt: at(8) })];
    const queried = [alert({ id: 'x', raisedAt: at(8) }), alert({ id: 'y', raisedAt: at(7) }), alert({ id: 'z', raisedAt: at(2) })];
    expect(mergeAlerts(live, queried).map((a) => a.id)).toEqual(['x', 'y', 'z']);
  });

  it('orders equal times by severity and keeps at most the capacity', () => {
    const list = [alert({ id: 'w', severity: 'warning' }), alert({ id: 'c', severity: 'critical' }), alert({ id: 'h', severity: 'high' })];
    expect(mergeAlerts([], list).map((a) => a.id)).toEqual(['c', 'h', 'w']);
    expect(mergeAlerts([], list, 2)).toHaveLength(2);
  });

  it('says why a leak matched: the watch lists holding the author and the words found', () => {
    const leak = alert({ kind: 'leak', handle: 'ivan.petrov', matchedTerms: ['"Проект Сокол"'], watchedAccount: true, watchLists: ['Employees'], evidence: ['проекта Сокол'] });
    expect(leakReason(leak)).toBe('Why: on watch list “Employees” · found “проекта Сокол”');
    expect(leakReason(alert({ kind: 'leak', watchedAccount: false, watchLists: [], evidence: ['ORION-7'] }))).toBe('Why: a term flagged from anyone · found “ORION-7”');
    // Raised before alerts said why, and other kinds: nothing to add.
    expect(leakReason(alert({ kind: 'leak', matchedTerms: ['x'] }))).toBeUndefined();
    expect(leakReason(alert({ kind: 'spike' }))).toBeUndefined();
  });
});
