/** The five subgraph definitions, in the order of SUBGRAPHS. */
import type { Knex } from 'knex';
import type { SubgraphName } from '@credit-hub/schema';
import type { SubgraphDefinition } from '@credit-hub/runtime';
import { courtsSubgraph } from '@credit-hub/courts';
import { financeSubgraph } from '@credit-hub/finance';
import { marketSubgraph } from '@credit-hub/market';
import { platformSubgraph } from '@credit-hub/platform';
import { loadPlatformEnv } from '@credit-hub/platform/env.js';
import { socialSecuritySubgraph } from '@credit-hub/social-security';

/** `audit` is the audit database the platform reads access logs from; composition needs none. */
export function subgraphDefinitions(
  options: {
    env?: NodeJS.ProcessEnv;
    audit?: Knex;
    urlOf?: (name: SubgraphName) => string | undefined;
    serviceToken?: () => Promise<string>;
  } = {},
): Record<SubgraphName, SubgraphDefinition<unknown>> {
  return {
    platform: platformSubgraph(loadPlatformEnv(options.env), options.audit as Knex, options.urlOf, options.serviceToken),
    courts: courtsSubgraph(() => options.urlOf?.('platform') ?? process.env.PLATFORM_URL),
    market: marketSubgraph(),
    'social-security': socialSecuritySubgraph(),
    finance: financeSubgraph(),
  } as Record<SubgraphName, SubgraphDefinition<unknown>>;
}
