/**
 * Fresh, migrated databases for one test file on the run's PostgreSQL server: names get a
 * unique prefix so test files running in parallel never share data.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import './provided.js';
import type { Knex } from 'knex';
import { SUBGRAPHS, type SubgraphName } from '@credit-hub/schema';
import { openMigrated, withDatabase } from '@credit-hub/runtime';

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
    urls[subgraph.name] = withDatabase(serverUrl, `${prefix}_${subgraph.database}`);
    dbs[subgraph.name] = (await openMigrated(urls[subgraph.name], subgraph.name)).db;
  }
  const auditUrl = withDatabase(serverUrl, `${prefix}_credit_audit`);
  const { db: audit } = await openMigrated(auditUrl, 'audit');
  return {
    urls,
    dbs,
    auditUrl,
    audit,
    destroy: async () => void (await Promise.all([...Object.values(dbs), audit].map((db) => db.destroy()))),
  };
}

/** Makes the audit database refuse the append for the length of `run`, as an outage would (Art. 42: nothing then leaves). */
export async function withAuditUnavailable<T>(audit: Knex, run: () => Promise<T>): Promise<T> {
  await audit.raw('alter function access_log_append(text, jsonb) rename to access_log_append_unavailable');
  try {
    return await run();
  } finally {
    await audit.raw('alter function access_log_append_unavailable(text, jsonb) rename to access_log_append');
  }
}
