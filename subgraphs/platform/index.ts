/**
 * Platform subgraph: the credit information management agency (Art. 6, 23).
 * Run alone with `tsx subgraphs/platform/index.ts`, or started by tools/start.ts.
 */
import { fileURLToPath } from 'node:url';
import { loadSubgraphTypeDefs, subgraphInfo, type SubgraphName } from '@credit-hub/schema';
import type { Knex } from 'knex';
import {
  createDb,
  requireDatabaseUrl,
  PLATFORM_SERVICE_CLAIMS,
  securityFromEnv,
  serviceTimeoutsFromEnv,
  serviceSigningKeys,
  signCallerToken,
  startSubgraph,
  type SubgraphDefinition,
} from '@credit-hub/runtime';
import { authorisedSubjects } from './store/index.js';
import { RepairDispatcher } from './procedures/repair.js';
import { loadPlatformEnv, type PlatformEnv } from './env.js';
import { createPlatformLoaders, type PlatformLoaders } from './loaders/index.js';
import { createPlatformResolvers } from './resolvers/index.js';

/**
 * The platform reads the audit database for subjects' access logs (design §6) and calls the
 * sector subgraphs (`urlOf`, default from the environment) for basis documents and key persons.
 */
export function platformSubgraph(
  env: PlatformEnv,
  audit: Knex,
  urlOf: (name: SubgraphName) => string | undefined = (name) => env.sectorUrls[name],
  /** Signs the platform's own short-lived operator token for repair delivery (Art. 40). */
  serviceToken?: () => Promise<string>,
): SubgraphDefinition<PlatformLoaders> {
  let dispatcher: RepairDispatcher | undefined;
  return {
    info: subgraphInfo('platform'),
    typeDefs: loadSubgraphTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers: createPlatformResolvers({
      pseudonymKey: env.pseudonymKey,
      reportVerificationKey: env.reportVerificationKey,
      urlOf,
      objectionAnswerDays: env.objectionAnswerDays,
      wakeRepairDelivery: () => dispatcher?.wake(),
      serviceToken,
    }),
    background: (db) => {
      if (!serviceToken) return { stop: async () => {} };
      dispatcher = new RepairDispatcher(db, urlOf, serviceToken);
      dispatcher.start();
      return dispatcher;
    },
    createLoaders: (db) => createPlatformLoaders(db, audit),
    // The platform holds the authorisations itself (Art. 26).
    authorisations: (db) => async (request, subjectIds) =>
      new Set(await authorisedSubjects(db, request.agency, request.purpose, subjectIds)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const env = loadPlatformEnv();
  const timeouts = serviceTimeoutsFromEnv(subgraphInfo('platform'));
  const security = await securityFromEnv(subgraphInfo('platform'), undefined, timeouts);
  const serviceKeys = await serviceSigningKeys();
  const serviceToken = serviceKeys ? () => signCallerToken(serviceKeys, PLATFORM_SERVICE_CLAIMS, { ttlSeconds: 300 }) : undefined;
  await startSubgraph(platformSubgraph(env, security.audit, undefined, serviceToken), {
    db: createDb(requireDatabaseUrl('platform', env.databaseUrl), { timeouts: timeouts.database }),
    port: env.port,
    keepAliveTimeoutMs: timeouts.httpKeepAliveTimeoutMs,
    security,
  });
}
