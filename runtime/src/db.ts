/**
 * Databases: one PostgreSQL database per subgraph (design §2), reached through knex + pg.
 * Migrations are forward-only knex migrations in migrations/<subgraph>/.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { subgraphInfo, type SubgraphName } from '@credit-hub/schema';
import type { DatabaseTimeouts } from './timeouts.js';

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

/**
 * A pool on one database. `timeouts` for the pools that serve requests (the subgraphs' and
 * the audit database's, Art. 41): PostgreSQL's statement_timeout, and limits the client keeps
 * itself on a query, on opening a connection and on waiting for one, since a frozen server
 * or a network that stops forwarding cannot enforce its own. Migrations and seeding run
 * without them: a large load may rightly take longer than any request.
 */
export function createDb(url: string, options: { poolMax?: number; timeouts?: DatabaseTimeouts } = {}): Knex {
  const { timeouts } = options;
  // compileSqlOnError: false keeps the bound values (names searched for, ID numbers) out of
  // error messages and so out of the logs (Art. 42); the statement's shape is enough.
  if (!timeouts) return knexFactory({ client: 'pg', connection: url, compileSqlOnError: false, pool: { min: 0, max: options.poolMax ?? 10 } });
  // Connections by knex's id, to drop the one whose query timed out (see below).
  const open = new Map<string, pg.Client>();
  const db = knexFactory({
    client: 'pg',
    compileSqlOnError: false,
    connection: {
      connectionString: url,
      statement_timeout: timeouts.statementMs,
      query_timeout: timeouts.queryMs,
      connectionTimeoutMillis: timeouts.connectMs,
    },
    acquireConnectionTimeout: timeouts.acquireMs,
    pool: {
      min: 0,
      max: options.poolMax ?? 10,
      afterCreate: (connection: pg.Client & { __knexUid: string }, done: (error: Error | null, connection: pg.Client) => void) => {
        open.set(connection.__knexUid, connection);
        connection.once('end', () => open.delete(connection.__knexUid));
        done(null, connection);
      },
    },
  });
  // pg gives up on a query at query_timeout but keeps the connection, its query still
  // outstanding: the next query on it would wait behind that one. Closing its socket makes
  // the pool discard it and open a fresh connection once the server answers again.
  db.on('query-error', (error: Error, query: { __knexUid?: string }) => {
    if (!/Query read timeout$/.test(error?.message ?? '') || !query.__knexUid) return;
    (open.get(query.__knexUid) as unknown as { connection?: { stream?: { destroy(): void } } } | undefined)?.connection?.stream?.destroy();
  });
  return db;
}

/** Error codes of a database that cannot be reached or did not answer in time. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
/** PostgreSQL: query_canceled (statement_timeout), the server shutting down or not yet accepting, too many connections. */
const UNAVAILABLE_SQLSTATES = new Set(['57014', '57P01', '57P02', '57P03', '53300']);
// pg: a query past query_timeout, a connection lost, or not opened within connectionTimeoutMillis ('timeout expired').
const UNAVAILABLE_MESSAGE = /Query read timeout|Connection terminated|Connection ended unexpectedly|^timeout expired$/i;

/**
 * Whether an error means the database was unreachable or too slow (not a fault of the
 * request): the subgraph then answers with a coded error, never with the database's
 * address or the statement in the message (subgraph-server.ts).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { name, code, message, errors } = error as { name?: string; code?: unknown; message?: string; errors?: unknown[] };
  if (name === 'KnexTimeoutError') return true;
  if (typeof code === 'string' && (UNREACHABLE.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08/.test(code))) return true;
  if (UNAVAILABLE_MESSAGE.test(message ?? '')) return true;
  // Several addresses tried (Node's AggregateError): unreachable if each was.
  return Array.isArray(errors) && errors.length > 0 && errors.every(isDatabaseUnavailable);
}

/** Creates the database if the server lacks it (idempotent); serverUrl may name any database on the server. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres'), connectionTimeoutMillis: 10_000 });
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

/**
 * The database at `url`, created if missing and migrated to the latest. `freeStaleLock`:
 * the caller owns the server alone (the embedded one it started), so a migration lock left
 * by a process killed while migrating is stale and taken off; each migration runs in its
 * own transaction, so nothing of the killed one remains.
 */
export async function openMigrated(url: string, name: DatabaseName, options: { poolMax?: number; freeStaleLock?: boolean } = {}) {
  await ensureDatabase(url, new URL(url).pathname.slice(1));
  const db = createDb(url, options);
  try {
    if (options.freeStaleLock && (await db.schema.hasTable('knex_migrations_lock'))) await db.migrate.forceFreeMigrationsLock();
    const applied = await migrateDatabase(db, name);
    return { db, applied };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/**
 * One line on why a database could not be reached, naming the server (never the password)
 * and the variable that points at it: what an operator needs to fix DATABASE_URL.
 */
export function describeConnectionFailure(error: unknown, url: string, variable: string): string {
  let where = url;
  let user = '';
  try {
    const parsed = new URL(url);
    where = `${parsed.hostname}:${parsed.port || '5432'}`;
    user = decodeURIComponent(parsed.username);
  } catch {
    return `${variable} is not a valid postgres:// URL`;
  }
  const { code, message } = error as { code?: string; message?: string };
  const text = message ?? String(error);
  if (code === 'ECONNREFUSED') return `nothing answers at ${where} (${variable}): connection refused; start that PostgreSQL server or correct ${variable}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host in ${variable} (${where}) is unknown: correct ${variable}`;
  if (code === 'ETIMEDOUT' || /timeout/i.test(text)) return `PostgreSQL at ${where} (${variable}) did not answer in time: check the address and the network`;
  if (code === '28P01' || code === '28000') return `PostgreSQL at ${where} (${variable}) refused the login of user "${user}": ${text}; correct the user or password in ${variable}`;
  if (code === '42501') return `PostgreSQL at ${where} (${variable}) answered that user "${user}" may not do this: ${text}; grant it CREATEDB or create the databases beforehand`;
  if (code === 'ENOSPC' || code === '53100') return `PostgreSQL at ${where} (${variable}) has no disk space left: ${text}`;
  if (/Migration table is already locked/i.test(text)) {
    return `the migration lock in ${where} (${variable}) is held: another hub is migrating; if none is, free it with: delete from knex_migrations_lock`;
  }
  return `PostgreSQL at ${where} (${variable}) answered: ${text.split('\n')[0]}`;
}
