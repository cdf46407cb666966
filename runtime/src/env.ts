/**
 * Configuration parsed once at start with zod (design §10): every problem is listed at
 * once, so an operator fixes a deployment in one pass rather than one error per restart.
 */
import { z } from 'zod';

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
