/**
 * Fresh, migrated databases for one test file on the run's PostgreSQL server: names get a
 * unique prefix so test files running in parallel never share data.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { Knex } from 'knex';
import { SUBGRAPHS, type SubgraphName } from '@credit-hub/schema';
import { createDb, ensureDatabase, migrateSubgraph, withDatabase } from '@credit-hub/runtime';

export interface TestDatabases {
  urls: Record<SubgraphName, string>;
  dbs: Record<SubgraphName, Knex>;
  destroy(): Promise<void>;
}

export async function createTestDatabases(label: string): Promise<TestDatabases> {
  const serverUrl = inject('postgresServerUrl');
  const prefix = `t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(3).toString('hex')}`;
  const urls = {} as Record<SubgraphName, string>;
  const dbs = {} as Record<SubgraphName, Knex>;
  for (const subgraph of SUBGRAPHS) {
    const database = `${prefix}_${subgraph.database}`;
    await ensureDatabase(serverUrl, database);
    urls[subgraph.name] = withDatabase(serverUrl, database);
    dbs[subgraph.name] = createDb(urls[subgraph.name]);
    await migrateSubgraph(dbs[subgraph.name], subgraph.name);
  }
  return { urls, dbs, destroy: async () => void (await Promise.all(Object.values(dbs).map((db) => db.destroy()))) };
}
