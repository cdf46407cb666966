/**
 * Running one subgraph as its own process (the production shape, design §3): its
 * database, the audit database, the public keys to verify callers with, and for sector
 * subgraphs the platform URL to ask for authorisations.
 */
import type { SubgraphInfo } from '@credit-hub/schema';
import { platformAuthorisations } from './authorisations.js';
import { databaseUrlFor, createDb } from './db.js';
import { ConfigError, loadAuthEnv, loadServiceTimeouts, requireDatabaseUrl } from './env.js';
import { createCallerVerifier, verifierSettings } from './identity.js';
import { verificationKeys } from './keys.js';
import { setSubgraphCallTimeout } from './subgraph-client.js';
import { startSubgraph, type SubgraphDefinition, type SubgraphSecurity } from './subgraph-server.js';
import type { ServiceTimeouts } from './timeouts.js';

/** The verifier and audit database from AUTH_* and AUDIT_DATABASE_URL / DATABASE_URL. */
export async function securityFromEnv(
  info: SubgraphInfo,
  env: NodeJS.ProcessEnv = process.env,
  timeouts: ServiceTimeouts = loadServiceTimeouts(info.name, env),
): Promise<SubgraphSecurity> {
  const auditUrl = databaseUrlFor('audit', env);
  if (!auditUrl) throw new ConfigError(info.name, ['AUDIT_DATABASE_URL or DATABASE_URL: required for the access log (Art. 38)']);
  const auth = loadAuthEnv(info.name, env);
  const verifyCaller = createCallerVerifier({ keys: await verificationKeys(auth), ...verifierSettings(auth) });
  const platformUrl = env.PLATFORM_URL;
  return {
    verifyCaller,
    requestIdSecret: auth.requestIdSecret,
    audit: createDb(auditUrl, { poolMax: 4, timeouts: timeouts.database }),
    authorisations: info.name !== 'platform' && platformUrl ? platformAuthorisations(platformUrl) : undefined,
  };
}

/** The deadlines of a subgraph process (DB_*_TIMEOUT_MS, SUBGRAPH_CALL_TIMEOUT_MS, HTTP_KEEP_ALIVE_TIMEOUT_MS), applied. */
export function serviceTimeoutsFromEnv(info: SubgraphInfo): ServiceTimeouts {
  const timeouts = loadServiceTimeouts(info.name);
  setSubgraphCallTimeout(timeouts.subgraphCallMs);
  return timeouts;
}

export async function runStandalone<L>(definition: SubgraphDefinition<L>, settings: { port: number; databaseUrl?: string }) {
  const timeouts = serviceTimeoutsFromEnv(definition.info);
  const db = createDb(requireDatabaseUrl(definition.info.name, settings.databaseUrl), { timeouts: timeouts.database });
  return startSubgraph(definition, {
    db,
    port: settings.port,
    keepAliveTimeoutMs: timeouts.httpKeepAliveTimeoutMs,
    security: await securityFromEnv(definition.info, undefined, timeouts),
  });
}
