/** The five subgraph definitions, in the order of SUBGRAPHS. */
import type { SubgraphName } from '@credit-hub/schema';
import type { SubgraphDefinition } from '@credit-hub/runtime';
import { courtsSubgraph } from '@credit-hub/courts';
import { financeSubgraph } from '@credit-hub/finance';
import { marketSubgraph } from '@credit-hub/market';
import { platformSubgraph } from '@credit-hub/platform';
import { loadPlatformEnv } from '@credit-hub/platform/env.js';
import { socialSecuritySubgraph } from '@credit-hub/social-security';

export function subgraphDefinitions(env: NodeJS.ProcessEnv = process.env): Record<SubgraphName, SubgraphDefinition<unknown>> {
  return {
    platform: platformSubgraph(loadPlatformEnv(env)),
    courts: courtsSubgraph(),
    market: marketSubgraph(),
    'social-security': socialSecuritySubgraph(),
    finance: financeSubgraph(),
  } as Record<SubgraphName, SubgraphDefinition<unknown>>;
}
