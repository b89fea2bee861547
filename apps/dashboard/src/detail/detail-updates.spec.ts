import { describe, expect, it } from 'vitest';
import type { MentionDetail, MentionEvent, MentionUpdate, MentionWorkflow } from '../api/api.types.js';
import { isNewerWorkflow, mergeRefreshed, mergeWorkflowUpdate, nextAssigneeInput } from './detail-updates.js';

const workflow = (fields: Partial<MentionWorkflow> = {}): MentionWorkflow => ({
  status: 'new',
  assignee: null,
  tags: [],
  firstResponseAt: null,
  resolvedAt: null,
  updatedAt: null,
  ...fields,
});
const event = (id: string, at: string, kind: MentionEvent['kind'] = 'status'): MentionEvent => ({
  id,
  at,
  actor: 'ann',
  kind,
  message: id,
  note: null,
  status: null,
  ruleId: null,
  routeOutcome: null,
  ticketId: null,
});
// Only the fields the merge looks at; the rest is carried through untouched.
const detail = (w: MentionWorkflow, history: MentionEvent[] = [], extra: Partial<MentionDetail> = {}): MentionDetail =>
  ({ id: 'm1', workflow: w, history, suggestedAnswer: null, toneCorrections: [], ...extra }) as unknown as MentionDetail;
const update = (w: MentionWorkflow, id = 'm1'): MentionUpdate => ({ id, topicIds: [], intent: null, workflow: w });

const T1 = '2026-11-21T10:00:00.000Z';
const T2 = '2026-11-21T10:05:00.000Z';

describe('isNewerWorkflow', () => {
  it('a later change is newer, an earlier or the same one is not', () => {
    expect(isNewerWorkflow(workflow({ updatedAt: T1 }), workflow({ status: 'resolved', updatedAt: T2 }))).toBe(true);
    expect(isNewerWorkflow(workflow({ status: 'resolved', updatedAt: T2 }), workflow({ updatedAt: T1 }))).toBe(false);
    expect(isNewerWorkflow(workflow({ status: 'in_progress', updatedAt: T1 }), workflow({ status: 'in_progress', updatedAt: T1 }))).toBe(false);
  });

  it('any change beats a never-changed workflow; two never-changed ones compare by contents', () => {
    expect(isNewerWorkflow(workflow(), workflow({ status: 'in_progress', updatedAt: T1 }))).toBe(true);
    expect(isNewerWorkflow(workflow(), workflow({ tags: ['billing'] }))).toBe(true);
    expect(isNewerWorkflow(workflow(), workflow())).toBe(false);
  });

  it('compares instants, not strings', () => {
    expect(isNewerWorkflow(workflow({ updatedAt: '2026-11-21T10:00:00Z' }), workflow({ updatedAt: '2026-11-21T10:00:00.500Z' }))).toBe(true);
  });
});

describe('mergeWorkflowUpdate', () => {
  it('takes a newer workflow and keeps everything else', () => {
    const shown = detail(workflow({ updatedAt: T1 }), [event('e1', T1)], { suggestedAnswer: { text: 'hello' } } as Partial<MentionDetail>);
    const next = mergeWorkflowUpdate(shown, update(workflow({ status: 'resolved', assignee: 'bob', tags: ['x'], updatedAt: T2 })));
    expect(next.workflow).toMatchObject({ status: 'resolved', assignee: 'bob', tags: ['x'] });
    expect(next.history).toBe(shown.history);
    expect(next.suggestedAnswer).toBe(shown.suggestedAnswer);
  });

  it('ignores an older change and another mention', () => {
    const shown = detail(workflow({ status: 'resolved', updatedAt: T2 }));
    expect(mergeWorkflowUpdate(shown, update(workflow({ status: 'in_progress', updatedAt: T1 })))).toBe(shown);
    expect(mergeWorkflowUpdate(shown, update(workflow({ status: 'ignored', updatedAt: '2026-11-22T00:00:00Z' }), 'm2'))).toBe(shown);
  });
});

describe('mergeRefreshed', () => {
  it('takes the re-read workflow and history', () => {
    const shown = detail(workflow({ updatedAt: T1 }), [event('e1', T1)]);
    const fresh = detail(workflow({ status: 'resolved', updatedAt: T2 }), [event('e1', T1), event('e2', T2)]);
    const next = mergeRefreshed(shown, fresh);
    expect(next.workflow.status).toBe('resolved');
    expect(next.history.map((e) => e.id)).toEqual(['e1', 'e2']);
  });

  it('keeps a newer workflow and events the panel saved while the read was under way', () => {
    const shown = detail(workflow({ status: 'ignored', updatedAt: T2 }), [event('e1', T1), event('note', '2026-11-21T10:06:00Z', 'note')]);
    const fresh = detail(workflow({ status: 'in_progress', updatedAt: T1 }), [event('e1', T1), event('e2', '2026-11-21T10:01:00Z')]);
    const next = mergeRefreshed(shown, fresh);
    expect(next.workflow.status).toBe('ignored');
    expect(next.history.map((e) => e.id)).toEqual(['e1', 'e2', 'note']);
  });

  it('keeps the suggested answer and tone corrections as shown', () => {
    const shown = detail(workflow(), [], { suggestedAnswer: { text: 'edited' } } as Partial<MentionDetail>);
    const fresh = detail(workflow({ status: 'resolved', updatedAt: T1 }), [], { suggestedAnswer: { text: 'other' } } as Partial<MentionDetail>);
    expect(mergeRefreshed(shown, fresh).suggestedAnswer).toBe(shown.suggestedAnswer);
  });
});

describe('nextAssigneeInput', () => {
  it('follows the stored assignee while the field shows it', () => {
    expect(nextAssigneeInput('', '', 'ann')).toBe('ann');
    expect(nextAssigneeInput('ann', 'ann', 'bob')).toBe('bob');
    expect(nextAssigneeInput('ann', 'ann', '')).toBe('');
  });

  it('keeps a name the user typed', () => {
    expect(nextAssigneeInput('car', 'ann', 'bob')).toBe('car');
    expect(nextAssigneeInput('carol', '', 'bob')).toBe('carol');
  });
});
