/**
 * Settings of the commands that run the whole hub on one machine (`npm start`, the operator
 * commands), parsed once with zod. Each port has its variable, named when the port is taken.
 */
import { SUBGRAPHS, type SubgraphName } from '@credit-hub/schema';
import { parseEnv, portSchema, z } from '@credit-hub/runtime';

/** The variable that moves a subgraph's port, e.g. SOCIAL_SECURITY_PORT. */
export const subgraphPortVariable = (name: SubgraphName) => `${name.toUpperCase().replace(/-/g, '_')}_PORT`;

export const EMBEDDED_PG_PORT_VARIABLE = 'EMBEDDED_PG_PORT';

const hubEnvSchema = z.object({
  GATEWAY_PORT: portSchema(4000),
  [EMBEDDED_PG_PORT_VARIABLE]: portSchema(54329),
  SEED_SUBJECTS: z.coerce.number().int().min(0).max(10_000_000).default(5000),
  /** The embedded server's data folder (default .data/postgres in the repo). */
  CREDIT_HUB_DATA_DIR: z.string().min(1).optional(),
  /** Where binaries and data go when running as root from a folder the server's user cannot reach. */
  CREDIT_HUB_SYSTEM_ROOT: z.string().min(1).default('/var/lib/credit-hub'),
  ...Object.fromEntries(SUBGRAPHS.map((info) => [subgraphPortVariable(info.name), portSchema(info.defaultPort)])),
});

export interface HubEnv {
  dataDir?: string;
  systemRoot: string;
  gatewayPort: number;
  embeddedPgPort: number;
  seedSubjects: number;
  subgraphPorts: Record<SubgraphName, number>;
}

export function loadHubEnv(env: NodeJS.ProcessEnv = process.env): HubEnv {
  const { CREDIT_HUB_DATA_DIR, CREDIT_HUB_SYSTEM_ROOT, ...ports } = parseEnv('credit-hub', hubEnvSchema, env) as Record<string, unknown>;
  const parsed = ports as Record<string, number>;
  return {
    dataDir: CREDIT_HUB_DATA_DIR as string | undefined,
    systemRoot: CREDIT_HUB_SYSTEM_ROOT as string,
    gatewayPort: parsed.GATEWAY_PORT!,
    embeddedPgPort: parsed[EMBEDDED_PG_PORT_VARIABLE]!,
    seedSubjects: parsed.SEED_SUBJECTS!,
    subgraphPorts: Object.fromEntries(SUBGRAPHS.map((info) => [info.name, parsed[subgraphPortVariable(info.name)]!])) as Record<SubgraphName, number>,
  };
}
