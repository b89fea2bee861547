import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { INestApplication } from '@nestjs/common';
import type { Logger } from '@pulse/runtime';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { DateTimeScalar } from './scalars.js';

/** Resolved from dist/graphql/ or src/graphql/ alike: the build copies schema.graphql next to this file. */
export const SCHEMA_PATH = new URL('./schema.graphql', import.meta.url);

export function buildSchema(resolvers: Record<string, Record<string, unknown>>[]): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: readFileSync(SCHEMA_PATH, 'utf8'),
    resolvers: [{ DateTime: DateTimeScalar }, ...resolvers],
  });
}

/**
 * Apollo Server over HTTP and graphql-ws over WebSocket on the same `/graphql` path of
 * the Nest app's HTTP server, sharing one schema so queries and subscriptions agree.
 */
export class GraphqlServer {
  private apollo: ApolloServer | undefined;
  private disposeWs: (() => Promise<void>) | undefined;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly logger: Logger,
  ) {}

  async mount(app: INestApplication): Promise<void> {
    const httpServer = app.getHttpServer() as Server;
    const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
    const ws = useServer(
      {
        schema: this.schema,
        onError: (_ctx, _id, _payload, errors) => {
          this.logger.debug({ errors: errors.map((e) => e.message) }, 'subscription error');
        },
      },
      wss,
    );
    // Called by Apollo's drain and by stop(); ws rejects a second close, so dispose once.
    let disposing: Promise<void> | undefined;
    this.disposeWs = () => (disposing ??= Promise.resolve(ws.dispose()));
    this.apollo = new ApolloServer({
      schema: this.schema,
      introspection: true,
      includeStacktraceInErrorResponses: false,
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer }),
        ApolloServerPluginLandingPageDisabled(),
        { serverWillStart: async () => ({ drainServer: async () => this.disposeWs?.() }) },
      ],
    });
    await this.apollo.start();
    app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(this.apollo));
  }

  async stop(): Promise<void> {
    await this.disposeWs?.();
    await this.apollo?.stop();
  }
}
