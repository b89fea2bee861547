import { mentionId } from '@pulse/contracts';
import { describe, expect, it } from 'vitest';
import { deskActions } from './demo-desk.js';
import { demoHistory } from './demo-history.js';

const HOUR = 3_600_000;
const END = Date.parse('2026-11-17T16:00:00.000Z');
const history = demoHistory({ end: END, days: 4, ratePerSecond: 0.1 });
const actions = deskActions({ ...history, end: END });
const posts = new Map(history.posts.map((p) => [mentionId(p.source, p.sourceId), p]));
/** Each answered mention's last answer (a complaint of the outage may be answered again later). */
const answerAt = new Map<string, number>();
for (const a of history.answers) answerAt.set(a.parentId!, Math.max(answerAt.get(a.parentId!) ?? 0, a.meta.time));

describe('the demo support agents’ past work', () => {
  it('resolves most answered complaints of the outage once service is back, tagged, after the answer', () => {
    const incident = history.incident!;
    const outage = actions.filter((a) => a.tags.includes('outage'));
    const answeredInOutage = [...answerAt.keys()].filter((id) => {
      const p = posts.get(id)!;
      return p.meta.topicId === incident.topicId && p.meta.time >= incident.start && p.meta.time < incident.end;
    });
    expect(answeredInOutage.length).toBeGreaterThan(20);
    expect(outage.length / answeredInOutage.length).toBeGreaterThan(0.8);
    for (const action of outage) {
      expect(action).toMatchObject({ status: 'resolved', answered: true, topicId: 'beeline' });
      expect(action.at).toBeGreaterThan(answerAt.get(action.mentionId)!);
      expect(action.at).toBeGreaterThanOrEqual(incident.end - 30 * 60_000);
    }
  });

  it('closes everyday answered requests hours later, in support hours, and picks up a few complaints nobody addressed to the brand', () => {
    const routine = actions.filter((a) => a.answered && !a.tags.includes('outage'));
    expect(routine.length).toBeGreaterThan(50);
    const hours = routine.map((a) => (a.at - answerAt.get(a.mentionId)!) / HOUR).sort((x, y) => x - y);
    expect(hours[0]).toBeGreaterThan(0);
    expect(hours[Math.floor(hours.length / 2)]).toBeGreaterThan(1);
    expect(hours[Math.floor(hours.length / 2)]).toBeLessThan(12);
    for (const a of routine) expect(new Date(a.at + 3 * HOUR).getUTCHours()).toBeGreaterThanOrEqual(6);
    const picked = actions.filter((a) => !a.answered);
    expect(picked.length).toBeGreaterThan(20);
    for (const a of picked) expect(posts.get(a.mentionId)).toMatchObject({ meta: { intent: 'complaint', direct: false } });
    // Each picked-up mention is taken up before it is resolved, by the same agent.
    const byMention = new Map<string, typeof picked>();
    for (const a of picked) byMention.set(a.mentionId, [...(byMention.get(a.mentionId) ?? []), a]);
    for (const list of byMention.values()) {
      expect(list[0]!.status).toBe('in_progress');
      if (list[1]) expect(list[1]).toMatchObject({ status: 'resolved', agent: list[0]!.agent });
    }
  });

  it('stays in the past, oldest first, and by the brands’ own agents', () => {
    expect(actions.every((a) => a.at < END)).toBe(true);
    expect(actions.map((a) => a.at)).toEqual([...actions.map((a) => a.at)].sort((x, y) => x - y));
    expect(new Set(actions.map((a) => a.topicId))).toEqual(new Set(['mts', 'beeline']));
    expect(new Set(actions.map((a) => a.agent)).size).toBe(6);
    for (const a of actions) expect(a.at).toBeGreaterThan(Date.parse(posts.get(a.mentionId)!.collectedAt!));
  });

  it('is the same for the same history', () => {
    expect(deskActions({ ...history, end: END })).toEqual(actions);
  });
});
