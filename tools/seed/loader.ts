/**
 * Loading rows with COPY FROM STDIN, one raw connection and one transaction per database.
 * Nothing is visible until everything is loaded: the sector databases commit first and
 * the platform last, so a failed run leaves `isSeeded` false and can simply be rerun.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { SUBGRAPHS, type SubgraphName } from '@credit-hub/schema';
import { hasSerialId, TABLES, tablesOf, type RowBuffer, type TableName } from './tables.js';

interface Connection {
  db: Knex;
  client: pg.PoolClient;
}

/** Sector databases commit before the platform, whose subjects mark the hub as seeded. */
const COMMIT_ORDER: SubgraphName[] = [...SUBGRAPHS.map((subgraph) => subgraph.name).filter((name) => name !== 'platform'), 'platform'];

export class CopyLoader {
  private constructor(private readonly connections: Map<SubgraphName, Connection>) {}

  static async open(dbs: Record<SubgraphName, Knex>): Promise<CopyLoader> {
    const connections = new Map<SubgraphName, Connection>();
    try {
      for (const name of COMMIT_ORDER) {
        const db = dbs[name];
        const client = (await db.client.acquireConnection()) as pg.PoolClient;
        connections.set(name, { db, client });
        await client.query('begin');
      }
    } catch (error) {
      await new CopyLoader(connections).abort();
      throw error;
    }
    return new CopyLoader(connections);
  }

  /**
   * Takes every buffered row now (so generation can refill the buffer meanwhile) and loads
   * them: the databases in parallel, each one's tables in dependency order.
   */
  load(rows: RowBuffer): Promise<void> {
    const batches = [...this.connections].map(([name, connection]) => ({
      connection,
      tables: tablesOf(name).map((table) => ({ table, lines: rows.take(table) })),
    }));
    return Promise.all(
      batches.map(async ({ connection, tables }) => {
        for (const { table, lines } of tables) if (lines.length) await copy(connection.client, table, lines);
      }),
    ).then(() => undefined);
  }

  /** Moves each id sequence past the explicit ids, then commits. */
  async commit(): Promise<void> {
    for (const [name, { client }] of this.connections) {
      for (const table of tablesOf(name).filter(hasSerialId)) {
        await client.query(`select setval(pg_get_serial_sequence('${table}', 'id'), coalesce(max(id), 0) + 1, false) from ${table}`);
      }
    }
    for (const name of COMMIT_ORDER) await this.connections.get(name)!.client.query('commit');
    this.release();
  }

  async abort(): Promise<void> {
    await Promise.allSettled([...this.connections.values()].map(({ client }) => client.query('rollback')));
    this.release();
  }

  private release(): void {
    for (const { db, client } of this.connections.values()) db.client.releaseConnection(client);
    this.connections.clear();
  }
}

async function copy(client: pg.PoolClient, table: TableName, lines: string[]): Promise<void> {
  const columns = TABLES[table].columns.join(', ');
  const stream = client.query(copyFrom(`copy ${table} (${columns}) from stdin`));
  await pipeline(Readable.from([lines.join('')]), stream);
}
