/**
 * Fresh, migrated databases for one test file on the run's PostgreSQL server: names get a
 * unique prefix so test files running in parallel never share data.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import './provided.js';
import type { Knex } from 'knex';
import { SUBGRAPHS, type SubgraphName } from '@credit-hub/schema';
import { createDb, ensureDatabase, migrateDatabase, withDatabase } from '@credit-hub/runtime';

export interface TestDatabases {
  urls: Record<SubgraphName, string>;
  dbs: Record<SubgraphName, Knex>;
  auditUrl: string;
  audit: Knex;
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
    await migrateDatabase(dbs[subgraph.name], subgraph.name);
  }
  const auditUrl = withDatabase(serverUrl, `${prefix}_credit_audit`);
  await ensureDatabase(serverUrl, `${prefix}_credit_audit`);
  const audit = createDb(auditUrl);
  await migrateDatabase(audit, 'audit');
  return {
    urls,
    dbs,
    auditUrl,
    audit,
    destroy: async () => void (await Promise.all([...Object.values(dbs), audit].map((db) => db.destroy()))),
  };
}
