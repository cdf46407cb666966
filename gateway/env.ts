/** Gateway configuration, parsed once at start. */
import { SUBGRAPHS, type SubgraphName } from '@credit-hub/schema';
import { DEFAULT_HTTP_KEEP_ALIVE_TIMEOUT_MS, millisecondsSchema, parseEnv, portSchema, urlSchema, z } from '@credit-hub/runtime';
import { DEFAULT_SUBGRAPH_KEEP_ALIVE_MS, DEFAULT_SUBGRAPH_TIMEOUT_MS } from './subgraph-fetch.js';

/** Environment variable overriding a subgraph's URL, e.g. SOCIAL_SECURITY_URL. */
export const subgraphUrlEnvName = (name: SubgraphName) => `${name.toUpperCase().replace(/-/g, '_')}_URL`;

/** How the gateway reaches the subgraphs (subgraph-fetch.ts, Art. 41). */
const connectionShape = {
  // The deadline of one fetch from the gateway to a subgraph: past it, that subgraph's fields are null.
  SUBGRAPH_TIMEOUT_MS: millisecondsSchema(DEFAULT_SUBGRAPH_TIMEOUT_MS),
  // How long an idle connection to a subgraph is kept: shorter than the subgraphs' HTTP_KEEP_ALIVE_TIMEOUT_MS.
  SUBGRAPH_KEEP_ALIVE_MS: millisecondsSchema(DEFAULT_SUBGRAPH_KEEP_ALIVE_MS),
};

const gatewayEnvSchema = z.object({
  GATEWAY_PORT: portSchema(4000),
  GATEWAY_HOST: z.string().default('127.0.0.1'),
  ...connectionShape,
  // Idle keep-alive of the gateway's own server, longer than what sits in front of it keeps idle connections.
  HTTP_KEEP_ALIVE_TIMEOUT_MS: millisecondsSchema(DEFAULT_HTTP_KEEP_ALIVE_TIMEOUT_MS, 240_000),
  ...Object.fromEntries(SUBGRAPHS.map((subgraph) => [subgraphUrlEnvName(subgraph.name), urlSchema.optional()])),
});

export interface GatewayConnectionEnv {
  subgraphTimeoutMs: number;
  subgraphKeepAliveMs: number;
}

export interface GatewayEnv extends GatewayConnectionEnv {
  port: number;
  host: string;
  /** Subgraph URLs that replace the ones in the supergraph. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  keepAliveTimeoutMs: number;
}

export function loadGatewayEnv(env: NodeJS.ProcessEnv = process.env): GatewayEnv {
  const parsed = parseEnv('gateway', gatewayEnvSchema, env) as Record<string, unknown>;
  const subgraphUrls: Partial<Record<SubgraphName, string>> = {};
  for (const subgraph of SUBGRAPHS) {
    const url = parsed[subgraphUrlEnvName(subgraph.name)];
    if (typeof url === 'string') subgraphUrls[subgraph.name] = url;
  }
  return {
    port: parsed.GATEWAY_PORT as number,
    host: parsed.GATEWAY_HOST as string,
    subgraphUrls,
    subgraphTimeoutMs: parsed.SUBGRAPH_TIMEOUT_MS as number,
    subgraphKeepAliveMs: parsed.SUBGRAPH_KEEP_ALIVE_MS as number,
    keepAliveTimeoutMs: parsed.HTTP_KEEP_ALIVE_TIMEOUT_MS as number,
  };
}

/** SUBGRAPH_TIMEOUT_MS and SUBGRAPH_KEEP_ALIVE_MS alone: for the hub, which runs the gateway in its own process. */
export function loadGatewayConnectionEnv(env: NodeJS.ProcessEnv = process.env): GatewayConnectionEnv {
  const parsed = parseEnv('gateway', z.object(connectionShape), env);
  return { subgraphTimeoutMs: parsed.SUBGRAPH_TIMEOUT_MS, subgraphKeepAliveMs: parsed.SUBGRAPH_KEEP_ALIVE_MS };
}
