import type { ScoredMention, SentimentLabel, TrackedTopic } from '@pulse/contracts';
import { createLogger } from '@pulse/runtime';
import { AnalyticsRepository } from '../../analytics/analytics.repository.js';
import { AnalyticsService } from '../../analytics/analytics.service.js';
import { AnswerRepository } from '../../answers/answer.repository.js';
import { AnswerService } from '../../answers/answer.service.js';
import { MIGRATIONS } from '../../database/migrations/migration.registry.js';
import { runMigrations } from '../../database/migrations/migration.runner.js';
import { SettingsRepository } from '../../database/settings.repository.js';
import type { SqlClient } from '../../database/sql-client.port.js';
import { MentionRepository } from '../../mentions/mention.repository.js';
import { MentionService } from '../../mentions/mention.service.js';
import type { InitialWorkflow } from '../../mentions/mention.model.js';
import { WorkflowPeriodRepository } from '../../workflow/workflow-period.repository.js';
import { WorkflowPeriodService } from '../../workflow/workflow-period.service.js';
import { applyChange, type MentionStatus } from '../../workflow/workflow.model.js';
import { WorkflowRepository } from '../../workflow/workflow.repository.js';
import { PeriodReportService } from '../period-report.service.js';

/**
 * The report fixture: one day (2026-03-02, UTC) of MTS mentions with competitors, small enough
 * to compute every figure by hand (see period-report.service.spec.ts for the arithmetic).
 */
export const DAY_FROM = '2026-03-02T00:00:00.000Z';
export const DAY_TO = '2026-03-03T00:00:00.000Z';
const MIN = 60_000;
const at = (hhmm: string, day = '2026-03-02'): number => Date.parse(`${day}T${hhmm}:00.000Z`);

const topic = (id: string, name: string, status: TrackedTopic['status'] = 'active'): TrackedTopic => ({
  id,
  name,
  keywords: [name],
  query: null,
  ownAccounts: [],
  status,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

export const FIXTURE_TOPICS: TrackedTopic[] = [topic('mts', 'МТС'), topic('beeline', 'Билайн'), topic('tele2', 'Tele2'), topic('megafon', 'МегаФон', 'paused')];

interface Row {
  id: string;
  at: number;
  text: string;
  author: string;
  source?: 'vk' | 'telegram';
  label: SentimentLabel;
  byTopic?: { topicId: string; label: SentimentLabel }[];
  topicIds?: string[];
  intent?: 'complaint' | 'question' | 'praise';
  replyNeeded?: boolean;
  category?: string;
  spam?: number;
}

/** Collected a minute after publication: reaction times run from collection. */
export const COLLECTION_DELAY_MS = MIN;

export const FIXTURE_ROWS: Row[] = [
  { id: 'm1', at: at('10:00'), text: 'МТС, второй день нет связи в Химках, помогите', author: 'anna', label: 'negative', intent: 'complaint', replyNeeded: true, category: 'no-connection' },
  { id: 'm2', at: at('10:30'), text: 'МТС нет интернета с утра, что происходит?', author: 'boris', label: 'negative', intent: 'complaint', replyNeeded: true, category: 'no-connection' },
  { id: 'm3', at: at('11:00'), text: 'МТС, почему списали абонентскую плату дважды?', author: 'anna', label: 'neutral', intent: 'question', replyNeeded: true, category: 'billing' },
  { id: 'm4', at: at('12:00'), text: 'Спасибо МТС за быстрый роуминг', author: 'vera', source: 'telegram', label: 'positive', intent: 'praise' },
  { id: 'm5', at: at('12:00'), text: 'МТС опять всё сломали', author: 'gleb', source: 'telegram', label: 'negative', intent: 'complaint', replyNeeded: true },
  { id: 'm6', at: at('13:00'), text: 'МТС купи подписчиков дешево', author: 'spammer', label: 'negative', intent: 'complaint', replyNeeded: true, spam: 0.9 },
  {
    id: 'm7',
    at: at('14:00'),
    text: 'Перешёл с Билайна на МТС: почему у МТС тариф дороже, чем обещали?',
    author: 'dmitry',
    label: 'negative',
    byTopic: [{ topicId: 'mts', label: 'positive' }, { topicId: 'beeline', label: 'negative' }],
    topicIds: ['mts', 'beeline'],
    intent: 'question',
    replyNeeded: true,
    category: 'billing',
  },
  { id: 'm8', at: at('20:00', '2026-03-01'), text: 'МТС, сколько можно ждать мастера', author: 'anna', label: 'negative', intent: 'complaint' },
  { id: 'm9', at: at('16:00'), text: 'МТС, всё заработало, спасибо поддержке', author: 'anna', label: 'positive', intent: 'praise' },
  { id: 'm10', at: at('09:00', '2026-03-03'), text: 'МТС, снова нет связи', author: 'boris', label: 'negative', intent: 'complaint', replyNeeded: true },
  { id: 'b1', at: at('12:00'), text: 'Билайн худший оператор', author: 'egor', label: 'negative', topicIds: ['beeline'] },
  { id: 'b2', at: at('12:30'), text: 'Билайн поменял тарифы', author: 'zhanna', label: 'neutral', topicIds: ['beeline'] },
  { id: 't1', at: at('15:00'), text: 'Tele2 отличная связь на даче', author: 'ivan', label: 'positive', topicIds: ['tele2'] },
];

/** Human responses: [mention, status, minutes after collection]. */
export const FIXTURE_RESPONSES: [string, MentionStatus, number][] = [
  ['m1', 'in_progress', 10],
  ['m1', 'resolved', 70],
  ['m2', 'resolved', 30],
  ['m7', 'in_progress', 50],
  ['m5', 'ignored', 5],
];

function scored(row: Row): ScoredMention {
  const topicIds = row.topicIds ?? ['mts'];
  const published = new Date(row.at).toISOString();
  const scores = { negative: 0.1, neutral: 0.1, positive: 0.1, [row.label]: 0.8 };
  return {
    id: row.id,
    source: row.source ?? 'vk',
    sourceId: row.id,
    url: `https://vk.com/wall-1_${row.id}`,
    text: row.text,
    language: 'ru',
    author: { id: row.author, handle: row.author, name: row.author, url: null },
    publishedAt: published,
    collectedAt: new Date(row.at + COLLECTION_DELAY_MS).toISOString(),
    topicIds,
    matches: topicIds.map((topicId) => ({ topicId, terms: [topicId] })),
    direct: false,
    duplicateOf: null,
    spam: { score: row.spam ?? 0, reasons: [] },
    sentiment: { label: row.label, score: 0.8, scores, byTopic: (row.byTopic ?? []).map((b) => ({ ...b, score: 0.8 })) },
    ...(row.intent ? { intent: { label: row.intent, replyNeeded: row.replyNeeded ?? false, confidence: 0.9, reasons: [] } } : {}),
    model: { id: 'm', version: '1' },
    scoredAt: new Date(row.at + 2 * MIN).toISOString(),
  };
}

/** Migrates, stores the fixture (categories, mentions, responses) and returns a report service over it. */
export async function loadReportFixture(
  client: SqlClient,
  clock: () => number = () => Date.parse('2026-03-09T08:00:00.000Z'),
  options: { migrate?: boolean } = {},
): Promise<PeriodReportService> {
  if (options.migrate === false) return reportService(client, clock);
  await runMigrations(client, MIGRATIONS);
  const logger = createLogger('test', 'silent');
  const answers = new AnswerService(new AnswerRepository(client), new SettingsRepository(client), logger, clock);
  await answers.create({ name: 'Нет связи или интернета', patterns: ['связь OR интернет'], template: 'Проверим связь' });
  await answers.create({ name: 'Списания и оплата', patterns: ['списали OR тариф'], template: 'Проверим списания' });
  const ids = new Map((await answers.list()).map((c) => [c.definition.name.startsWith('Нет') ? 'no-connection' : 'billing', c.id]));
  const mentions = new MentionRepository(client);
  const initial = new Map<string, InitialWorkflow>(
    FIXTURE_ROWS.map((r) => [r.id, { status: 'new', assignee: null, tags: [], answerCategoryId: r.category ? ids.get(r.category)! : null, triaged: true }]),
  );
  await mentions.upsertMentions(FIXTURE_ROWS.map(scored), initial);
  const workflow = new WorkflowRepository(client);
  for (const [id, status, minutes] of FIXTURE_RESPONSES) {
    const row = FIXTURE_ROWS.find((r) => r.id === id)!;
    const when = new Date(row.at + COLLECTION_DELAY_MS + minutes * MIN).toISOString();
    await workflow.changeWorkflow(id, 'agent', when, (current) => applyChange(current, { status }, when, { human: true }));
  }
  return reportService(client, clock);
}

/**
 * One more request, outside the fixture's day: a Tele2 complaint collected at `collectedAt` and
 * taken up `afterMs` later (to the millisecond, as a reply stamps it).
 */
export async function storeAnsweredRequest(client: SqlClient, id: string, collectedAt: string, afterMs: number): Promise<void> {
  const collected = Date.parse(collectedAt);
  const row: Row = { id, at: collected - COLLECTION_DELAY_MS, text: 'Tele2, нет связи', author: `author_${id}`, label: 'negative', topicIds: ['tele2'], intent: 'complaint', replyNeeded: true };
  await new MentionRepository(client).upsertMentions([scored(row)], new Map([[id, { status: 'new', assignee: null, tags: [], answerCategoryId: null, triaged: true }]]));
  const when = new Date(collected + afterMs).toISOString();
  await new WorkflowRepository(client).changeWorkflow(id, 'agent', when, (current) => applyChange(current, { status: 'in_progress' }, when, { human: true }));
}

/** A report service over a store that already holds the fixture. */
function reportService(client: SqlClient, clock: () => number): PeriodReportService {
  const logger = createLogger('test', 'silent');
  const answers = new AnswerService(new AnswerRepository(client), new SettingsRepository(client), logger, clock);
  const topics = { list: async () => FIXTURE_TOPICS };
  return new PeriodReportService({
    analytics: new AnalyticsService(new AnalyticsRepository(client), async () => FIXTURE_TOPICS.filter((t) => t.status === 'active').map((t) => t.id)),
    workflow: new WorkflowPeriodService(new WorkflowPeriodRepository(client)),
    answers,
    mentions: new MentionService(new MentionRepository(client)),
    topics,
    clock,
  });
}
