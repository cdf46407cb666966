/**
 * Opening the hub's databases (five subgraphs' and the audit one): on the server named by
 * DATABASE_URL (or one URL per database), else on the embedded PostgreSQL whose data lives in .data/postgres
 * (git-ignored). Creates missing databases and runs every subgraph's migrations.
 */
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { SUBGRAPHS, type SubgraphName } from '@credit-hub/schema';
import {
  AUDIT_DATABASE,
  databaseUrlFor,
  openMigrated,
  startEmbeddedPostgres,
  withDatabase,
  type EmbeddedServer,
} from '@credit-hub/runtime';

export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const EMBEDDED_DATA_DIR = `${REPO_ROOT}.data/postgres`;
export const EMBEDDED_PORT = 54329;

export type HubDatabases = Record<SubgraphName, Knex>;

export interface OpenedDatabases {
  urls: Record<SubgraphName, string>;
  dbs: HubDatabases;
  /** The shared audit database (design §6). */
  auditUrl: string;
  audit: Knex;
  embedded?: EmbeddedServer;
  close(): Promise<void>;
}

export async function openHubDatabases(
  options: { env?: NodeJS.ProcessEnv; dataDir?: string; port?: number; log?: (line: string) => void } = {},
): Promise<OpenedDatabases> {
  const env = options.env ?? process.env;
  // External only when every database is named (DATABASE_URL names them all at once).
  const external = [...SUBGRAPHS.map((subgraph) => subgraph.name), 'audit' as const].every((name) => databaseUrlFor(name, env));
  let embedded: EmbeddedServer | undefined;
  if (!external) {
    options.log?.(`starting embedded PostgreSQL (data in ${options.dataDir ?? EMBEDDED_DATA_DIR})`);
    embedded = await startEmbeddedPostgres({ dataDir: options.dataDir ?? EMBEDDED_DATA_DIR, port: options.port ?? EMBEDDED_PORT });
  }
  const urls = {} as Record<SubgraphName, string>;
  const dbs = {} as HubDatabases;
  for (const subgraph of SUBGRAPHS) {
    urls[subgraph.name] = embedded ? withDatabase(embedded.serverUrl, subgraph.database) : databaseUrlFor(subgraph.name, env)!;
    const { db, applied } = await openMigrated(urls[subgraph.name], subgraph.name);
    dbs[subgraph.name] = db;
    if (applied.length) options.log?.(`migrated ${subgraph.name}: ${applied.join(', ')}`);
  }
  const auditUrl = embedded ? withDatabase(embedded.serverUrl, AUDIT_DATABASE) : databaseUrlFor('audit', env)!;
  const { db: audit } = await openMigrated(auditUrl, 'audit');
  return {
    urls,
    dbs,
    auditUrl,
    audit,
    embedded,
    close: async () => {
      await Promise.all([...Object.values(dbs), audit].map((db) => db.destroy()));
      await embedded?.stop();
    },
  };
}
