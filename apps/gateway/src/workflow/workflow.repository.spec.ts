import type { Alert, ScoredMention } from '@pulse/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyChange } from './workflow.model.js';
import { AlertRepository } from '../alerts/alert.repository.js';
import type { SqlClient } from '../database/sql-client.port.js';
import { MIGRATIONS } from '../database/migrations/migration.registry.js';
import { runMigrations } from '../database/migrations/migration.runner.js';
import { MentionRepository } from '../mentions/mention.repository.js';
import { ToneFeedbackRepository } from './tone-feedback.repository.js';
import { WorkflowStatsRepository } from './workflow-stats.repository.js';
import { WorkflowRepository } from './workflow.repository.js';
import { pgliteHarness, postgresHarness, type Harness } from '../database/testing/sql-harness.js';

const T0 = Date.parse('2026-03-02T10:00:00.000Z');
const MIN = 60_000;

function mention(id: string, over: { at?: number; author?: string; label?: 'negative' | 'neutral' | 'positive'; replyNeeded?: boolean; topicIds?: string[]; spam?: number } = {}): ScoredMention {
  const at = over.at ?? T0;
  const topicIds = over.topicIds ?? ['mts'];
  return {
    id,
    source: 'vk',
    sourceId: id,
    url: null,
    text: `text ${id}`,
    language: 'ru',
    author: { id: over.author ?? id, handle: over.author ?? id, name: 'N', url: null },
    publishedAt: new Date(at).toISOString(),
    collectedAt: new Date(at).toISOString(),
    topicIds,
    matches: topicIds.map((topicId) => ({ topicId, terms: ['мтс'] })),
    direct: false,
    duplicateOf: null,
    spam: { score: over.spam ?? 0, reasons: [] },
    sentiment: { label: over.label ?? 'negative', score: 0.9, scores: { negative: 0.9, neutral: 0.05, positive: 0.05 }, byTopic: [] },
    intent: { label: 'complaint', replyNeeded: over.replyNeeded ?? true, confidence: 0.9, reasons: [] },
    model: { id: 'm', version: '1' },
    scoredAt: new Date(at).toISOString(),
  };
}

const iso = (ms: number): string => new Date(ms).toISOString();

function workflowStoreSuite(openHarness: () => Promise<Harness>): void {
  let harness: Harness;
  let client: SqlClient;
  let mentions: MentionRepository;
  let store: WorkflowRepository;
  let stats: WorkflowStatsRepository;
  let feedback: ToneFeedbackRepository;

  beforeAll(async () => {
    harness = await openHarness();
    client = harness.client;
    await runMigrations(client, MIGRATIONS);
    mentions = new MentionRepository(client);
    store = new WorkflowRepository(client);
    stats = new WorkflowStatsRepository(client);
    feedback = new ToneFeedbackRepository(client);
  });

  afterAll(async () => {
    await client?.close();
    await harness?.dispose();
  });

  beforeEach(async () => {
    await client.exec('TRUNCATE mentions, mention_events, tone_feedback, alerts, workflow_rules, answer_categories, workflow_settings');
  });

  const respond = async (id: string, status: 'in_progress' | 'resolved', at: number) => {
    const when = iso(at);
    await store.changeWorkflow(id, 'agent', when, (current) => applyChange(current, { status }, when, { human: true }));
  };

  it('writes a new mention’s planned workflow with its insert only, never over a handled one', async () => {
    const initial = new Map([['a', { status: 'new' as const, assignee: 'anna', tags: ['urgent'], answerCategoryId: 'no-connection', triaged: false }]]);
    expect((await mentions.upsertMentions([mention('a')], initial)).insertedIds).toEqual(['a']);
    await respond('a', 'in_progress', T0 + MIN);
    const rescored = { ...mention('a'), scoredAt: iso(T0 + 5 * MIN), sentiment: { ...mention('a').sentiment, label: 'neutral' as const } };
    const other = new Map([['a', { status: 'ignored' as const, assignee: 'boris', tags: [], answerCategoryId: null, triaged: true }]]);
    expect((await mentions.upsertMentions([rescored], other)).insertedIds).toEqual([]);
    const [state] = await store.getWorkflows(['a']);
    expect(state).toMatchObject({ status: 'in_progress', assignee: 'anna', tags: ['urgent'], answerCategoryId: 'no-connection', firstResponseAt: iso(T0 + MIN) });
    expect(await store.untriaged(['a', 'missing'])).toEqual(['a']);
    await store.markTriaged(['a'], iso(T0));
    expect(await store.untriaged(['a'])).toEqual([]);
  });

  it('serializes concurrent changes to one mention so none is lost', async () => {
    await mentions.upsertMentions([mention('a')]);
    const tag = (t: string) => store.changeWorkflow('a', t, iso(T0), (current) => applyChange(current, { addTags: [t] }, iso(T0), { human: true }));
    await Promise.all(['a1', 'a2', 'a3', 'a4', 'a5'].map(tag));
    const [state] = await store.getWorkflows(['a']);
    expect([...state!.tags].sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    const [events] = await store.listEvents(['a']);
    expect(events).toHaveLength(5);
    expect(await store.changeWorkflow('missing', 'x', iso(T0), (c) => ({ next: c, events: [] }))).toBeNull();
  });

  it('lists history oldest first past ten events (ids compare as numbers, not text)', async () => {
    await mentions.upsertMentions([mention('a')]);
    await client.exec('ALTER TABLE mention_events ALTER COLUMN id RESTART WITH 5');
    await store.appendEvents(Array.from({ length: 12 }, (_, i) => ({ mentionId: 'a', actor: 'x', at: iso(T0 + i), kind: 'note' as const, data: { text: `n${i}` } })));
    const [events] = await store.listEvents(['a']);
    expect(events!.map((e) => e.data['text'])).toEqual(Array.from({ length: 12 }, (_, i) => `n${i}`));
  });

  it('computes reaction-time percentiles per topic over mentions in scope', async () => {
    await mentions.upsertMentions([
      mention('a', { at: T0 }),
      mention('b', { at: T0, topicIds: ['mts', 'beeline'] }),
      mention('c', { at: T0 }),
      mention('d', { at: T0, replyNeeded: false }),
      mention('e', { at: T0, spam: 0.9 }),
    ]);
    await respond('a', 'in_progress', T0 + 10 * MIN);
    await respond('a', 'resolved', T0 + 60 * MIN);
    await respond('b', 'resolved', T0 + 30 * MIN);
    await respond('e', 'resolved', T0 + 1 * MIN);
    await store.changeWorkflow('d', 'agent', iso(T0), (s) => applyChange(s, { status: 'ignored' }, iso(T0), { human: true }));
    const rows = await stats.reactionTimes({ topicIds: ['mts', 'beeline'], from: iso(T0 - 60 * MIN), to: iso(T0 + 60 * MIN) });
    expect(rows).toEqual([
      { topicId: '', inScope: 3, responded: 2, resolved: 2, firstResponseMedianSeconds: 1200, firstResponseP90Seconds: 1680, resolutionMedianSeconds: 2700, resolutionP90Seconds: 3420 },
      { topicId: 'mts', inScope: 3, responded: 2, resolved: 2, firstResponseMedianSeconds: 1200, firstResponseP90Seconds: 1680, resolutionMedianSeconds: 2700, resolutionP90Seconds: 3420 },
      { topicId: 'beeline', inScope: 1, responded: 1, resolved: 1, firstResponseMedianSeconds: 1800, firstResponseP90Seconds: 1800, resolutionMedianSeconds: 1800, resolutionP90Seconds: 1800 },
    ]);
    const empty = await stats.reactionTimes({ topicIds: [], from: iso(T0 + 60 * MIN), to: iso(T0 + 120 * MIN) });
    expect(empty).toEqual([{ topicId: '', inScope: 0, responded: 0, resolved: 0, firstResponseMedianSeconds: null, firstResponseP90Seconds: null, resolutionMedianSeconds: null, resolutionP90Seconds: null }]);
  });

  it('compares an answered author’s own mentions before and after the first response, within the window', async () => {
    await mentions.upsertMentions([
      mention('old', { at: T0 - 3 * 24 * 60 * MIN, author: 'ivan' }),
      mention('c', { at: T0, author: 'ivan' }),
      mention('later-ok', { at: T0 + 2 * 60 * MIN, author: 'ivan', label: 'positive' }),
      mention('later-bad', { at: T0 + 3 * 60 * MIN, author: 'ivan', label: 'negative' }),
      mention('other-topic', { at: T0 + 3 * 60 * MIN, author: 'ivan', label: 'negative', topicIds: ['beeline'] }),
      mention('stranger', { at: T0 + 60 * MIN, author: 'olga' }),
    ]);
    await respond('c', 'in_progress', T0 + 30 * MIN);
    const [all, mts] = await stats.handlingEffect({ topicIds: ['mts'], from: iso(T0), to: iso(T0 + 24 * 60 * MIN), windowHours: 24 });
    expect(mts).toEqual({ topicId: 'mts', authors: 1, beforeTotal: 1, beforeNegative: 1, afterTotal: 2, afterNegative: 1 });
    expect(all).toEqual({ topicId: '', authors: 1, beforeTotal: 1, beforeNegative: 1, afterTotal: 3, afterNegative: 2 });
  });

  it('counts coverage from the category recorded at arrival', async () => {
    const w = (answerCategoryId: string | null) => ({ status: 'new' as const, assignee: null, tags: [], answerCategoryId, triaged: true });
    await mentions.upsertMentions(
      [mention('a'), mention('b'), mention('c'), mention('d', { replyNeeded: false })],
      new Map([
        ['a', w('no-connection')],
        ['b', w('no-connection')],
        ['c', w(null)],
        ['d', w('no-connection')],
      ]),
    );
    const [all] = await stats.answerCoverage({ topicIds: [], from: iso(T0), to: iso(T0 + MIN) });
    expect(all).toEqual({ topicId: '', requests: 3, matched: 2, byCategory: [{ categoryId: 'no-connection', matched: 2 }] });
  });

  it('keeps one tone correction per mention and topic, exported oldest first across pages', async () => {
    const record = (mentionId: string, at: number, label = 'positive') => ({
      mentionId,
      topicId: '',
      label,
      previousLabel: 'negative',
      comment: null,
      actor: 'anna',
      at: iso(at),
      text: 't',
      language: 'ru',
      source: 'vk',
      terms: [],
      modelId: 'm',
      modelVersion: '1',
    });
    for (let i = 0; i < 5; i++) await feedback.saveToneFeedback(record(`m${i}`, T0 + i * MIN));
    await feedback.saveToneFeedback(record('m0', T0 + 10 * MIN, 'neutral'));
    const pages: string[][] = [];
    for await (const page of feedback.streamToneFeedback(undefined, 2)) pages.push(page.map((r) => `${r.mentionId}:${r.label}:${r.previousLabel}`));
    expect(pages).toEqual([['m1:positive:negative', 'm2:positive:negative'], ['m3:positive:negative', 'm4:positive:negative'], ['m0:neutral:negative']]);
    const since: string[] = [];
    for await (const page of feedback.streamToneFeedback(iso(T0 + 4 * MIN), 2)) since.push(...page.map((r) => r.mentionId));
    expect(since).toEqual(['m4', 'm0']);
  });

  it('stores each alert once and lists them newest first by topic and time', async () => {
    const alerts = new AlertRepository(client);
    const leak = (id: string, raisedAt: number, topicIds: string[]): Alert => ({
      kind: 'leak',
      id,
      severity: 'high',
      mentionId: id,
      source: 'vk',
      handle: 'h',
      url: null,
      topicIds,
      matchedTerms: ['x'],
      watchedAccount: false,
      excerpt: 'x',
      publishedAt: iso(raisedAt),
      raisedAt: iso(raisedAt),
    });
    expect((await alerts.saveNew([leak('a', T0, ['mts']), leak('b', T0 + MIN, ['beeline']), leak('a', T0, ['mts'])])).map((a) => a.id)).toEqual(['a', 'b']);
    expect(await alerts.saveNew([leak('b', T0 + MIN, ['beeline'])])).toEqual([]);
    expect((await alerts.list({ limit: 10 })).map((a) => a.id)).toEqual(['b', 'a']);
    expect((await alerts.list({ limit: 10, topicIds: ['mts'] })).map((a) => a.id)).toEqual(['a']);
    expect((await alerts.list({ limit: 10, since: iso(T0 + MIN) })).map((a) => a.id)).toEqual(['b']);
    expect((await alerts.list({ limit: 1 })).map((a) => a.id)).toEqual(['b']);
    expect(await alerts.list({ limit: 10, kinds: ['spike', 'rule'] })).toEqual([]);
    expect((await alerts.list({ limit: 10, kinds: ['leak'] })).map((a) => a.id)).toEqual(['b', 'a']);
    expect(await alerts.deleteBefore(iso(T0 + MIN))).toBe(1);
    expect((await alerts.list({ limit: 10 })).map((a) => a.id)).toEqual(['b']);
  });
}

describe('workflow, statistics, feedback and alert repositories on PGlite', () => {
  workflowStoreSuite(pgliteHarness);
});

const databaseUrl = process.env['PULSE_TEST_DATABASE_URL'];

describe.runIf(databaseUrl)('workflow, statistics, feedback and alert repositories on PostgreSQL', () => {
  workflowStoreSuite(() => postgresHarness(databaseUrl ?? ''));
});
