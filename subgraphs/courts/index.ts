/**
 * Courts subgraph: judgments, arbitral awards, enforcement, dishonest judgment debtors.
 * Run alone with `tsx subgraphs/courts/index.ts`, or started by tools/start.ts.
 */
import { fileURLToPath } from 'node:url';
import { loadSubgraphTypeDefs, subgraphInfo } from '@credit-hub/schema';
import { runStandalone, type SubgraphDefinition } from '@credit-hub/runtime';
import { loadCourtsEnv } from './env.js';
import { createCourtsLoaders, type CourtsLoaders } from './loaders/index.js';
import { createCourtsResolvers } from './resolvers/index.js';

/** `platformUrl`: where entries feed their dishonesty records (default: PLATFORM_URL). */
export function courtsSubgraph(platformUrl: () => string | undefined = () => process.env.PLATFORM_URL): SubgraphDefinition<CourtsLoaders> {
  return {
    info: subgraphInfo('courts'),
    typeDefs: loadSubgraphTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers: createCourtsResolvers({ platformUrl }),
    createLoaders: createCourtsLoaders,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const env = loadCourtsEnv();
  await runStandalone(courtsSubgraph(), env);
}
