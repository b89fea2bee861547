import type { ScoredMention } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import { createLogger } from '@pulse/runtime';
import { describe, expect, it } from 'vitest';
import type { AlertService } from '../alerts/alert.service.js';
import type { MentionFeed } from '../live/mention-feed.js';
import { idOf, mention } from '../testing/gateway-spec.fixtures.js';
import { StoredMentionRelay } from './stored-mention.relay.js';

function relayRecording(): { relay: StoredMentionRelay; live: string[]; observed: string[] } {
  const live: string[] = [];
  const observed: string[] = [];
  const feed = { publish: (ms: readonly ScoredMention[]) => void live.push(...ms.map((m) => m.id)) } as unknown as MentionFeed;
  const alerts = { observe: (ms: readonly ScoredMention[]) => void observed.push(...ms.map((m) => m.id)) } as unknown as AlertService;
  return { relay: new StoredMentionRelay({ bus: {} as Bus, feed, alerts, logger: createLogger('test', 'silent') }), live, observed };
}

describe('StoredMentionRelay', () => {
  it('drops a redelivered batch and a re-score that changed nothing (a worker killed before its commit)', () => {
    const { relay, live, observed } = relayRecording();
    relay.relay([mention('a'), mention('b')]);
    relay.relay([mention('a'), mention('b')]);
    relay.relay([mention('a', { scoredAt: '2026-03-02T10:05:00.000Z', collectedAt: '2026-03-02T10:04:00.000Z' })]);
    // Scored again in another batch: the same tone with probabilities a few float digits apart.
    const again = mention('a', { scoredAt: '2026-03-02T10:06:00.000Z' });
    relay.relay([{ ...again, sentiment: { ...again.sentiment, score: again.sentiment.score + 1e-7, scores: { ...again.sentiment.scores, neutral: again.sentiment.scores.neutral + 1e-7 } } }]);
    expect(live).toEqual([idOf('a'), idOf('b')]);
    expect(observed).toEqual([idOf('a'), idOf('b')]);
  });

  it('delivers a re-score that says something new (another tone, another model)', () => {
    const { relay, live } = relayRecording();
    relay.relay([mention('a')]);
    relay.relay([mention('a', { label: 'negative', scoredAt: '2026-03-02T10:05:00.000Z' })]);
    relay.relay([mention('a', { model: { id: 'm', version: '2' }, scoredAt: '2026-03-02T10:06:00.000Z' })]);
    expect(live).toEqual([idOf('a'), idOf('a'), idOf('a')]);
  });
});

describe('StoredMentionRelay, what this replica stored', () => {
  it('delivers it at once and drops the stored topic’s copy of it, and only that', () => {
    const { relay, live, observed } = relayRecording();
    relay.storedHere([mention('a'), mention('b')]);
    expect(live).toEqual([idOf('a'), idOf('b')]);
    // The announce comes back through the topic: already shown here.
    relay.relay([mention('a'), mention('b')]);
    // Another replica stored a re-score that says something new: shown.
    relay.relay([mention('a', { label: 'negative', scoredAt: '2026-03-02T10:05:00.000Z' })]);
    // A retried batch is stored and announced once more: a copy either way.
    relay.storedHere([mention('b')]);
    relay.relay([mention('b')]);
    expect(live).toEqual([idOf('a'), idOf('b'), idOf('a')]);
    expect(observed).toEqual(live);
  });

  it('drops what arrives from the topic first and is then stored here again (a redelivery)', () => {
    const { relay, live } = relayRecording();
    relay.relay([mention('a')]);
    relay.storedHere([mention('a')]);
    expect(live).toEqual([idOf('a')]);
  });
});
