/**
 * Databases: one PostgreSQL database per subgraph (design §2), reached through knex + pg.
 * Migrations are forward-only knex migrations in migrations/<subgraph>/.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { subgraphInfo, type SubgraphName } from '@credit-hub/schema';

// DATE columns are calendar dates: return them as 'YYYY-MM-DD' strings, never shifted by a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// bigint ids fit in JS numbers for any realistic row count; keep them as strings to be exact.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => value);

export const MIGRATIONS_ROOT = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** Environment variable naming one subgraph's database, e.g. SOCIAL_SECURITY_DATABASE_URL. */
export function databaseEnvName(name: DatabaseName): string {
  return `${name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`;
}

/**
 * The database URL of a subgraph: its own variable if set, else DATABASE_URL (a server,
 * or any database on it) with the subgraph's database name put in.
 */
export function databaseUrlFor(name: DatabaseName, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const own = env[databaseEnvName(name)];
  if (own) return own;
  const database = name === 'audit' ? AUDIT_DATABASE : subgraphInfo(name).database;
  return env.DATABASE_URL ? withDatabase(env.DATABASE_URL, database) : undefined;
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function createDb(url: string, options: { poolMax?: number } = {}): Knex {
  return knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: 0, max: options.poolMax ?? 10 },
  });
}

/** Creates the database if the server lacks it (idempotent); serverUrl may name any database on the server. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** Databases with migrations: the five subgraphs' and the shared audit database. */
export type DatabaseName = SubgraphName | 'audit';

export const AUDIT_DATABASE = 'credit_audit';

/** Knex migration source over migrations/<database>/*.ts, loaded with import(). */
function migrationSource(name: DatabaseName): Knex.MigrationSource<string> {
  const folder = `${MIGRATIONS_ROOT}${name}/`;
  return {
    getMigrations: async () =>
      readdirSync(folder)
        .filter((file) => /^\d+_.*\.ts$/.test(file))
        .sort(),
    getMigrationName: (file) => file,
    getMigration: async (file) => {
      const migration = (await import(pathToFileURL(`${folder}${file}`).href)) as Pick<Knex.Migration, 'up'>;
      // Forward-only (design §2): a mistake is mended by a new migration, never by rolling back.
      return { up: migration.up, down: async () => Promise.reject(new Error(`${file} is forward-only`)) };
    },
  };
}

export async function migrateDatabase(db: Knex, name: DatabaseName): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({ migrationSource: migrationSource(name) })) as [number, string[]];
  return applied;
}

/** Migrates one step at a time up to and including `last`: a data migration is tested on the data before it. */
export async function migrateDatabaseThrough(db: Knex, name: DatabaseName, last: string): Promise<void> {
  const source = migrationSource(name);
  for (;;) {
    const [, applied] = (await db.migrate.up({ migrationSource: source })) as [number, string[]];
    if (applied.length === 0 || applied.includes(last)) return;
  }
}

/** The database at `url`, created if missing and migrated to the latest. */
export async function openMigrated(url: string, name: DatabaseName, options: { poolMax?: number } = {}) {
  await ensureDatabase(url, new URL(url).pathname.slice(1));
  const db = createDb(url, options);
  const applied = await migrateDatabase(db, name);
  return { db, applied };
}
