import type { ScoredMention } from '@pulse/contracts';
import type { AnalyticsService, ShareOfVoice } from '../analytics/analytics.service.js';
import type { AnswerService } from '../answers/answer.service.js';
import { GatewayError, storeCall } from '../errors/gateway.errors.js';
import type { MentionService } from '../mentions/mention.service.js';
import type { TopicService } from '../topics/topic.service.js';
import type { RequestGroupRow } from '../workflow/workflow-period.model.js';
import type { WorkflowPeriodService } from '../workflow/workflow-period.service.js';
import type { PeriodReport, PeriodReportRequest, ReportExample, ReportGroup, ReportVoice } from './period-report.model.js';
import { parseReportArgs, type ParsedReportArgs } from './period-report.input.js';

/** Per problem list: the most frequent groups, each with a couple of examples. */
export const REPORT_GROUPS = 8;
export const REPORT_EXAMPLES = 2;
export const REPORT_HANDLED = 10;
export const REPORT_SOURCES = 6;
export const REPORT_AUTHORS = 8;
/** Competitors shown in share of voice: the loudest ones that were mentioned at all. */
export const REPORT_COMPETITORS = 8;
const EXCERPT_LENGTH = 180;

/** The intents as a support team names them (the schema's enum values are identifiers). */
export const INTENT_NAMES: Record<string, string> = {
  complaint: 'Complaint',
  question: 'Question',
  request: 'Request',
  praise: 'Praise',
  other: 'Other',
};

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
// To the millisecond the timestamps carry: rounded to tenths first, 2.46 s would read "3 s" here
// (2.5, then rounded again for display) and "2 s" on the mention's own panel.
const secondsBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 1000;

export function excerpt(text: string, length = EXCERPT_LENGTH): string {
  const line = text.replace(/\s+/gu, ' ').trim();
  return line.length <= length ? line : `${line.slice(0, length - 1).trimEnd()}…`;
}

function example(mention: ScoredMention): ReportExample {
  return { mentionId: mention.id, source: mention.source, handle: mention.author.handle, url: mention.url, excerpt: excerpt(mention.text), publishedAt: mention.publishedAt };
}

/**
 * Shares are of every compared topic; the list keeps the report's own topics and the loudest
 * competitors that were mentioned at all (twenty silent rivals are no information).
 */
function shareOfVoice(voices: readonly ShareOfVoice[], competitors: ReadonlySet<string>): ReportVoice[] {
  const marked = voices.map((v) => ({ ...v, competitor: competitors.has(v.topicId) }));
  const heard = new Set(marked.filter((v) => v.competitor && v.total > 0).slice(0, REPORT_COMPETITORS).map((v) => v.topicId));
  return marked.filter((v) => !v.competitor || heard.has(v.topicId));
}

/**
 * The period report: what a support team publishes each week or month. Every figure comes
 * from the services that answer the same question elsewhere in the API (analytics, workflow
 * statistics, typical answers, mentions), over the report's topics taken together (each
 * mention once; tone toward the topic when the report has one topic, the overall tone
 * otherwise — the mention filter's rule), so a figure can be checked against its query.
 */
export class PeriodReportService {
  constructor(
    private readonly deps: {
      analytics: AnalyticsService;
      workflow: WorkflowPeriodService;
      answers: Pick<AnswerService, 'categoryName'>;
      mentions: Pick<MentionService, 'getMentions'>;
      topics: Pick<TopicService, 'list'>;
      clock: () => number;
    },
  ) {}

  /** From GraphQL arguments or a parsed query string. */
  async report(input: unknown): Promise<PeriodReport> {
    return this.build(await this.resolve(parseReportArgs(input)));
  }

  async build(request: PeriodReportRequest): Promise<PeriodReport> {
    const { analytics, workflow } = this.deps;
    const scope = { topicIds: request.topicIds, from: request.from, to: request.to };
    const filter = { topicIds: request.topicIds, from: request.from, to: request.to };
    const [timeline, voices, sources, authors, figures, topics] = await Promise.all([
      analytics.filteredTimeline(filter, request.interval),
      analytics.shareOfVoice({ topicIds: [...request.topicIds, ...request.competitorTopicIds], from: request.from, to: request.to }),
      analytics.sourceBreakdown(filter),
      analytics.topAuthors(filter, REPORT_AUTHORS),
      workflow.periodFigures(scope, { windowHours: request.windowHours, examples: REPORT_EXAMPLES, handledLimit: REPORT_HANDLED }),
      storeCall(() => this.deps.topics.list()),
    ]);
    const categoryGroups = figures.categories.slice(0, REPORT_GROUPS);
    const intentGroups = figures.intents.slice(0, REPORT_GROUPS);
    const ids = [...categoryGroups, ...intentGroups].flatMap((g) => g.sampleIds).concat(figures.handled.map((h) => h.mentionId));
    const found = await this.deps.mentions.getMentions([...new Set(ids)]);
    const byId = new Map(found.filter((m): m is ScoredMention => m !== null).map((m) => [m.id, m]));
    const requests = figures.categories.reduce((sum, g) => sum + g.requests, 0);
    const categoryName = async (id: string | null): Promise<string> => (id === null ? 'No typical answer' : ((await this.deps.answers.categoryName(id)) ?? id));
    const group = async (row: RequestGroupRow, name: (key: string | null) => Promise<string> | string): Promise<ReportGroup> => ({
      key: row.key,
      name: await name(row.key),
      requests: row.requests,
      share: requests === 0 ? 0 : row.requests / requests,
      examples: row.sampleIds.flatMap((id) => (byId.has(id) ? [example(byId.get(id)!)] : [])),
    });
    const mentions = timeline.reduce((sum, b) => ({ negative: sum.negative + b.negative, neutral: sum.neutral + b.neutral, positive: sum.positive + b.positive, total: sum.total + b.total }), {
      negative: 0,
      neutral: 0,
      positive: 0,
      total: 0,
    });
    const { reaction, handling } = figures;
    const competitors = new Set(request.competitorTopicIds);
    return {
      ...request,
      generatedAt: new Date(this.deps.clock()).toISOString(),
      topicNames: Object.fromEntries(topics.filter((t) => request.topicIds.includes(t.id) || competitors.has(t.id)).map((t) => [t.id, t.name])),
      mentions: { ...mentions, negativeShare: share(mentions.negative, mentions.total) },
      requests: { ...reaction, answeredShare: share(reaction.responded, reaction.inScope) },
      categories: await Promise.all(categoryGroups.map((g) => group(g, categoryName))),
      intents: await Promise.all(intentGroups.map((g) => group(g, (key) => (key === null ? 'Not classified' : (INTENT_NAMES[key] ?? key))))),
      toneTrend: timeline,
      negativeShareTrend: timeline.map((b) => ({ start: b.start, negative: b.negative, total: b.total, share: share(b.negative, b.total) })),
      handling: {
        ...handling,
        beforeNegativeShare: share(handling.beforeNegative, handling.beforeTotal),
        afterNegativeShare: share(handling.afterNegative, handling.afterTotal),
      },
      shareOfVoice: shareOfVoice(voices, competitors),
      topSources: sources.slice(0, REPORT_SOURCES),
      topAuthors: authors,
      handledRequests: await Promise.all(
        figures.handled.flatMap((h) => {
          const mention = byId.get(h.mentionId);
          if (!mention) return [];
          return [
            (async () => ({
              ...example(mention),
              status: h.status,
              collectedAt: h.collectedAt,
              firstResponseAt: h.firstResponseAt,
              firstResponseSeconds: secondsBetween(h.collectedAt, h.firstResponseAt),
              resolvedAt: h.resolvedAt,
              resolutionSeconds: h.resolvedAt === null ? null : secondsBetween(h.collectedAt, h.resolvedAt),
              categoryName: h.answerCategoryId === null ? null : await categoryName(h.answerCategoryId),
            }))(),
          ];
        }),
      ),
    };
  }

  /** Topics must exist (a typo would otherwise be an empty report); competitors default to every other active topic. */
  async resolve(args: ParsedReportArgs): Promise<PeriodReportRequest> {
    const topics = await storeCall(() => this.deps.topics.list());
    const known = new Map(topics.map((t) => [t.id, t]));
    for (const [field, ids] of [['topicIds', args.topicIds], ['competitorTopicIds', args.competitorTopicIds ?? []]] as const) {
      const missing = ids.find((id) => !known.has(id) || known.get(id)!.status === 'deleted');
      if (missing !== undefined) throw new GatewayError('NOT_FOUND', `no topic "${missing}"`, { field });
    }
    const competitorTopicIds = args.competitorTopicIds ?? topics.filter((t) => t.status === 'active' && !args.topicIds.includes(t.id)).map((t) => t.id);
    return { topicIds: args.topicIds, competitorTopicIds, from: args.from, to: args.to, interval: args.interval, windowHours: args.windowHours };
  }
}
