/**
 * Human resources & social security subgraph: insurance status and arrears, wage arrears.
 * Run alone with `tsx subgraphs/social-security/index.ts`, or started by tools/start.ts.
 */
import { fileURLToPath } from 'node:url';
import { loadSubgraphTypeDefs, subgraphInfo } from '@credit-hub/schema';
import { runStandalone, type SubgraphDefinition } from '@credit-hub/runtime';
import { loadSocialSecurityEnv } from './env.js';
import { createSocialSecurityLoaders, type SocialSecurityLoaders } from './loaders/index.js';
import { socialSecurityResolvers } from './resolvers/index.js';

export function socialSecuritySubgraph(): SubgraphDefinition<SocialSecurityLoaders> {
  return {
    info: subgraphInfo('social-security'),
    typeDefs: loadSubgraphTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers: socialSecurityResolvers,
    createLoaders: createSocialSecurityLoaders,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const env = loadSocialSecurityEnv();
  await runStandalone(socialSecuritySubgraph(), env);
}
