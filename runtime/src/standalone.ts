/**
 * Running one subgraph as its own process (the production shape, design §3): its
 * database, the audit database, the public keys to verify callers with, and for sector
 * subgraphs the platform URL to ask for authorisations.
 */
import type { SubgraphInfo } from '@credit-hub/schema';
import { platformAuthorisations } from './authorisations.js';
import { databaseUrlFor, createDb } from './db.js';
import { ConfigError, loadAuthEnv, requireDatabaseUrl } from './env.js';
import { createCallerVerifier, verifierSettings } from './identity.js';
import { verificationKeys } from './keys.js';
import { startSubgraph, type SubgraphDefinition, type SubgraphSecurity } from './subgraph-server.js';

/** The verifier and audit database from AUTH_* and AUDIT_DATABASE_URL / DATABASE_URL. */
export async function securityFromEnv(info: SubgraphInfo, env: NodeJS.ProcessEnv = process.env): Promise<SubgraphSecurity> {
  const auditUrl = databaseUrlFor('audit', env);
  if (!auditUrl) throw new ConfigError(info.name, ['AUDIT_DATABASE_URL or DATABASE_URL: required for the access log (Art. 38)']);
  const auth = loadAuthEnv(info.name, env);
  const verifyCaller = createCallerVerifier({ keys: await verificationKeys(auth), ...verifierSettings(auth) });
  const platformUrl = env.PLATFORM_URL;
  return {
    verifyCaller,
    requestIdSecret: auth.requestIdSecret,
    audit: createDb(auditUrl, { poolMax: 4 }),
    authorisations: info.name !== 'platform' && platformUrl ? platformAuthorisations(platformUrl) : undefined,
  };
}

export async function runStandalone<L>(definition: SubgraphDefinition<L>, settings: { port: number; databaseUrl?: string }) {
  const db = createDb(requireDatabaseUrl(definition.info.name, settings.databaseUrl));
  return startSubgraph(definition, { db, port: settings.port, security: await securityFromEnv(definition.info) });
}
