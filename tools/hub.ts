/**
 * Running the whole hub in one process: the five subgraphs over their databases and the
 * gateway in front, all verifying callers with the same public keys and writing the same
 * access log. Used by `npm start`, the end-to-end tests and the benchmark; in production
 * each runs as its own process (subgraphs/<name>/index.ts, gateway/index.ts).
 */
import { randomBytes } from 'node:crypto';
import { createLocalJWKSet } from 'jose';
import type { Knex } from 'knex';
import { SUBGRAPHS, type SubgraphName } from '@credit-hub/schema';
import {
  ConfigError,
  createCallerVerifier,
  createDb,
  loadAuthEnv,
  loadOperationLimits,
  loadServiceTimeouts,
  loadOrCreateDevKeys,
  loadRateLimits,
  platformAuthorisations,
  PLATFORM_SERVICE_CLAIMS,
  setSubgraphCallTimeout,
  signCallerToken,
  startSubgraph,
  verifierSettings,
  type DatabaseTimeouts,
  type OperationLimits,
  type RateLimits,
  type RunningSubgraph,
  type ServiceTimeouts,
  type SigningKeys,
} from '@credit-hub/runtime';
import { startGateway, type RunningGateway } from '@credit-hub/gateway';
import { loadGatewayConnectionEnv, type GatewayConnectionEnv } from '@credit-hub/gateway/env.js';
import { subgraphDefinitions } from './subgraphs.js';

/** Every deadline of the hub (README, Timeouts and faults); each from its variable unless given. */
export interface HubTimeouts extends GatewayConnectionEnv, Omit<ServiceTimeouts, 'database'> {
  database: DatabaseTimeouts;
}

export interface RunningHub {
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  dbs: Record<SubgraphName, Knex>;
  audit: Knex;
  keys: SigningKeys;
  /** Stops one subgraph (to test partial failure); the rest keeps running. */
  stopSubgraph(name: SubgraphName): Promise<void>;
  /** Starts a stopped subgraph again on its port. */
  restartSubgraph(name: SubgraphName): Promise<void>;
  stop(): Promise<void>;
}

export async function startHub(options: {
  databaseUrls: Record<SubgraphName, string>;
  auditUrl: string;
  /** Fixed ports (the defaults, or these) or any free port (tests, the default). */
  ports?: 'default' | 'any';
  subgraphPorts?: Partial<Record<SubgraphName, number>>;
  gatewayPort?: number;
  /** Signing keys whose public half verifies callers; the development pair in .keys/ by default. */
  keys?: SigningKeys;
  /** false only for the benchmark's side-by-side baseline. */
  enforce?: boolean;
  /**
   * Development tokens: the playground mints tokens (development issuer) for loopback
   * clients and the hub accepts them. Off unless asked for here or by DEV_TOKENS=true;
   * `npm start` asks for it.
   */
  devTokens?: boolean;
  /** Subgraph URLs the gateway uses instead of the subgraphs' own (a test's proxy or a server that never answers). */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  /** Deadlines instead of those the environment sets (tests use short ones). */
  timeouts?: Partial<Omit<HubTimeouts, 'database'>> & { database?: Partial<DatabaseTimeouts> };
  env?: NodeJS.ProcessEnv;
  /** Operation limits for the gateway and every subgraph; from the environment (LIMIT_*) when absent. */
  limits?: OperationLimits;
  /** Rate limits at the gateway; from the environment (RATE_LIMIT_*) when absent. */
  rateLimits?: RateLimits;
}): Promise<RunningHub> {
  const fromEnv = { ...loadServiceTimeouts('hub', options.env), ...loadGatewayConnectionEnv(options.env) };
  const timeouts: HubTimeouts = {
    ...fromEnv,
    ...options.timeouts,
    database: { ...fromEnv.database, ...options.timeouts?.database },
  };
  if (timeouts.subgraphKeepAliveMs >= timeouts.httpKeepAliveTimeoutMs) {
    // The client must close an idle connection before the server does, or it may reuse one being closed.
    throw new ConfigError('hub', ['SUBGRAPH_KEEP_ALIVE_MS: must be shorter than HTTP_KEEP_ALIVE_TIMEOUT_MS']);
  }
  setSubgraphCallTimeout(timeouts.subgraphCallMs);
  const keys = options.keys ?? (await loadOrCreateDevKeys());
  const auth = loadAuthEnv('hub', options.env ?? process.env);
  const devTokens = options.devTokens ?? auth.devTokens;
  if (devTokens && auth.nodeEnv === 'production') throw new Error('development tokens are refused in production (NODE_ENV=production)');
  if (devTokens) {
    console.warn('[credit-hub] WARNING: development tokens are on: POST /playground/token mints a token for any caller (issuer credit-hub-dev) to clients on this machine. Never in production.');
  }
  const limits = options.limits ?? loadOperationLimits('hub', options.env ?? process.env);
  const rateLimits = options.rateLimits ?? loadRateLimits('hub', options.env ?? process.env);
  const verifyCaller = createCallerVerifier({ keys: createLocalJWKSet(keys.jwks), ...verifierSettings({ ...auth, devTokens }) });
  // One process: the gateway and the subgraphs share a secret of this run to sign request ids.
  const requestIdSecret = auth.requestIdSecret ?? randomBytes(32).toString('base64url');
  const audit = createDb(options.auditUrl, { timeouts: timeouts.database });
  const dbs = {} as Record<SubgraphName, Knex>;
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  // The platform calls the sectors (basis documents, Art. 33; key persons, Art. 37), which start after it.
  const definitions = subgraphDefinitions({
    env: options.env,
    audit,
    urlOf: (name) => (stopped.has(name) ? undefined : subgraphs[name]?.url),
    // The platform delivers repairs to the sectors as itself (Art. 40).
    serviceToken: () => signCallerToken(keys, PLATFORM_SERVICE_CLAIMS, { ttlSeconds: 300 }),
  });
  const stopped = new Set<SubgraphName>();
  // The platform first: the sectors ask it for credit service agencies' authorisations.
  const start = (name: SubgraphName, port: number) =>
    startSubgraph(definitions[name], {
      db: dbs[name],
      port,
      keepAliveTimeoutMs: timeouts.httpKeepAliveTimeoutMs,
      security: {
        verifyCaller,
        audit,
        enforce: options.enforce,
        requestIdSecret,
        limits,
        authorisations: name === 'platform' ? undefined : platformAuthorisations(subgraphs.platform.url),
      },
    });
  for (const info of SUBGRAPHS) {
    dbs[info.name] = createDb(options.databaseUrls[info.name], { timeouts: timeouts.database });
    subgraphs[info.name] = await start(info.name, options.subgraphPorts?.[info.name] ?? (options.ports === 'default' ? info.defaultPort : 0));
  }
  const gateway = await startGateway({
    port: options.gatewayPort ?? (options.ports === 'default' ? 4000 : 0),
    subgraphUrls: { ...Object.fromEntries(SUBGRAPHS.map((info) => [info.name, subgraphs[info.name].url])), ...options.subgraphUrls },
    subgraphTimeoutMs: timeouts.subgraphTimeoutMs,
    subgraphKeepAliveMs: timeouts.subgraphKeepAliveMs,
    keepAliveTimeoutMs: timeouts.httpKeepAliveTimeoutMs,
    verifyCaller,
    requestIdSecret,
    enforce: options.enforce,
    // The playground mints tokens with the hub's own key, only where development tokens are on.
    devSigningKeys: devTokens ? keys : undefined,
    limits,
    rateLimits,
  });
  const stopSubgraph = async (name: SubgraphName) => {
    if (stopped.has(name)) return;
    stopped.add(name);
    await subgraphs[name].stop();
  };
  const restartSubgraph = async (name: SubgraphName) => {
    if (!stopped.has(name)) return;
    subgraphs[name] = await start(name, subgraphs[name].port);
    stopped.delete(name);
  };
  return {
    gateway,
    subgraphs,
    dbs,
    audit,
    keys,
    stopSubgraph,
    restartSubgraph,
    stop: async () => {
      await gateway.stop();
      await Promise.all(SUBGRAPHS.map((info) => stopSubgraph(info.name)));
      await Promise.all([...Object.values(dbs), audit].map((db) => db.destroy()));
    },
  };
}
