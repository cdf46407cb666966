/**
 * The one way every sector subgraph is served (design §2: same inside everywhere):
 * a Federation 2 schema from its schema.graphql, Apollo Server 5 on express, a fresh
 * context with per-request DataLoaders, and health endpoints for the gateway's /readyz.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import express from 'express';
import type { DocumentNode } from 'graphql';
import type { Knex } from 'knex';
import { scalarResolvers, type SubgraphInfo } from '@credit-hub/schema';
import { logger, type Logger } from './logger.js';

export interface SubgraphContext<L> {
  db: Knex;
  loaders: L;
  requestId: string;
  log: Logger;
}

export interface SubgraphDefinition<L> {
  info: SubgraphInfo;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<SubgraphContext<L>>;
  /** A fresh set of DataLoaders for one request. */
  createLoaders(db: Knex): L;
}

export interface RunningSubgraph {
  name: string;
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4002/graphql */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export function buildSchemaOf<L>(definition: SubgraphDefinition<L>) {
  return buildSubgraphSchema([
    { typeDefs: definition.typeDefs, resolvers: { ...scalarResolvers, ...definition.resolvers } as GraphQLResolverMap<unknown> },
  ]);
}

export async function startSubgraph<L>(
  definition: SubgraphDefinition<L>,
  options: { db: Knex; port?: number; host?: string },
): Promise<RunningSubgraph> {
  const { db } = options;
  const log = logger.child({ subgraph: definition.info.name });
  const app = express();
  const httpServer: Server = createServer(app);
  const apollo = new ApolloServer<SubgraphContext<L>>({
    schema: buildSchemaOf(definition),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled()],
    includeStacktraceInErrorResponses: process.env.NODE_ENV === 'development',
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok', subgraph: definition.info.name }));
  app.get('/readyz', async (_req, res) => {
    try {
      await db.raw('select 1');
      res.json({ status: 'ready', subgraph: definition.info.name });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', subgraph: definition.info.name, reason: 'database unreachable' });
      log.warn({ err: error }, 'readiness check failed');
    }
  });
  app.use(
    '/graphql',
    express.json({ limit: '2mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = req.header('x-request-id') ?? randomUUID();
        return { db, loaders: definition.createLoaders(db), requestId, log: log.child({ requestId }) };
      },
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/graphql`;
  log.info({ url }, 'subgraph listening');
  return { name: definition.info.name, url, port, stop: () => apollo.stop() };
}
