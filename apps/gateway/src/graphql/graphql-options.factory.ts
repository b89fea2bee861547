import { fileURLToPath } from 'node:url';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { SOURCES, SOURCE_ALIASES } from '@pulse/contracts';
import type { Logger } from '@pulse/runtime';
import DataLoader from 'dataloader';
import { parse, type DocumentNode } from 'graphql';
import type { Context as WsContext } from 'graphql-ws';
import type { ApiKeyService } from '../auth/api-key.service.js';
import { principalOf } from '../auth/auth.middleware.js';
import { SESSION_CLOSE, type LiveSessions } from '../auth/live-sessions.js';
import { bearerToken, can, type Principal } from '../auth/permissions.js';
import type { RateLimiter } from '../auth/rate-limiter.js';
import type { GatewayConfig } from '../config/gateway.config.js';
import { GatewayError, formatGraphQLError, toGraphQLError } from '../errors/gateway.errors.js';
import type { MentionService } from '../mentions/mention.service.js';
import type { ReplyService } from '../replies/reply.service.js';
import type { TopicService } from '../topics/topic.service.js';
import type { WorkflowService } from '../workflow/workflow.service.js';
import type { GatewayContext } from './graphql-context.js';
import { assertMayIntrospect } from './introspection.check.js';
import { operationStoreCost, queryLimitsRule } from './query-limits.rule.js';
import { DateTimeScalar } from './scalars.js';

/**
 * Store cost units (`@cost` weights) one rate-limit token buys: every request takes one token at
 * the HTTP gate; one that scans more takes one more per this many units, so a key's budget bounds
 * the store time it can use, not just its request count. A page of mentions (100) or the
 * dashboard's analytics card (~760) costs one or two tokens; a dozen top-author scans, twelve.
 */
export const COST_PER_TOKEN = 500;

/**
 * The Source enum's values as resolvers see them: an alias (`x`) arrives as the source it stands
 * for (`twitter`), so no service compares against aliases. Output keeps the canonical name
 * because the schema lists each alias before its source (graphql-js serialises a shared
 * internal value by the last enum value declaring it).
 */
export const SOURCE_ENUM_VALUES: Record<string, string> = { ...Object.fromEntries(SOURCES.map((s) => [s, s])), ...SOURCE_ALIASES };

/** A document to check before graphql-ws runs it; a syntax error is left to graphql-ws to report. */
function parseOrUndefined(query: string): DocumentNode | undefined {
  try {
    return parse(query);
  } catch {
    return undefined;
  }
}

/** Resolved from dist/graphql/ or src/graphql/ alike: the build copies schema.graphql next to this file. */
export const SCHEMA_PATH = fileURLToPath(new URL('./schema.graphql', import.meta.url));

export interface GraphqlOptionsDeps {
  config: GatewayConfig;
  logger: Logger;
  keys: ApiKeyService;
  limiter: RateLimiter;
  sessions: LiveSessions;
  mentions: MentionService;
  topics: TopicService;
  workflow: WorkflowService;
  replies: ReplyService;
}

/**
 * Apollo over HTTP and graphql-ws over WebSocket on `/graphql`, one schema (schema-first from
 * the committed schema.graphql), one set of validation rules (depth and cost) and one API-key
 * check, so queries and subscriptions agree. HTTP requests are authenticated and rate-limited
 * by middleware before GraphQL runs; WebSocket sessions in `connection_init`.
 */
export function graphqlOptions(deps: GraphqlOptionsDeps): ApolloDriverConfig {
  const { keys, limiter, logger, sessions } = deps;
  // A fresh context per operation: DataLoaders must not outlive one.
  const context = (principal: Principal | undefined): GatewayContext => ({
    principal,
    mentions: deps.mentions.loader(),
    topics: new DataLoader(async (ids: readonly string[]) => deps.topics.getMany(ids), { maxBatchSize: 1000 }),
    live: { droppedBefore: 0 },
    workflow: deps.workflow.loaders(),
    replies: deps.replies.loaders(),
  });
  const principals = new WeakMap<object, Principal>();
  return {
    typePaths: [SCHEMA_PATH],
    resolvers: { DateTime: DateTimeScalar, Source: SOURCE_ENUM_VALUES },
    path: '/graphql',
    graphiql: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // Credentials travel in the Authorization header, which a cross-site form or <img> cannot set: no CSRF surface.
    csrfPrevention: false,
    // Nest owns shutdown: Apollo must not stop itself (and re-raise the signal) on SIGTERM.
    stopOnTerminationSignals: false,
    // Auth and rate-limit refusals keep their HTTP status (401/403/429) as documented; Nest's driver would reset it to 200.
    preserveHttpStatusForExecutionErrors: false,
    validationRules: [queryLimitsRule(deps.config.queryLimits)],
    formatError: (formatted, error) => formatGraphQLError(formatted, error),
    plugins: [
      {
        // After validation (so the cost limit has passed) and before execution: charge the key by cost.
        requestDidStart: async () => ({
          didResolveOperation: async ({ document, operation, contextValue, schema }) => {
            const principal = (contextValue as GatewayContext).principal;
            try {
              assertMayIntrospect(principal, document);
            } catch (error) {
              throw toGraphQLError(error as GatewayError);
            }
            if (!operation) return;
            const extra = Math.ceil(operationStoreCost(schema, document, operation) / COST_PER_TOKEN) - 1;
            if (!principal || extra <= 0) return;
            const retryAfterSeconds = limiter.take(principal.keyId, extra);
            if (retryAfterSeconds > 0) {
              throw toGraphQLError(new GatewayError('RATE_LIMITED', `this request costs more than the key has left this minute; retry in ${retryAfterSeconds}s`, { retryAfterSeconds }));
            }
          },
        }),
      },
    ],
    // HTTP: `{ req, res }` from the Express integration; WebSocket: graphql-ws's connection context.
    context: (arg: { res?: unknown } | WsContext) =>
      'res' in arg && arg.res ? context(principalOf(arg.res as Parameters<typeof principalOf>[0])) : context(principals.get(arg as object)),
    subscriptions: {
      'graphql-ws': {
        path: '/graphql',
        // A refused session closes before any operation runs, saying why (missing vs unknown/revoked key).
        onConnect: async (ctx: WsContext) => {
          const socket = (ctx.extra as { socket: { close(code: number, reason: string): void } }).socket;
          const token = bearerToken(ctx.connectionParams?.['authorization']);
          if (!token) {
            socket.close(SESSION_CLOSE.missingKey.code, SESSION_CLOSE.missingKey.reason);
            return false;
          }
          try {
            const principal = await keys.authenticate(token);
            if (!can(principal, 'subscribe')) {
              socket.close(SESSION_CLOSE.cannotSubscribe.code, SESSION_CLOSE.cannotSubscribe.reason);
              return false;
            }
            principals.set(ctx, principal);
            sessions.add(principal.keyId, socket);
            return true;
          } catch (error) {
            logger.debug({ err: error }, 'websocket connection refused');
            socket.close(SESSION_CLOSE.unknownKey.code, SESSION_CLOSE.unknownKey.reason);
            return false;
          }
        },
        onClose: (ctx: WsContext) => {
          const principal = principals.get(ctx);
          if (principal) sessions.remove(principal.keyId, (ctx.extra as { socket: { close(code: number, reason: string): void } }).socket);
        },
        onSubscribe: (ctx: WsContext, _id: string, payload: { query?: unknown }) => {
          const principal = principals.get(ctx);
          // Queries run over the socket too: the same introspection rule as over HTTP.
          const document = typeof payload?.query === 'string' ? parseOrUndefined(payload.query) : undefined;
          if (document) {
            try {
              assertMayIntrospect(principal, document);
            } catch (error) {
              return [toGraphQLError(error as GatewayError)];
            }
          }
          const retryAfterSeconds = principal ? limiter.take(principal.keyId) : 0;
          if (retryAfterSeconds > 0) {
            return [toGraphQLError(new GatewayError('RATE_LIMITED', `rate limit exceeded for this API key; retry in ${retryAfterSeconds}s`, { retryAfterSeconds }))];
          }
          return undefined;
        },
        // A slow subscriber's lost events are reported with the next one it gets (see live.resolver).
        onNext: (_ctx: WsContext, _id: string, _payload: unknown, args: { contextValue?: unknown }, result: { errors?: readonly { toJSON(): unknown }[]; extensions?: Record<string, unknown> }) => {
          const live = (args.contextValue as GatewayContext | undefined)?.live;
          if (!live || live.droppedBefore === 0) return undefined;
          const droppedMentions = live.droppedBefore;
          live.droppedBefore = 0;
          return { ...result, errors: result.errors?.map((e) => e.toJSON()), extensions: { ...result.extensions, droppedMentions } };
        },
      },
    },
  } as ApolloDriverConfig;
}
