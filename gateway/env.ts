/** Gateway configuration, parsed once at start. */
import { SUBGRAPHS, type SubgraphName } from '@credit-hub/schema';
import { parseEnv, portSchema, urlSchema, z } from '@credit-hub/runtime';

/** Environment variable overriding a subgraph's URL, e.g. SOCIAL_SECURITY_URL. */
export const subgraphUrlEnvName = (name: SubgraphName) => `${name.toUpperCase().replace(/-/g, '_')}_URL`;

const gatewayEnvSchema = z.object({
  GATEWAY_PORT: portSchema(4000),
  GATEWAY_HOST: z.string().default('127.0.0.1'),
  ...Object.fromEntries(SUBGRAPHS.map((subgraph) => [subgraphUrlEnvName(subgraph.name), urlSchema.optional()])),
});

export interface GatewayEnv {
  port: number;
  host: string;
  /** Subgraph URLs that replace the ones in the supergraph. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
}

export function loadGatewayEnv(env: NodeJS.ProcessEnv = process.env): GatewayEnv {
  const parsed = parseEnv('gateway', gatewayEnvSchema, env) as Record<string, unknown>;
  const subgraphUrls: Partial<Record<SubgraphName, string>> = {};
  for (const subgraph of SUBGRAPHS) {
    const url = parsed[subgraphUrlEnvName(subgraph.name)];
    if (typeof url === 'string') subgraphUrls[subgraph.name] = url;
  }
  return { port: parsed.GATEWAY_PORT as number, host: parsed.GATEWAY_HOST as string, subgraphUrls };
}
