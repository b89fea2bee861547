import type { ScoredMention } from '@pulse/contracts';
import { TOPICS } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import { describe, expect, it } from 'vitest';
import type { MentionService } from '../mentions/mention.service.js';
import { mention } from '../testing/gateway-spec.fixtures.js';
import type { TriageService } from '../workflow/triage.service.js';
import { ScoredMentionConsumer } from './scored-mention.consumer.js';

describe('ScoredMentionConsumer', () => {
  it('shows a stored batch on this replica’s feed before the announce through the broker returns, and never before the store', async () => {
    const events: string[] = [];
    let acknowledge: (() => void) | undefined;
    const bus = {
      publish: (topic: string) => {
        events.push(`publish ${topic}`);
        return new Promise<void>((r) => (acknowledge = r));
      },
    } as unknown as Bus;
    const mentions = { store: async () => (events.push('store'), { insertedIds: [] }) } as unknown as MentionService;
    const triage = { plan: async () => ({ initial: new Map() }), follow: async () => undefined } as unknown as TriageService;
    const storedHere = { storedHere: (ms: readonly ScoredMention[]) => void events.push(`live ${ms.length}`) };
    const consumer = new ScoredMentionConsumer({ bus, mentions, triage, batchSize: 100, storedHere });
    const handled = consumer.handle([mention('a'), mention('b')]);
    await new Promise((r) => setTimeout(r, 5));
    expect(events).toEqual(['store', 'live 2', `publish ${TOPICS.storedMentions}`]);
    acknowledge!();
    await handled;
  });
});
