import type { ScoredMention } from '@pulse/contracts';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway.errors.js';
import { MIN, T0, mention } from './testing/workflow-spec.fixtures.js';
import type { MentionEventInput, WorkflowState } from './workflow.model.js';
import type { WorkflowRepository } from './workflow.repository.js';
import { WorkflowService } from './workflow.service.js';

/** The workflow columns and history of a few mentions, as the repository keeps them. */
function memoryStore(ids: string[]) {
  const states = new Map<string, WorkflowState>(
    ids.map((id) => [id, { mentionId: id, status: 'new', assignee: null, tags: [], answerCategoryId: null, firstResponseAt: null, resolvedAt: null, updatedAt: null }]),
  );
  const events: (MentionEventInput & { mentionId: string; actor: string; at: string })[] = [];
  const store: Pick<WorkflowRepository, 'changeWorkflow'> = {
    async changeWorkflow(mentionId, actor, at, change) {
      const current = states.get(mentionId);
      if (!current) return null;
      const { next, events: added } = change(current);
      if (added.length === 0) return next;
      states.set(mentionId, next);
      events.push(...added.map((e) => ({ ...e, mentionId, actor, at })));
      return next;
    },
  };
  return { states, events, store };
}

function service(now: number, mentions: ScoredMention[]) {
  const memory = memoryStore(mentions.map((m) => m.id));
  const published: unknown[] = [];
  const workflow = new WorkflowService(
    memory.store as WorkflowRepository,
    {} as never,
    {} as never,
    { getMentions: async (ids: readonly string[]) => ids.map((id) => mentions.find((m) => m.id === id) ?? null) } as never,
    async () => ['mts'],
    () => now,
    { bus: { publish: async (_topic, payloads) => void published.push(...payloads) }, logger: { warn: () => undefined } as never },
  );
  return { workflow, published, ...memory };
}

const complaint = mention('c1', { text: 'МТС, нет связи', label: 'negative', intent: 'complaint', replyNeeded: true, at: T0 });
const iso = (t: number) => new Date(t).toISOString();

describe('WorkflowService.changeAt (past handling replayed by a host)', () => {
  it('stamps the change, its history and the reaction times with the given time, and announces it', async () => {
    const { workflow, states, events, published } = service(T0 + 24 * 60 * MIN, [complaint]);
    await workflow.changeAt(complaint.id, { status: 'in_progress', assignee: 'Ольга К.' }, 'demo:olga', iso(T0 + 12 * MIN));
    await workflow.changeAt(complaint.id, { status: 'resolved', addTags: ['outage'] }, 'demo:olga', iso(T0 + 3 * 60 * MIN));
    expect(states.get(complaint.id)).toMatchObject({ status: 'resolved', assignee: 'Ольга К.', tags: ['outage'], firstResponseAt: iso(T0 + 12 * MIN), resolvedAt: iso(T0 + 3 * 60 * MIN), updatedAt: iso(T0 + 3 * 60 * MIN) });
    expect(events.map((e) => [e.kind, e.actor, e.at])).toEqual([
      ['status', 'demo:olga', iso(T0 + 12 * MIN)],
      ['assign', 'demo:olga', iso(T0 + 12 * MIN)],
      ['status', 'demo:olga', iso(T0 + 3 * 60 * MIN)],
      ['tags', 'demo:olga', iso(T0 + 3 * 60 * MIN)],
    ]);
    expect(published).toEqual([expect.objectContaining({ mentionId: complaint.id, status: 'in_progress', at: iso(T0 + 12 * MIN) }), expect.objectContaining({ status: 'resolved', actor: 'demo:olga' })]);
  });

  it('refuses a time in the future, before the mention was collected, or before its last change, and an unknown mention', async () => {
    const { workflow, events } = service(T0 + 60 * MIN, [complaint]);
    const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof GatewayError ? `${e.code} ${String(e.details.field ?? '')}`.trim() : String(e)));
    expect(await code(workflow.changeAt(complaint.id, { status: 'resolved' }, 'demo:olga', iso(T0 + 61 * MIN)))).toBe('INVALID_ARGUMENT at');
    expect(await code(workflow.changeAt(complaint.id, { status: 'resolved' }, 'demo:olga', 'yesterday'))).toBe('INVALID_ARGUMENT at');
    // Collected a second after publication: a response before it would be a negative reaction time.
    expect(await code(workflow.changeAt(complaint.id, { status: 'resolved' }, 'demo:olga', iso(T0)))).toBe('INVALID_ARGUMENT at');
    expect(await code(workflow.changeAt(complaint.id, { status: 'in_progress' }, 'demo:olga', iso(T0 + 30 * MIN)))).toBe('ok');
    expect(await code(workflow.changeAt(complaint.id, { status: 'resolved' }, 'demo:olga', iso(T0 + 20 * MIN)))).toBe('INVALID_ARGUMENT at');
    expect(await code(workflow.changeAt('nope', { status: 'resolved' }, 'demo:olga', iso(T0 + 40 * MIN)))).toBe('NOT_FOUND id');
    expect(events).toHaveLength(1);
  });
});
