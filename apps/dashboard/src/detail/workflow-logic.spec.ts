import { describe, expect, it } from 'vitest';
import type { MentionEvent } from '../api/api.types.js';
import { actorName, eventText, newestFirst, parseTags, statusActions } from './workflow-logic.js';

describe('statusActions', () => {
  it('offers Take, Resolve and Ignore on a new mention', () => {
    expect(statusActions('new').map((a) => [a.label, a.status])).toEqual([
      ['Take', 'in_progress'],
      ['Resolve', 'resolved'],
      ['Ignore', 'ignored'],
    ]);
  });

  it('offers Resolve and Ignore while in progress, Reopen once closed', () => {
    expect(statusActions('in_progress').map((a) => a.label)).toEqual(['Resolve', 'Ignore']);
    expect(statusActions('resolved').map((a) => [a.label, a.status])).toEqual([['Reopen', 'new']]);
    expect(statusActions('ignored').map((a) => a.label)).toEqual(['Reopen']);
  });
});

describe('parseTags', () => {
  it('splits on commas and normalises like the gateway', () => {
    expect(parseTags(' Billing, urgent  case ,,billing ')).toEqual(['billing', 'urgent case']);
    expect(parseTags(' , ')).toEqual([]);
  });
});

describe('history lines', () => {
  const event = (fields: Partial<MentionEvent>): MentionEvent => ({
    id: 'e',
    at: '2026-11-21T10:00:00Z',
    actor: 'admin',
    kind: 'note',
    message: '',
    note: null,
    status: null,
    ruleId: null,
    routeOutcome: null,
    ticketId: null,
    ...fields,
  });

  it('puts status codes in words', () => {
    expect(eventText(event({ kind: 'status', message: 'status new → in_progress', status: 'in_progress' }))).toBe('status New → In progress');
    expect(eventText(event({ kind: 'tags', message: 'tagged new' }))).toBe('tagged new');
    expect(eventText(event({ kind: 'reply', message: 'replied on vk as Билайн ВКонтакте: https://vk.com/wall-1_2?reply=3' }))).toBe('replied on VK as Билайн ВКонтакте: https://vk.com/wall-1_2?reply=3');
    expect(eventText(event({ kind: 'reply', message: 'replied on twitter as @beeline' }))).toBe('replied on X as @beeline');
    expect(eventText(event({ kind: 'reply', message: 'answered elsewhere: https://support.example.com/1' }))).toBe('answered elsewhere: https://support.example.com/1');
  });

  it('names rules as rules and lists the newest first', () => {
    expect(actorName('rule:r-12')).toBe('rule r-12');
    expect(actorName('Support desk')).toBe('Support desk');
    expect(newestFirst([event({ id: '1' }), event({ id: '2' })]).map((e) => e.id)).toEqual(['2', '1']);
  });
});
