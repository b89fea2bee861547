import { describe, expect, it } from 'vitest';
import { applyChange, describeEvent, type WorkflowState } from './workflow.model.js';

const fresh: WorkflowState = {
  mentionId: 'm1',
  status: 'new',
  assignee: null,
  tags: [],
  answerCategoryId: null,
  firstResponseAt: null,
  resolvedAt: null,
  updatedAt: null,
};

describe('applyChange', () => {
  it('stamps the first response once, when a person takes the mention up', () => {
    const a = applyChange(fresh, { status: 'in_progress' }, '2026-11-21T10:05:00.000Z', { human: true });
    expect(a.next).toMatchObject({ status: 'in_progress', firstResponseAt: '2026-11-21T10:05:00.000Z', resolvedAt: null });
    const b = applyChange(a.next, { status: 'resolved' }, '2026-11-21T11:00:00.000Z', { human: true });
    expect(b.next).toMatchObject({ firstResponseAt: '2026-11-21T10:05:00.000Z', resolvedAt: '2026-11-21T11:00:00.000Z' });
    expect(b.events).toEqual([{ kind: 'status', data: { from: 'in_progress', to: 'resolved' } }]);
  });

  it('clears the resolution when reopened and never counts ignoring as a response', () => {
    const resolved = applyChange(fresh, { status: 'resolved' }, '2026-11-21T10:00:00.000Z', { human: true }).next;
    expect(resolved.firstResponseAt).toBe('2026-11-21T10:00:00.000Z');
    expect(applyChange(resolved, { status: 'in_progress' }, '2026-11-21T12:00:00.000Z', { human: true }).next.resolvedAt).toBeNull();
    const ignored = applyChange(fresh, { status: 'ignored' }, '2026-11-21T10:00:00.000Z', { human: true }).next;
    expect(ignored).toMatchObject({ status: 'ignored', firstResponseAt: null, resolvedAt: null });
  });

  it('does not stamp reaction times for a rule', () => {
    const { next } = applyChange(fresh, { status: 'resolved' }, '2026-11-21T10:00:00.000Z', { human: false });
    expect(next).toMatchObject({ status: 'resolved', firstResponseAt: null, resolvedAt: null });
  });

  it('normalizes tags, ignores no-op changes and records what changed', () => {
    const { next, events } = applyChange({ ...fresh, tags: ['billing'] }, { addTags: [' Urgent ', 'BILLING', ''], removeTags: ['Billing'], assignee: ' anna ', note: ' called back ' }, 'T', { human: true });
    expect(next.tags).toEqual(['urgent']);
    expect(next.assignee).toBe('anna');
    expect(events.map(describeEvent)).toEqual(['assigned to anna', 'tagged urgent; untagged billing', 'note: called back']);
    expect(applyChange(next, { status: 'new', assignee: 'anna', addTags: ['urgent'] }, 'T2', { human: true }).events).toEqual([]);
  });

  it('a reply takes a new mention up and stamps the first response once; it never moves a handled one back', () => {
    const reply = { replyId: 'r1', via: 'channel' as const, source: 'vk', account: 'МТС ВКонтакте', url: 'https://vk.com/wall-1_2?reply=3' };
    const first = applyChange(fresh, { reply }, '2026-11-21T10:03:00.000Z', { human: true });
    expect(first.next).toMatchObject({ status: 'in_progress', firstResponseAt: '2026-11-21T10:03:00.000Z', updatedAt: '2026-11-21T10:03:00.000Z' });
    expect(first.events.map(describeEvent)).toEqual(['status new → in_progress', 'replied on vk as МТС ВКонтакте: https://vk.com/wall-1_2?reply=3']);
    const resolved = applyChange(first.next, { status: 'resolved' }, '2026-11-21T10:30:00.000Z', { human: true }).next;
    const again = applyChange(resolved, { reply: { ...reply, replyId: 'r2', via: 'elsewhere', account: null, url: 'https://t.me/c/1/2' } }, '2026-11-21T11:00:00.000Z', { human: true });
    expect(again.next).toMatchObject({ status: 'resolved', firstResponseAt: '2026-11-21T10:03:00.000Z' });
    expect(again.events.map(describeEvent)).toEqual(['answered elsewhere: https://t.me/c/1/2']);
  });
});
