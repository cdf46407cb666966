/**
 * Configuration parsed once at start with zod (design §10): every problem is listed at
 * once, so an operator fixes a deployment in one pass rather than one error per restart.
 */
import { z } from 'zod';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, DEV_ISSUER, DEFAULT_MAX_TOKEN_LIFETIME_SECONDS } from './identity.js';
import {
  DEFAULT_DATABASE_TIMEOUTS,
  DEFAULT_HTTP_KEEP_ALIVE_TIMEOUT_MS,
  DEFAULT_SUBGRAPH_CALL_TIMEOUT_MS,
  type ServiceTimeouts,
} from './timeouts.js';

export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`${service}: invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseEnv<S extends z.ZodType>(service: string, schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    service,
    result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
  );
}

export const portSchema = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
export const urlSchema = z.string().url();
/** A duration in milliseconds, at most an hour. */
export const millisecondsSchema = (fallback: number, max = 3_600_000) => z.coerce.number().int().min(1).max(max).default(fallback);
export { z };

/**
 * Settings every subgraph has: NODE_ENV, <NAME>_PORT (default from the subgraph list) and
 * its database (<NAME>_DATABASE_URL, else DATABASE_URL), plus the subgraph's own `extra`.
 */
export function loadSubgraphEnv<E extends z.ZodRawShape>(
  subgraph: { name: string; defaultPort: number },
  extra: E,
  env: NodeJS.ProcessEnv = process.env,
): { nodeEnv: 'development' | 'test' | 'production'; port: number; databaseUrl?: string } & z.infer<z.ZodObject<E>> {
  const prefix = subgraph.name.toUpperCase().replace(/-/g, '_');
  const schema = z.object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: portSchema(subgraph.defaultPort),
    OWN_DATABASE_URL: urlSchema.optional(),
    DATABASE_URL: urlSchema.optional(),
    ...extra,
  });
  const renamed = { ...env, PORT: env[`${prefix}_PORT`], OWN_DATABASE_URL: env[`${prefix}_DATABASE_URL`] };
  const { NODE_ENV, PORT, OWN_DATABASE_URL, DATABASE_URL, ...rest } = parseEnv(subgraph.name, schema, renamed) as Record<
    string,
    unknown
  >;
  return {
    ...(rest as z.infer<z.ZodObject<E>>),
    nodeEnv: NODE_ENV as 'development' | 'test' | 'production',
    port: PORT as number,
    databaseUrl: (OWN_DATABASE_URL ?? DATABASE_URL) as string | undefined,
  };
}

export function requireDatabaseUrl(name: string, url: string | undefined): string {
  if (url) return url;
  const prefix = name.toUpperCase().replace(/-/g, '_');
  throw new ConfigError(name, [`${prefix}_DATABASE_URL or DATABASE_URL: required to run the subgraph on its own`]);
}

/** Who signs callers' tokens, and whether development tokens are switched on (design §4). */
export interface AuthEnv {
  nodeEnv: 'development' | 'test' | 'production';
  jwksUrl?: string;
  jwksFile?: string;
  issuer: string;
  audience: string;
  maxTokenLifetimeSeconds: number;
  /** Development tokens (playground minting, `npm run token`): only when DEV_TOKENS=true, never by default. */
  devTokens: boolean;
  /** Shared by the gateway and the subgraphs to sign the hub's request ids (runtime/src/request-ids.ts). */
  requestIdSecret?: string;
}

const authEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    AUTH_JWKS_URL: urlSchema.optional(),
    AUTH_JWKS_FILE: z.string().min(1).optional(),
    AUTH_ISSUER: z.string().min(1).default(DEFAULT_ISSUER),
    AUTH_AUDIENCE: z.string().min(1).default(DEFAULT_AUDIENCE),
    // Hours, not years: a stolen long-lived token is a standing key to every record.
    AUTH_MAX_TOKEN_LIFETIME_HOURS: z.coerce.number().positive().max(24 * 7).default(DEFAULT_MAX_TOKEN_LIFETIME_SECONDS / 3600),
    // Only the exact word switches it on: an unset or misspelt variable leaves it off.
    DEV_TOKENS: z.enum(['true', 'false']).default('false'),
    // Without it subgraphs key rows with ids of their own; the gateway's id is then only a reference.
    HUB_REQUEST_ID_SECRET: z.string().min(32).optional(),
  })
  .superRefine((env, context) => {
    const devTokens = env.DEV_TOKENS === 'true';
    if (devTokens && env.NODE_ENV === 'production') {
      context.addIssue({ code: 'custom', path: ['DEV_TOKENS'], message: 'development tokens are refused in production' });
    }
    if (devTokens && (env.AUTH_JWKS_URL || env.AUTH_JWKS_FILE)) {
      context.addIssue({ code: 'custom', path: ['DEV_TOKENS'], message: 'development tokens are signed with the local key; not with AUTH_JWKS_URL/AUTH_JWKS_FILE' });
    }
    if (env.AUTH_ISSUER === DEV_ISSUER) {
      context.addIssue({ code: 'custom', path: ['AUTH_ISSUER'], message: `${DEV_ISSUER} is the development issuer; set DEV_TOKENS=true instead` });
    }
  });

export function loadAuthEnv(service = 'auth', env: NodeJS.ProcessEnv = process.env): AuthEnv {
  const parsed = parseEnv(service, authEnvSchema, env);
  return {
    nodeEnv: parsed.NODE_ENV,
    jwksUrl: parsed.AUTH_JWKS_URL,
    jwksFile: parsed.AUTH_JWKS_FILE,
    issuer: parsed.AUTH_ISSUER,
    audience: parsed.AUTH_AUDIENCE,
    maxTokenLifetimeSeconds: Math.round(parsed.AUTH_MAX_TOKEN_LIFETIME_HOURS * 3600),
    devTokens: parsed.DEV_TOKENS === 'true',
    requestIdSecret: parsed.HUB_REQUEST_ID_SECRET,
  };
}

const serviceTimeoutsSchema = z
  .object({
    // Idle keep-alive of the HTTP servers; Node's headersTimeout is set 1 s above it. At most
    // 4 minutes: the headers timeout stays below Node's 5-minute request timeout.
    HTTP_KEEP_ALIVE_TIMEOUT_MS: millisecondsSchema(DEFAULT_HTTP_KEEP_ALIVE_TIMEOUT_MS, 240_000),
    SUBGRAPH_CALL_TIMEOUT_MS: millisecondsSchema(DEFAULT_SUBGRAPH_CALL_TIMEOUT_MS),
    DB_STATEMENT_TIMEOUT_MS: millisecondsSchema(DEFAULT_DATABASE_TIMEOUTS.statementMs),
    // Default: the statement timeout and 5 s more.
    DB_QUERY_TIMEOUT_MS: z.coerce.number().int().min(1).max(3_600_000).optional(),
    DB_CONNECT_TIMEOUT_MS: millisecondsSchema(DEFAULT_DATABASE_TIMEOUTS.connectMs),
    DB_ACQUIRE_TIMEOUT_MS: millisecondsSchema(DEFAULT_DATABASE_TIMEOUTS.acquireMs),
  })
  .superRefine((env, context) => {
    if (env.DB_QUERY_TIMEOUT_MS !== undefined && env.DB_QUERY_TIMEOUT_MS <= env.DB_STATEMENT_TIMEOUT_MS) {
      context.addIssue({
        code: 'custom',
        path: ['DB_QUERY_TIMEOUT_MS'],
        message: 'must be longer than DB_STATEMENT_TIMEOUT_MS, so PostgreSQL cancels a slow statement itself while it can',
      });
    }
  });

/**
 * Deadlines of a process that serves subgraphs (Art. 41): its database pools, its HTTP
 * server's keep-alive and its calls to other subgraphs (runtime/src/timeouts.ts).
 */
export function loadServiceTimeouts(service = 'timeouts', env: NodeJS.ProcessEnv = process.env): ServiceTimeouts {
  const parsed = parseEnv(service, serviceTimeoutsSchema, env);
  return {
    database: {
      statementMs: parsed.DB_STATEMENT_TIMEOUT_MS,
      queryMs: parsed.DB_QUERY_TIMEOUT_MS ?? parsed.DB_STATEMENT_TIMEOUT_MS + 5_000,
      connectMs: parsed.DB_CONNECT_TIMEOUT_MS,
      acquireMs: parsed.DB_ACQUIRE_TIMEOUT_MS,
    },
    httpKeepAliveTimeoutMs: parsed.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    subgraphCallMs: parsed.SUBGRAPH_CALL_TIMEOUT_MS,
  };
}
