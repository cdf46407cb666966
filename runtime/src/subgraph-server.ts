/**
 * The one way every sector subgraph is served (design §2: same inside everywhere):
 * a Federation 2 schema from its schema.graphql with the policy applied, Apollo Server 5
 * on express, a fresh context per request (verified caller, purpose, DataLoaders, the
 * disclosure collector), the access-log write before the response leaves, and health
 * endpoints for the gateway's /readyz.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import express from 'express';
import type { DocumentNode } from 'graphql';
import type { Knex } from 'knex';
import { errors, scalarResolvers, type PolicyRequest, type SubgraphInfo } from '@credit-hub/schema';
import { appendAccessLog, callerColumns, DisclosureCollector } from './audit.js';
import { DisclosureLedger } from './audit-completeness.js';
import { isDatabaseUnavailable } from './db.js';
import type { Caller, CallerVerifier } from './identity.js';
import { logger, type Logger } from './logger.js';
import { applyPolicy, type PolicyContext } from './policy-middleware.js';
import { DEFAULT_OPERATION_LIMITS, operationLimitsPlugin, tokenLimit, type OperationLimits } from './operation-limits.js';
import { hubRequestHeaders, requestIdsOf } from './request-ids.js';
import { DEFAULT_HTTP_KEEP_ALIVE_TIMEOUT_MS, serverTimeouts } from './timeouts.js';
import {
  auditedPurpose,
  identifyRequest,
  policyRequest,
  todayInChina,
  type AuthorisationSource,
  type RequestIdentity,
} from './request-policy.js';

export interface SubgraphContext<L> extends PolicyContext {
  db: Knex;
  loaders: L;
  /** This subgraph's own id for the request: the audit key. */
  requestId: string;
  /** The caller's own reference for the request, kept beside the key only. */
  clientRequestId?: string;
  /** Headers that carry this request's ids on to another subgraph (signed, so it keys its rows alike). */
  requestHeaders: Record<string, string>;
  log: Logger;
  caller: Caller;
  identity: RequestIdentity;
  /** The caller's Authorization header, to ask the platform on the caller's own rights. */
  authorization?: string;
}

export interface SubgraphDefinition<L> {
  info: SubgraphInfo;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<SubgraphContext<L>>;
  /** A fresh set of DataLoaders for one request. */
  createLoaders(db: Knex): L;
  /** How this subgraph learns a credit service agency's authorisations (Art. 26). */
  authorisations?: (db: Knex) => AuthorisationSource;
  /** Work that runs beside the server (the platform's repair outbox), stopped with it. */
  background?: (db: Knex) => { stop(): Promise<void> };
}

export interface SubgraphSecurity {
  verifyCaller: CallerVerifier;
  /** The audit database (design §6). */
  audit: Knex;
  /** Asks the platform for authorisations (sector subgraphs); the platform reads its own store. */
  authorisations?: AuthorisationSource;
  /** Off only for the benchmark's side-by-side baseline; never in a deployment. */
  enforce?: boolean;
  /** Shared with the gateway: its signed request ids are taken as the audit key (request-ids.ts). */
  requestIdSecret?: string;
  /** The same operation limits as the gateway's (Art. 41), so a direct call gains nothing; the defaults when absent. */
  limits?: OperationLimits;
}

export interface RunningSubgraph {
  name: string;
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4002/graphql */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** `_entities` representations one call may carry, so skipping the gateway's limits gains nothing. */
export const MAX_ENTITY_REPRESENTATIONS = 2500;

export function buildSchemaOf<L>(definition: SubgraphDefinition<L>) {
  return buildSubgraphSchema([
    { typeDefs: definition.typeDefs, resolvers: { ...scalarResolvers, ...definition.resolvers } as GraphQLResolverMap<unknown> },
  ]);
}

const boundEntities = {
  Query: {
    _entities: (resolve: (...args: unknown[]) => unknown, parent: unknown, args: { representations: unknown[] }, ...rest: unknown[]) => {
      const count = args.representations?.length ?? 0;
      if (count > MAX_ENTITY_REPRESENTATIONS) {
        throw errors.limitExceeded(`_entities takes at most ${MAX_ENTITY_REPRESENTATIONS} representations, got ${count}.`, {
          limit: '_entities.representations',
          max: MAX_ENTITY_REPRESENTATIONS,
          actual: count,
        });
      }
      return resolve(parent, args, ...rest);
    },
  },
};

/**
 * Writes what this request disclosed before the response leaves; fails closed. Every
 * execution passes here, whatever entry point it took, and the collector holds whatever
 * the executor completed (policy-middleware.ts), so nothing disclosed can skip the log.
 */
function accessLogPlugin<L>(subgraph: string, audit: Knex, ledger: DisclosureLedger): ApolloServerPlugin<SubgraphContext<L>> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue: context, response }) {
          if (context.disclosures.size === 0) return;
          const at = new Date();
          const entries = context.disclosures.entries(
            { at, requestId: context.requestId, clientRequestId: context.clientRequestId ?? null, subgraph, ...callerColumns(context.caller) },
            (subjectId) => auditedPurpose(context.identity, subjectId),
          );
          try {
            await appendAccessLog(audit, entries);
            // Counted apart from the log, so a lost or cut-off row shows (npm run audit:verify).
            ledger.note(context.requestId, entries.length, at);
          } catch (error) {
            // Art. 42: nothing leaves unaudited.
            context.log.error({ err: error }, 'access log write failed; response withheld');
            // The whole body is replaced, whatever its kind: no part of it leaves.
            response.body = {
              kind: 'single',
              singleResult: { errors: [{ message: 'The access log could not be written; no data is returned.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
            };
          }
        },
      };
    },
  };
}

export async function startSubgraph<L>(
  definition: SubgraphDefinition<L>,
  options: {
    db: Knex;
    security: SubgraphSecurity;
    port?: number;
    host?: string;
    /** Idle keep-alive of the HTTP server: longer than its clients' (the gateway's 4 s), so they close first. */
    keepAliveTimeoutMs?: number;
  },
): Promise<RunningSubgraph> {
  const { db, security } = options;
  const log = logger.child({ subgraph: definition.info.name });
  const authorisations = security.authorisations ?? definition.authorisations?.(db);
  const schema = buildSchemaOf(definition);
  const limits = security.limits ?? DEFAULT_OPERATION_LIMITS;
  const ledger = new DisclosureLedger(db, log);
  const app = express();
  const httpServer: Server = createServer(app);
  // Set, not Node's 5 s default: a client must never reuse a connection the server is closing.
  Object.assign(httpServer, serverTimeouts(options.keepAliveTimeoutMs ?? DEFAULT_HTTP_KEEP_ALIVE_TIMEOUT_MS));
  const apollo = new ApolloServer<SubgraphContext<L>>({
    schema: security.enforce === false ? schema : applyPolicy(schema, boundEntities),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(), // no HTTP caching of credit data
      accessLogPlugin<L>(definition.info.name, security.audit, ledger),
      ...(security.enforce === false ? [] : [operationLimitsPlugin<SubgraphContext<L>>(limits, (context) => context.caller.role)]),
    ],
    parseOptions: { maxTokens: limits.maxTokens },
    includeStacktraceInErrorResponses: process.env.NODE_ENV === 'development',
    stopOnTerminationSignals: false, // the process that runs it decides the shutdown order
    formatError: (formatted, error) => {
      const cause = unwrapResolverError(error);
      if (!isDatabaseUnavailable(cause)) return formatted;
      // A database that is down or frozen costs this subgraph's fields only, with a coded
      // error (design §8). Its address and the statement go to the log, not to the caller.
      log.warn({ err: cause, path: formatted.path }, 'database unavailable');
      const coded = errors.subgraphUnavailable(
        definition.info.name,
        `The ${definition.info.name} subgraph could not reach its database in time; its fields are null in this response.`,
      );
      return { message: coded.message, path: formatted.path, locations: formatted.locations, extensions: coded.extensions };
    },
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
    ...(security.enforce === false ? [] : [tokenLimit(limits)]),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<SubgraphContext<L>> => {
        // The gateway's signed id, else one of our own; a caller's id is only a reference (request-ids.ts).
        const { requestId, clientRequestId } = requestIdsOf(security.requestIdSecret, (name) => req.header(name));
        const authorization = req.header('authorization');
        // Every subgraph verifies the caller itself (design §4): a direct call gets no more than via the gateway.
        const identity = await identifyRequest(security.verifyCaller, { authorization, purpose: req.header('x-credit-purpose') });
        const { policy, loadAuthorisations } = policyRequest(
          identity,
          definition.info.sector,
          authorisations ? { source: authorisations, authorization } : undefined,
        );
        return {
          db,
          loaders: definition.createLoaders(db),
          requestId,
          clientRequestId,
          requestHeaders: hubRequestHeaders(security.requestIdSecret, requestId, clientRequestId),
          log: log.child({ requestId, clientRequestId }),
          caller: identity.caller,
          identity,
          authorization,
          policy: policy satisfies PolicyRequest,
          disclosures: new DisclosureCollector(),
          today: todayInChina(),
          loadAuthorisations,
        };
      },
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/graphql`;
  const background = definition.background?.(db);
  log.info({ url }, 'subgraph listening');
  return {
    name: definition.info.name,
    url,
    port,
    stop: async () => {
      await background?.stop();
      await apollo.stop();
      await ledger.stop();
    },
  };
}
