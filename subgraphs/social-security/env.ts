/** SocialSecurity subgraph configuration, parsed once at start. */
import { subgraphInfo } from '@credit-hub/schema';
import { loadSubgraphEnv } from '@credit-hub/runtime';

export const loadSocialSecurityEnv = (env: NodeJS.ProcessEnv = process.env) => loadSubgraphEnv(subgraphInfo('social-security'), {}, env);
