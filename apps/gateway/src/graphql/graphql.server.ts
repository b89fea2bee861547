import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { Logger } from '@pulse/runtime';
import express from 'express';
import { specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { ApiKeyService } from '../auth/api-key.service.js';
import { principalOf, requireApiKey } from '../auth/auth.middleware.js';
import { bearerToken, type Principal } from '../auth/permissions.js';
import type { RateLimiter } from '../auth/rate-limiter.js';
import { formatGraphQLError, GatewayError, toGraphQLError } from '../errors/gateway.errors.js';
import type { GatewayContext } from './graphql-context.js';
import { queryLimitsRule, type QueryLimits } from './query-limits.rule.js';
import { DateTimeScalar } from './scalars.js';

/** Resolved from dist/graphql/ or src/graphql/ alike: the build copies schema.graphql next to this file. */
export const SCHEMA_PATH = new URL('./schema.graphql', import.meta.url);

export function buildSchema(resolvers: Record<string, Record<string, unknown>>[]): GraphQLSchema {
  const schema = makeExecutableSchema({
    typeDefs: readFileSync(SCHEMA_PATH, 'utf8'),
    resolvers: [{ DateTime: DateTimeScalar }, ...resolvers],
  });
  // A root field without a resolver would answer null without any permission check.
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const implemented = root === schema.getSubscriptionType() ? field.subscribe : field.resolve;
      if (!implemented) throw new Error(`${root!.name}.${field.name} has no resolver`);
    }
  }
  return schema;
}

export interface GraphqlServerOptions {
  keys: ApiKeyService;
  limiter: RateLimiter;
  limits: QueryLimits;
  /** A fresh context per operation (DataLoaders must not outlive one). */
  context: (principal: Principal | undefined) => GatewayContext;
}

/**
 * Apollo Server over HTTP and graphql-ws over WebSocket on the same `/graphql` path of
 * the Nest app's HTTP server, sharing one schema, one set of validation rules and one
 * API-key check so queries and subscriptions agree.
 */
export class GraphqlServer {
  private apollo: ApolloServer<GatewayContext> | undefined;
  private disposeWs: (() => Promise<void>) | undefined;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly logger: Logger,
    private readonly options: GraphqlServerOptions,
  ) {}

  /** On the host's HTTP server (WebSocket upgrades) and its Express app (`use`), before it listens. */
  async mount(httpServer: Server, use: (path: string, ...handlers: express.RequestHandler[]) => void): Promise<void> {
    const { keys, limiter, limits, context } = this.options;
    const rules = [queryLimitsRule(limits)];
    const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
    const principals = new WeakMap<object, Principal>();
    const ws = useServer(
      {
        schema: this.schema,
        validate: (schema, document) => validate(schema, document, [...specifiedRules, ...rules]),
        // Returning false closes the socket with 4403 Forbidden before any operation runs.
        onConnect: async (ctx) => {
          try {
            principals.set(ctx, await keys.authenticate(bearerToken(ctx.connectionParams?.['authorization'])));
            return true;
          } catch (error) {
            this.logger.debug({ err: error }, 'websocket connection refused');
            return false;
          }
        },
        onSubscribe: (ctx) => {
          const principal = principals.get(ctx);
          const retryAfterSeconds = principal ? limiter.take(principal.keyId) : 0;
          if (retryAfterSeconds > 0) {
            return [toGraphQLError(new GatewayError('RATE_LIMITED', `rate limit exceeded for this API key; retry in ${retryAfterSeconds}s`, { retryAfterSeconds }))];
          }
          return undefined;
        },
        context: (ctx) => context(principals.get(ctx)),
        onNext: (_ctx, _id, _payload, args, result) => {
          const live = (args.contextValue as GatewayContext | undefined)?.live;
          if (!live || live.droppedBefore === 0) return undefined;
          const droppedMentions = live.droppedBefore;
          live.droppedBefore = 0;
          return { ...result, errors: result.errors?.map((e) => e.toJSON()), extensions: { ...result.extensions, droppedMentions } };
        },
        onError: (_ctx, _id, _payload, errors) => {
          this.logger.debug({ errors: errors.map((e) => e.message) }, 'subscription error');
          return errors.map((e) => formatGraphQLError(e.toJSON(), e));
        },
      },
      wss,
    );
    // Called by Apollo's drain and by stop(); ws rejects a second close, so dispose once.
    let disposing: Promise<void> | undefined;
    this.disposeWs = () => (disposing ??= Promise.resolve(ws.dispose()));
    this.apollo = new ApolloServer<GatewayContext>({
      schema: this.schema,
      introspection: true,
      includeStacktraceInErrorResponses: false,
      validationRules: rules,
      // Credentials travel in the Authorization header, which a cross-site form or <img> cannot set: no CSRF surface.
      csrfPrevention: false,
      // Nest owns shutdown: Apollo's own SIGTERM handler would stop the server and re-raise the
      // signal (outside NODE_ENV=test), so the host's drain would be cut short by a second signal.
      stopOnTerminationSignals: false,
      formatError: (formatted, error) => formatGraphQLError(formatted, error),
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer }),
        ApolloServerPluginLandingPageDisabled(),
        { serverWillStart: async () => ({ drainServer: async () => this.disposeWs?.() }) },
      ],
    });
    await this.apollo.start();
    use(
      '/graphql',
      requireApiKey(keys, limiter),
      express.json({ limit: '1mb' }),
      expressMiddleware(this.apollo, { context: async ({ res }) => context(principalOf(res)) }),
    );
  }

  async stop(): Promise<void> {
    await this.disposeWs?.();
    await this.apollo?.stop();
  }
}
