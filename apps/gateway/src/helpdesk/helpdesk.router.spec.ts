import type { ScoredMention } from '@pulse/contracts';
import { createLogger } from '@pulse/runtime';
import { describe, expect, it } from 'vitest';
import { normalizeRule, ruleInputSchema } from '../rules/rule.model.js';
import { HelpdeskRouter } from './helpdesk.router.js';

const logger = createLogger('test', 'silent');
const rule = normalizeRule(ruleInputSchema.parse({ name: 'r', actions: { helpdesk: { name: 'Desk', url: 'http://desk.invalid/api', ticketIdField: 'ticket.id' } } }), {
  id: 'r1',
  position: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});
const mention = { id: 'm1', text: 't', source: 'vk', author: { handle: 'h', name: 'n', url: null }, url: null, sentiment: { label: 'negative' }, language: 'ru', publishedAt: '2026-01-01T00:00:00.000Z' } as unknown as ScoredMention;

function router(responses: (() => Response)[]) {
  const events: Record<string, unknown>[] = [];
  let calls = 0;
  const r = new HelpdeskRouter({
    store: { appendEvents: async (e) => void events.push(...e.map((x) => x.data)) },
    logger,
    retryBaseMs: 1,
    maxAttempts: 3,
    fetch: async () => responses[Math.min(calls++, responses.length - 1)]!(),
  });
  r.route({ mention, rule, helpdesk: rule.actions.helpdesk!, topicNames: [], suggestion: null });
  return { r, events, calls: () => calls };
}

describe('HelpdeskRouter', () => {
  it('retries transient failures and records the ticket id from a nested field', async () => {
    const { r, events, calls } = router([() => new Response('down', { status: 502 }), () => { throw new Error('ECONNRESET'); }, () => Response.json({ ticket: { id: 42 } })]);
    await r.settle();
    expect(calls()).toBe(3);
    expect(events).toEqual([expect.objectContaining({ outcome: 'delivered', attempts: 3, ticketId: '42', helpdesk: 'Desk' })]);
  });

  it('gives up at once on a refusal that retrying cannot fix, and records why', async () => {
    const { r, events, calls } = router([() => new Response('{"error":"project SUP not found"}', { status: 404 })]);
    await r.settle();
    expect(calls()).toBe(1);
    expect(events).toEqual([expect.objectContaining({ outcome: 'failed', attempts: 1, error: 'HTTP 404: {"error":"project SUP not found"}' })]);
  });

  it('stops after the last attempt', async () => {
    const { r, events, calls } = router([() => new Response('', { status: 429 })]);
    await r.settle();
    expect(calls()).toBe(3);
    expect(events).toEqual([expect.objectContaining({ outcome: 'failed', attempts: 3, error: 'HTTP 429' })]);
  });
});
