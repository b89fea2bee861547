import { mentionId } from '@pulse/contracts';
import { describe, expect, it } from 'vitest';
import { DuplicateDetector } from '../quality/duplicate.detector.js';
import { textSignature } from '../quality/text-fingerprint.js';
import { demoHistory, incidentWindow } from './demo-history.js';

const HOUR = 3_600_000;
const END = Date.parse('2026-11-17T16:00:00.000Z');
const week = demoHistory({ end: END, days: 7, ratePerSecond: 0.1 });
const posts = week.posts;
const tally = <K>(key: (p: (typeof posts)[number]) => K): Map<K, number> => {
  const counts = new Map<K, number>();
  for (const p of posts) counts.set(key(p), (counts.get(key(p)) ?? 0) + 1);
  return counts;
};

describe('the demo history (a week at 0.1 mentions/s)', () => {
  it('is the same for the same start, and ends before it', () => {
    const again = demoHistory({ end: END, days: 7, ratePerSecond: 0.1 });
    expect(again.posts.map((p) => p.sourceId)).toEqual(posts.map((p) => p.sourceId));
    expect(posts.at(-1)!.meta.time).toBeLessThan(END);
    expect(posts[0]!.meta.time).toBeGreaterThanOrEqual(END - 7 * 24 * HOUR);
    // 0.1/s over a week is 60,480 on average; weekends are quieter.
    expect(posts.length).toBeGreaterThan(50_000);
    expect(posts.length).toBeLessThan(65_000);
  }, 30_000);

  it('comes from several sources, VK and Telegram first, with forums and news sites over RSS', () => {
    const sources = tally((p) => p.source);
    expect([...sources.keys()].sort()).toEqual(['reddit', 'rss', 'telegram', 'twitter', 'vk']);
    expect(sources.get('vk')!).toBeGreaterThan(sources.get('twitter')!);
    expect(sources.get('rss')! / posts.length).toBeGreaterThan(0.04);
  });

  it('has regulars: thousands of authors, a few dozen posting daily, plausible follower counts', () => {
    const authors = tally((p) => `${p.source}:${p.author.handle}`);
    expect(authors.size).toBeGreaterThan(3_000);
    const people = [...authors].filter(([key]) => !key.startsWith('rss:'));
    expect(people.filter(([, n]) => n >= 7).length).toBeGreaterThan(30);
    const followers = posts.filter((p) => p.source !== 'rss').map((p) => p.author.followers).sort((a, b) => a - b);
    expect(followers[Math.floor(followers.length / 2)]).toBeGreaterThan(80);
    expect(followers[Math.floor(followers.length / 2)]).toBeLessThan(1_000);
    expect(followers.at(-1)).toBeGreaterThan(15_000);
  });

  it('follows the day: the Moscow evening is several times busier than the night', () => {
    const hours = tally((p) => new Date(p.meta.time + 3 * HOUR).getUTCHours());
    expect(hours.get(20)! / hours.get(3)!).toBeGreaterThan(3);
  });

  it('gives competitors a share of voice by loudness: МТС and Билайн lead, several brands follow', () => {
    const topics = [...tally((p) => p.meta.topicId)].sort((a, b) => b[1] - a[1]);
    expect(topics.slice(0, 2).map(([t]) => t).sort()).toEqual(['beeline', 'mts']);
    expect(topics.length).toBeGreaterThanOrEqual(15);
    expect(topics[0]![1] / posts.length).toBeLessThan(0.2);
  });

  it('has one resolved outage at Билайн: complaints several times the usual, most direct ones answered fast, thanks afterwards', () => {
    const incident = week.incident!;
    expect(incident.topicId).toBe('beeline');
    expect(incident.end - incident.start).toBe(3 * HOUR);
    const complaints = (from: number, to: number) => posts.filter((p) => p.meta.topicId === 'beeline' && p.meta.intent === 'complaint' && p.meta.time >= from && p.meta.time < to);
    const during = complaints(incident.start, incident.end).length;
    const dayBefore = complaints(incident.start - 24 * HOUR, incident.end - 24 * HOUR).length;
    expect(during / Math.max(1, dayBefore)).toBeGreaterThan(4);

    const byId = new Map(posts.map((p) => [mentionId(p.source, p.sourceId), p]));
    const answered = week.answers.filter((a) => a.meta.topicId === 'beeline' && a.meta.time >= incident.start && a.meta.time < incident.end + 2 * HOUR);
    expect(answered.length).toBeGreaterThan(60);
    const delays = answered.map((a) => (a.meta.time - byId.get(a.parentId!)!.meta.time) / 60_000).sort((a, b) => a - b);
    expect(delays[0]).toBeGreaterThanOrEqual(2);
    expect(delays[Math.floor(delays.length / 2)]).toBeLessThan(30);
    expect(answered.every((a) => a.author.handle === 'beeline_help')).toBe(true);

    const answeredAuthors = new Map(answered.map((a) => [byId.get(a.parentId!)!.author.id, a.meta.time]));
    const thanks = posts.filter((p) => p.meta.intent === 'praise' && p.meta.topicId === 'beeline' && (answeredAuthors.get(p.author.id) ?? Infinity) < p.meta.time);
    expect(thanks.length).toBeGreaterThan(20);
  });

  it('answers every day too (МТС and Билайн support), and never before the post or after the history ends', () => {
    const byId = new Map(posts.map((p) => [mentionId(p.source, p.sourceId), p]));
    expect(week.answers.length).toBeGreaterThan(500);
    for (const answer of week.answers) {
      const parent = byId.get(answer.parentId!);
      expect(parent).toBeDefined();
      expect(answer.meta.time).toBeGreaterThan(parent!.meta.time);
      expect(answer.meta.time).toBeLessThan(END);
      expect(answer.source).toBe(parent!.source);
    }
  });

  it('reads as different posts to the collector: under 10% near-duplicates though it all arrives within minutes', () => {
    const detector = new DuplicateDetector({ windowMs: 6 * HOUR });
    let copies = 0;
    for (const p of posts) if (detector.check(`${p.source}:${p.sourceId}`, textSignature(p.text), p.author.id, 0).duplicateOf) copies += 1;
    expect(copies / posts.length).toBeLessThan(0.1);
  }, 60_000);

  it('places the outage three days back at 18:10 Moscow time, the day before in a two-day history, none under half a day', () => {
    expect(new Date(incidentWindow(END - 7 * 24 * HOUR, END)!.start).toISOString()).toBe('2026-11-14T15:10:00.000Z');
    expect(incidentWindow(END - 48 * HOUR, END)!.start).toBeLessThan(END - 5 * HOUR);
    expect(incidentWindow(END - 6 * HOUR, END)).toBeNull();
  });
});
