import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { TOPICS, type ScoredMention } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import type { Logger, PulseMetrics, Readiness } from '@pulse/runtime';
import DataLoader from 'dataloader';
import { AlertService } from './alerts/alert.service.js';
import { AnalyticsService } from './analytics/analytics.service.js';
import { ApiKeyService } from './auth/api-key.service.js';
import { requireApiKey } from './auth/auth.middleware.js';
import type { Principal } from './auth/permissions.js';
import { RateLimiter } from './auth/rate-limiter.js';
import type { GatewayConfig } from './config/gateway.config.js';
import { exportHandler } from './export/export.controller.js';
import { ExportService } from './export/export.service.js';
import { alertResolvers } from './graphql/alert.resolver.js';
import { analyticsResolvers } from './graphql/analytics.resolver.js';
import { apiKeyResolvers } from './graphql/api-key.resolver.js';
import type { GatewayContext } from './graphql/graphql-context.js';
import { GraphqlServer, buildSchema } from './graphql/graphql.server.js';
import { liveResolvers } from './graphql/live.resolver.js';
import { mentionResolvers } from './graphql/mention.resolver.js';
import { guardResolvers } from './graphql/resolver-guard.js';
import { topicResolvers } from './graphql/topic.resolver.js';
import { MentionFeed } from './live/mention-feed.js';
import { WorkflowFeed } from './live/workflow-feed.js';
import { randomUUID } from 'node:crypto';
import { MentionService } from './mentions/mention.service.js';
import { DEFAULT_QUERY_LANGUAGE, type QueryLanguage } from './query/query-language.port.js';
import { RetentionJob } from './retention/retention.job.js';
import { createPgliteMentionStore, createPostgresMentionStore } from './store/mention-store.factory.js';
import { TopicService } from './topics/topic.service.js';
import { AnswerService } from './answers/answer.service.js';
import { answerResolvers } from './graphql/answer.resolver.js';
import { ruleResolvers } from './graphql/rule.resolver.js';
import { workflowResolvers } from './graphql/workflow.resolver.js';
import { feedbackExportHandler } from './export/feedback-export.controller.js';
import { HelpdeskRouter } from './helpdesk/helpdesk.router.js';
import { RuleService } from './rules/rule.service.js';
import { SqlAlertStore } from './store/sql-alert.store.js';
import type { SqlMentionStore } from './store/sql-mention.store.js';
import { SqlWorkflowStore } from './store/sql-workflow.store.js';
import { TriageService } from './workflow/triage.service.js';
import { WorkflowService } from './workflow/workflow.service.js';
import express from 'express';
import { DASHBOARD_DIR, DASHBOARD_INDEX, dashboardBuilt } from '@pulse/dashboard';

const API_PATHS = /^\/(graphql|ingest|export|healthz|readyz|metrics)(\/|$)/;

/**
 * The dashboard at `/`: hashed assets cached long, the page itself never, and any other
 * GET that is not an API path answers with the page so deep links survive a reload.
 */
function mountDashboard(app: INestApplication): void {
  if (!dashboardBuilt()) return;
  app.use(
    express.static(DASHBOARD_DIR, {
      index: 'index.html',
      setHeaders: (res, path) => res.setHeader('Cache-Control', path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable'),
    }),
  );
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method !== 'GET' || API_PATHS.test(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(DASHBOARD_INDEX);
  });
}

export interface GatewayDeps {
  bus: Bus;
  config: GatewayConfig;
  logger: Logger;
  metrics: PulseMetrics;
  readiness: Readiness;
  /** `@pulse/query` once wired; today's web-search behaviour by default. */
  queryLanguage?: QueryLanguage;
  /** Alerts' time source; tests inject one. */
  clock?: () => number;
}

@Module({})
class GatewayModule {}

export const GATEWAY_GROUP_ID = 'pulse-gateway';
/** The spike detector's snapshot in workflow_settings: one per deployment (alerts assume one gateway replica). */
const BASELINES_KEY = 'alerts.spike-detector';

/** Scored mentions in → store → live feed; GraphQL and export over both, behind API keys. */
export class GatewayFeature {
  private store: SqlMentionStore | undefined;
  private workflowStore: SqlWorkflowStore | undefined;
  private alertStore: SqlAlertStore | undefined;
  private rules: RuleService | undefined;
  private answers: AnswerService | undefined;
  private triage: TriageService | undefined;
  private router: HelpdeskRouter | undefined;
  private topics: TopicService | undefined;
  private keys: ApiKeyService | undefined;
  private graphql: GraphqlServer | undefined;
  private retention: RetentionJob | undefined;
  readonly feed: MentionFeed;
  readonly workflowFeed: WorkflowFeed;
  readonly alerts: AlertService;
  private readonly logger: Logger;
  private readonly language: QueryLanguage;
  /** Set when this start created the first admin key: the host prints it once. */
  initialAdminKey: string | undefined;

  constructor(private readonly deps: GatewayDeps) {
    this.logger = deps.logger.child({ feature: 'gateway' });
    this.language = deps.queryLanguage ?? DEFAULT_QUERY_LANGUAGE;
    this.feed = new MentionFeed(this.logger, deps.config.subscriptionBuffer, this.language);
    this.workflowFeed = new WorkflowFeed(this.logger, deps.config.subscriptionBuffer);
    this.alerts = new AlertService({ config: deps.config.alerts, logger: this.logger, ...(deps.clock ? { clock: deps.clock } : {}) });
    deps.readiness.register({ name: 'store', check: () => this.store?.ping() ?? false });
  }

  /** Opens and migrates the store, makes sure an admin key exists and subscribes to scored mentions (before the bus starts). */
  async init(): Promise<void> {
    const { config } = this.deps;
    const store =
      config.database.kind === 'postgres'
        ? createPostgresMentionStore({ connectionString: config.database.url, poolSize: config.database.poolSize })
        : await createPgliteMentionStore({ dataDir: config.database.dataDir });
    this.logger.info({ database: config.database.kind === 'postgres' ? 'postgres' : `pglite:${config.database.dataDir ?? 'memory'}` }, 'opening mention store');
    await store.migrate();
    this.store = store;
    this.topics = new TopicService(store, this.deps.bus, this.logger, this.language.validate);
    const clock = this.deps.clock ?? Date.now;
    const workflowStore = new SqlWorkflowStore(store.client);
    this.workflowStore = workflowStore;
    this.alertStore = new SqlAlertStore(store.client);
    this.alerts.attach({
      store: this.alertStore,
      bus: this.deps.bus,
      baselines: { load: () => workflowStore.getSetting(BASELINES_KEY), save: (snapshot) => workflowStore.setSetting(BASELINES_KEY, snapshot) },
    });
    await this.alerts.resume();
    this.rules = new RuleService(workflowStore, this.language, this.logger, clock);
    this.answers = new AnswerService(workflowStore, this.logger, clock);
    this.router = new HelpdeskRouter({
      store: workflowStore,
      logger: this.logger,
      clock,
      maxAttempts: config.workflow?.helpdeskMaxAttempts ?? 5,
      retryBaseMs: config.workflow?.helpdeskRetryBaseMs ?? 2_000,
    });
    const topics = this.topics;
    const triage = new TriageService({
      rules: this.rules,
      answers: this.answers,
      store: workflowStore,
      alerts: this.alerts,
      router: this.router,
      topicNames: async () => new Map((await topics.list()).map((t) => [t.id, t.name])),
      logger: this.logger,
      clock,
      bus: this.deps.bus,
    });
    this.triage = triage;
    this.keys = new ApiKeyService(store, this.deps.bus, this.logger);
    this.initialAdminKey = await this.keys.ensureAdminKey(config.bootstrapKey);
    await this.deps.bus.subscribe({
      topic: TOPICS.scoredMentions,
      groupId: GATEWAY_GROUP_ID,
      maxBatchSize: config.batchSize,
      maxWaitMs: 20,
      handler: async (batch) => {
        const mentions = batch.map((m) => m.value);
        const plan = await triage.plan(mentions);
        const { insertedIds } = await store.upsertMentions(mentions, plan.initial);
        // Live delivery only after the mention is durable, so a dashboard never shows what a query cannot find.
        this.feed.publish(mentions);
        this.observeForAlerts(mentions);
        // Rule side effects before the offset commits: a crash here redelivers the batch and they run then.
        await triage.follow(mentions, insertedIds, plan);
      },
    });
    await this.relayWorkflowChanges();
  }

  /**
   * Every replica relays every workflow change to its own live subscribers: a consumer
   * group per process (so each gets all changes), starting at the end (history is in the store).
   */
  private async relayWorkflowChanges(): Promise<void> {
    await this.deps.bus.subscribe({
      topic: TOPICS.workflow,
      groupId: `pulse-gateway-live-${randomUUID().slice(0, 8)}`,
      fromBeginning: false,
      maxWaitMs: 20,
      handler: async (batch) => this.workflowFeed.publish(batch.map((m) => m.value)),
    });
  }

  /** After the upsert, like the live feed; never fails the batch, which would redeliver already-stored mentions. */
  private observeForAlerts(mentions: readonly ScoredMention[]): void {
    try {
      this.alerts.observe(mentions);
    } catch (error) {
      this.logger.error({ err: error }, 'alert detection failed for a batch');
    }
  }

  /** Needs a running bus: publishes the topic and API key tables for collectors, starts retention and the alert timer. */
  async bootstrap(): Promise<void> {
    this.alerts.start();
    await this.topics!.bootstrap(this.deps.config.seedTopics);
    if (this.deps.config.workflow?.seedAnswers ?? true) await this.answers!.bootstrap();
    await this.keys!.publishAll();
    const { retention } = this.deps.config;
    if (retention) {
      const alerts = this.alertStore!;
      this.retention = new RetentionJob(this.store!, this.logger, retention.days, retention.intervalMs, undefined, undefined, [(cutoff) => alerts.deleteBefore(cutoff)]);
      this.retention.start();
      this.logger.info({ days: retention.days }, 'retention on: older mentions are deleted periodically');
    }
  }

  nestModule(): DynamicModule {
    return { module: GatewayModule };
  }

  /** Mounts GraphQL (HTTP + WebSocket) and /export on the host's Nest app, before it listens. */
  async mount(app: INestApplication): Promise<void> {
    const store = this.store!;
    const topics = this.topics!;
    const keys = this.keys!;
    const mentions = new MentionService(store, this.language);
    const analytics = new AnalyticsService(store, () => topics.activeIds(), this.language);
    const workflow = new WorkflowService(this.workflowStore!, store, () => topics.activeIds(), this.deps.clock ?? Date.now, { bus: this.deps.bus, logger: this.logger });
    const schema = buildSchema(
      [
        mentionResolvers(mentions),
        topicResolvers(topics),
        analyticsResolvers(analytics),
        apiKeyResolvers(keys),
        liveResolvers(this.feed, this.language),
        alertResolvers(this.alerts),
        workflowResolvers(workflow, this.answers!, this.workflowFeed),
        ruleResolvers(this.rules!),
        answerResolvers(this.answers!),
      ].map((r) => guardResolvers(r as Record<string, Record<string, unknown>>, this.logger)),
    );
    const limiter = new RateLimiter(this.deps.config.rateLimitPerMinute);
    const context = (principal: Principal | undefined): GatewayContext => ({
      principal,
      mentions: mentions.loader(),
      topics: new DataLoader(async (ids: readonly string[]) => Promise.all(ids.map((id) => topics.get(id)))),
      live: { droppedBefore: 0 },
      workflow: workflow.loaders(),
    });
    this.graphql = new GraphqlServer(schema, this.logger, { keys, limiter, limits: this.deps.config.queryLimits, context });
    await this.graphql.mount(app);
    // Before /export, which would otherwise take this path as a mention export.
    app.use('/export/feedback', requireApiKey(keys, limiter, 'read'), feedbackExportHandler(this.workflowStore!, this.logger));
    app.use('/export', requireApiKey(keys, limiter, 'read'), exportHandler(new ExportService(store, this.language), this.logger));
    mountDashboard(app);
  }

  async stop(): Promise<void> {
    this.feed.closeAll();
    this.workflowFeed.closeAll();
    this.alerts.feed.closeAll();
    await this.retention?.stop();
    await this.graphql?.stop();
    await this.alerts.stop();
    await this.router?.drain(10_000);
  }

  async closeStore(): Promise<void> {
    await this.store?.close();
  }
}
