/**
 * Market regulation subgraph: registration, key persons, penalties, abnormal operations.
 * Run alone with `tsx subgraphs/market/index.ts`, or started by tools/start.ts.
 */
import { fileURLToPath } from 'node:url';
import { loadSubgraphTypeDefs, subgraphInfo } from '@credit-hub/schema';
import { runStandalone, type SubgraphDefinition } from '@credit-hub/runtime';
import { loadMarketEnv } from './env.js';
import { createMarketLoaders, type MarketLoaders } from './loaders/index.js';
import { marketResolvers } from './resolvers/index.js';

export function marketSubgraph(): SubgraphDefinition<MarketLoaders> {
  return {
    info: subgraphInfo('market'),
    typeDefs: loadSubgraphTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers: marketResolvers,
    createLoaders: createMarketLoaders,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const env = loadMarketEnv();
  await runStandalone(marketSubgraph(), env);
}
