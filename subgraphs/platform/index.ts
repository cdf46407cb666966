/**
 * Platform subgraph: the credit information management agency (Art. 6, 23).
 * Run alone with `tsx subgraphs/platform/index.ts`, or started by tools/start.ts.
 */
import { fileURLToPath } from 'node:url';
import { loadSubgraphTypeDefs, subgraphInfo } from '@credit-hub/schema';
import { createDb, requireDatabaseUrl, startSubgraph, type SubgraphDefinition } from '@credit-hub/runtime';
import { loadPlatformEnv, type PlatformEnv } from './env.js';
import { createPlatformLoaders, type PlatformLoaders } from './loaders/index.js';
import { createPlatformResolvers } from './resolvers/index.js';

export function platformSubgraph(env: PlatformEnv = loadPlatformEnv()): SubgraphDefinition<PlatformLoaders> {
  return {
    info: subgraphInfo('platform'),
    typeDefs: loadSubgraphTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers: createPlatformResolvers({ pseudonymKey: env.pseudonymKey }),
    createLoaders: createPlatformLoaders,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const env = loadPlatformEnv();
  await startSubgraph(platformSubgraph(env), { db: createDb(requireDatabaseUrl('platform', env.databaseUrl)), port: env.port });
}
