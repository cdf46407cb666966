/**
 * Finance bureau subgraph: procurement, subsidies, government contracts (Art. 12-13), financial credit (Art. 28).
 * Run alone with `tsx subgraphs/finance/index.ts`, or started by tools/start.ts.
 */
import { fileURLToPath } from 'node:url';
import { loadSubgraphTypeDefs, subgraphInfo } from '@credit-hub/schema';
import { runStandalone, type SubgraphDefinition } from '@credit-hub/runtime';
import { loadFinanceEnv } from './env.js';
import { createFinanceLoaders, type FinanceLoaders } from './loaders/index.js';
import { financeResolvers } from './resolvers/index.js';

export function financeSubgraph(): SubgraphDefinition<FinanceLoaders> {
  return {
    info: subgraphInfo('finance'),
    typeDefs: loadSubgraphTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers: financeResolvers,
    createLoaders: createFinanceLoaders,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const env = loadFinanceEnv();
  await runStandalone(financeSubgraph(), env);
}
