/**
 * Opening the hub's databases (five subgraphs' and the audit one): on the server named by
 * DATABASE_URL (or one URL per database), else on the embedded PostgreSQL whose data lives in
 * .data/postgres (git-ignored; under /var/lib/credit-hub when running as root from a folder
 * the server's user cannot reach). Creates missing databases and runs every migration.
 *
 * The command that starts the embedded server writes a state file beside its data folder
 * (pid, port), removed when it stops: an operator command run beside a running hub
 * (`npm run audit:verify`, `npm run seed`) uses that hub's server instead of failing on its
 * lock, and a second `npm start` says that a hub is running and which.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import pg from 'pg';
import { SUBGRAPHS, type SubgraphName } from '@credit-hub/schema';
import {
  AUDIT_DATABASE,
  databaseEnvName,
  databaseUrlFor,
  describeConnectionFailure,
  lockHolder,
  openMigrated,
  processAlive,
  startEmbeddedPostgres,
  StartupError,
  stopOrphanedServer,
  withDatabase,
  type DatabaseName,
  type EmbeddedServer,
} from '@credit-hub/runtime';
import { EMBEDDED_PG_PORT_VARIABLE, loadHubEnv } from './env.js';

export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const EMBEDDED_DATA_DIR = `${REPO_ROOT}.data/postgres`;

export type HubDatabases = Record<SubgraphName, Knex>;

export interface OpenedDatabases {
  urls: Record<SubgraphName, string>;
  dbs: HubDatabases;
  /** The shared audit database (design §6). */
  auditUrl: string;
  audit: Knex;
  /** The embedded server this command started. */
  embedded?: EmbeddedServer;
  /** The running hub whose embedded server this command uses. */
  attachedTo?: HubState;
  close(): Promise<void>;
}

/** What a command that started the embedded server leaves beside its data folder while it runs. */
export interface HubState {
  pid: number;
  command: string;
  serverUrl: string;
  port: number;
  dataDir: string;
  pgPid: number;
  startedAt: string;
}

export const hubStatePath = (dataDir = EMBEDDED_DATA_DIR) => `${resolve(dataDir)}.hub.json`;

export function readHubState(dataDir = EMBEDDED_DATA_DIR): HubState | undefined {
  try {
    return JSON.parse(readFileSync(hubStatePath(dataDir), 'utf8')) as HubState;
  } catch {
    return undefined;
  }
}

/** The hub command running on this data folder now, if any (not this process). */
export function runningHub(dataDir = loadHubEnv().dataDir ?? EMBEDDED_DATA_DIR): HubState | undefined {
  const state = readHubState(dataDir);
  return state && state.pid !== process.pid && processAlive(state.pid) ? state : undefined;
}

const DATABASE_NAMES: DatabaseName[] = [...SUBGRAPHS.map((subgraph) => subgraph.name), 'audit'];

/** External when every database is named; some named and some not is a mistake, not a reason to start an embedded server. */
function externalUrls(env: NodeJS.ProcessEnv): Record<DatabaseName, string> | undefined {
  for (const variable of ['DATABASE_URL', ...DATABASE_NAMES.map(databaseEnvName)]) {
    const value = env[variable];
    if (value && !validPostgresUrl(value)) throw new StartupError(`${variable} is not a postgres:// URL: correct it (postgres://user:password@host:5432/database)`);
  }
  const named = DATABASE_NAMES.filter((name) => databaseUrlFor(name, env));
  if (named.length === 0) return undefined;
  if (named.length < DATABASE_NAMES.length) {
    const missing = DATABASE_NAMES.filter((name) => !named.includes(name)).map(databaseEnvName);
    throw new StartupError(`${named.map(databaseEnvName).join(', ')} set but ${missing.join(', ')} not: set DATABASE_URL for all of them, or every one of these`);
  }
  return Object.fromEntries(DATABASE_NAMES.map((name) => [name, databaseUrlFor(name, env)!])) as Record<DatabaseName, string>;
}

function validPostgresUrl(value: string): boolean {
  try {
    return /^postgres(ql)?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

async function canConnect(serverUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function openHubDatabases(
  options: {
    env?: NodeJS.ProcessEnv;
    dataDir?: string;
    port?: number;
    log?: (line: string) => void;
    /** Operator commands use a running hub's server (default); `npm start` refuses to run beside one. */
    attach?: boolean;
    /** Named in the state file, for whoever finds the data folder in use. */
    command?: string;
  } = {},
): Promise<OpenedDatabases> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const external = externalUrls(env);
  const hubEnv = loadHubEnv(env);
  const dataDir = options.dataDir ?? hubEnv.dataDir ?? EMBEDDED_DATA_DIR;
  let embedded: EmbeddedServer | undefined;
  let attachedTo: HubState | undefined;
  let serverUrl: string | undefined;
  if (!external) {
    const running = runningHub(dataDir);
    if (running && options.attach === false) {
      throw new StartupError(
        `a hub is already running on ${running.dataDir} (${running.command}, pid ${running.pid}, since ${running.startedAt}): stop it (Ctrl-C there, or kill ${running.pid}) before starting another`,
      );
    }
    if (running && (await canConnect(running.serverUrl))) {
      log(`using the embedded PostgreSQL of the running hub (${running.command}, pid ${running.pid}, port ${running.port})`);
      attachedTo = running;
      serverUrl = running.serverUrl;
    } else {
      await stopLeftOverServer(dataDir, log);
      log(`starting embedded PostgreSQL (data in ${resolve(dataDir)})`);
      embedded = await startEmbeddedPostgres({
        dataDir,
        port: options.port ?? hubEnv.embeddedPgPort,
        systemRoot: hubEnv.systemRoot,
        portVariable: EMBEDDED_PG_PORT_VARIABLE,
        onLog: (line) => {
          if (/^(creating|the |.* is out of)/.test(line)) log(line);
        },
      });
      serverUrl = embedded.serverUrl;
      writeHubState(dataDir, {
        pid: process.pid,
        command: options.command ?? commandName(),
        serverUrl,
        port: embedded.port,
        dataDir: embedded.dataDir,
        pgPid: embedded.pid,
        startedAt: new Date().toISOString(),
      });
    }
  }
  const urlOf = (name: DatabaseName) =>
    external ? external[name] : withDatabase(serverUrl!, name === 'audit' ? AUDIT_DATABASE : SUBGRAPHS.find((s) => s.name === name)!.database);
  const opened: Knex[] = [];
  const closeAll = async () => {
    await Promise.all(opened.map((db) => db.destroy()));
    if (embedded) {
      await embedded.stop();
      removeHubState(dataDir);
    }
  };
  try {
    const urls = {} as Record<SubgraphName, string>;
    const dbs = {} as HubDatabases;
    const open = async (name: DatabaseName) => {
      const url = urlOf(name);
      try {
        const { db, applied } = await openMigrated(url, name, { freeStaleLock: embedded !== undefined });
        opened.push(db);
        if (applied.length) log(`migrated ${name}: ${applied.length} migration${applied.length > 1 ? 's' : ''}, up to ${applied.at(-1)}`);
        return db;
      } catch (error) {
        const variable = external ? (env[databaseEnvName(name)] ? databaseEnvName(name) : 'DATABASE_URL') : 'the embedded PostgreSQL';
        throw new StartupError(describeConnectionFailure(error, url, variable), { cause: error });
      }
    };
    for (const subgraph of SUBGRAPHS) {
      urls[subgraph.name] = urlOf(subgraph.name);
      dbs[subgraph.name] = await open(subgraph.name);
    }
    const auditUrl = urlOf('audit');
    const audit = await open('audit');
    return { urls, dbs, auditUrl, audit, embedded, attachedTo, close: closeAll };
  } catch (error) {
    await closeAll().catch(() => {});
    throw error;
  }
}

/**
 * A hub killed outright (kill -9, a crash) leaves its PostgreSQL running and its state file
 * behind. When the state's process is gone and the server it started still holds the data
 * folder, that server is stopped (its data is consistent: PostgreSQL writes ahead).
 */
async function stopLeftOverServer(dataDir: string, log: (line: string) => void): Promise<void> {
  const state = readHubState(dataDir);
  if (!state || processAlive(state.pid)) return;
  if (state.pgPid && lockHolder(state.dataDir) === state.pgPid) {
    log(`stopping the PostgreSQL (pid ${state.pgPid}) left running by ${state.command} (pid ${state.pid}), which ended without stopping it`);
    await stopOrphanedServer(state.dataDir, state.pgPid);
  }
  removeHubState(dataDir);
}

function writeHubState(dataDir: string, state: HubState): void {
  const path = hubStatePath(dataDir);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

function removeHubState(dataDir: string): void {
  if (readHubState(dataDir)?.pid === process.pid) rmSync(hubStatePath(dataDir), { force: true });
}

function commandName(): string {
  const script = process.argv[1] ?? '';
  const match = /tools\/([\w-]+)\.ts$/.exec(script);
  if (!match) return script;
  return match[1] === 'start' ? 'npm start' : `npm run ${match[1]!.replace('audit-verify', 'audit:verify')}`;
}
