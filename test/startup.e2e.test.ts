/**
 * `npm start` and the operator commands as a newcomer meets them: started from a clone in a
 * private (mode 700) folder, beside a running hub and alone, killed in the middle of the
 * first start, and refused for each start-up failure with one line that names the fix.
 * Real processes, a real embedded PostgreSQL per case, real HTTP.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort, portInUse, processAlive, startEmbeddedPostgres, withDatabase } from '@credit-hub/runtime';
import './provided.js';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const isRoot = process.getuid?.() === 0;
const cleanups: Array<() => void | Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
}, 60_000);

/** A folder only for this test; the server's user must pass through it to reach the system root inside. */
function scratch(prefix: string, mode = 0o700): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, mode);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Fixed ports for a hub started as a command, below Linux's ephemeral range (32768-60999):
 * a port found free there stays free until the hub binds it, where one from `listen(0)` can
 * be handed meanwhile to a server of another test file (seen: FINANCE_PORT taken).
 */
async function hubPorts(): Promise<Record<string, string>> {
  const names = ['GATEWAY_PORT', 'PLATFORM_PORT', 'COURTS_PORT', 'MARKET_PORT', 'SOCIAL_SECURITY_PORT', 'FINANCE_PORT', 'EMBEDDED_PG_PORT'];
  const ports: Record<string, string> = {};
  const taken = new Set<number>();
  for (const name of names) {
    let port: number;
    do port = 20_000 + Math.floor(Math.random() * 12_000);
    while (taken.has(port) || (await portInUse(port)));
    taken.add(port);
    ports[name] = String(port);
  }
  return ports;
}

interface Command {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<number | null>;
}

/** Runs a repo script (tools/<name>.ts) in `cwd` the way its npm script does: node with tsx's loader, one process. */
function run(cwd: string, script: string, env: Record<string, string>, args: string[] = []): Command {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/DATABASE_URL$|_PORT$/.test(key)));
  const child = spawn(process.execPath, ['--import', 'tsx', `tools/${script}.ts`, ...args], {
    cwd,
    env: { ...clean, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(() => void child.kill('SIGKILL'));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: async (pattern, timeoutMs = 120_000) => {
      const until = Date.now() + timeoutMs;
      while (!pattern.test(out + err)) {
        if (child.exitCode !== null) throw new Error(`exited ${child.exitCode} before ${pattern}:\n${out}\n${err}`);
        if (Date.now() > until) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${out}\n${err}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

/** A refusal: exit code 1 and exactly one line on stderr, with no stack trace. */
async function refusal(command: Command): Promise<string> {
  expect(await command.exited).toBe(1);
  const lines = command.stderr().trim().split('\n').filter((line) => !line.startsWith('{')); // pino JSON lines are logs
  expect(lines, command.stderr()).toHaveLength(1);
  expect(command.stderr()).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

async function subjectName(gatewayPort: string): Promise<string | undefined> {
  const response = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ subject(id: "91150102MA0N3QK81Q") { name } }' }),
  });
  return ((await response.json()) as { data?: { subject?: { name?: string } } }).data?.subject?.name;
}

/** Ctrl-C: the hub stops in order, says so and exits 0. */
async function stop(command: Command): Promise<void> {
  command.child.kill('SIGINT');
  expect(await command.exited).toBe(0);
  expect(command.stdout()).toMatch(/SIGINT: stopping\n(.*\n)*\[credit-hub\] stopped/);
}

describe('start anywhere (npm start, operator commands)', () => {
  it('starts from a clone in a mode-700 folder, with operator commands working beside it and alone', async () => {
    // The clone: the checked-out files and node_modules as hard links, inside a private folder.
    mkdirSync(join(REPO, '.data'), { recursive: true });
    const home = mkdtempSync(join(REPO, '.data', 'private-home-'));
    cleanups.push(() => rmSync(home, { recursive: true, force: true }));
    chmodSync(home, 0o700);
    const clone = join(home, 'credit-hub');
    mkdirSync(clone);
    const files = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
    const copy = spawnSync('cp', ['--parents', '-al', ...files.filter((file) => existsSync(join(REPO, file))), clone], { cwd: REPO });
    expect(copy.status, copy.stderr?.toString()).toBe(0);
    for (const modules of ['node_modules', 'playground/dist']) {
      expect(spawnSync('cp', ['-al', join(REPO, modules), join(clone, modules)]).status).toBe(0);
    }
    const systemRoot = scratch('credit-hub-system-', 0o755);
    const ports = await hubPorts();
    const env = { ...ports, SEED_SUBJECTS: '100', CREDIT_HUB_SYSTEM_ROOT: systemRoot };

    const started = Date.now();
    const hub = run(clone, 'start', env);
    await hub.waitFor(/ready in/);
    const startSeconds = (Date.now() - started) / 1000;
    if (isRoot) {
      // The postgres user cannot enter the private folder: binaries and data moved where it can, and said so.
      expect(hub.stdout()).toContain(`copying them to ${systemRoot}/postgres-`);
      expect(hub.stdout()).toMatch(new RegExp(`data in ${systemRoot}/data/credit-hub-postgres-[0-9a-f]{12}`));
    } else {
      expect(hub.stdout()).toContain(`data in ${clone}/.data/postgres`);
    }
    expect(await subjectName(ports.GATEWAY_PORT!)).toBeTruthy();
    expect(spawnSync('stat', ['-c', '%a', home]).stdout.toString().trim()).toBe('700'); // never opened up

    // Beside the running hub: the operator's commands use its server.
    const verify = run(clone, 'audit-verify', env);
    expect(await verify.exited, verify.stderr()).toBe(0);
    expect(verify.stderr()).toMatch(/using the embedded PostgreSQL of the running hub \(npm start, pid \d+/);
    expect(verify.stdout()).toMatch(/access log intact: \d+ rows/);

    // A second hub on the same data says which one runs.
    const second = run(clone, 'start', { ...env, ...(await hubPorts()) });
    expect(await refusal(second)).toMatch(/a hub is already running here \(npm start, pid \d+, since .*\): stop it/);

    const { pgPid } = JSON.parse(readFileSync(join(clone, '.data/postgres.hub.json'), 'utf8')) as { pgPid: number };
    await stop(hub);
    expect(existsSync(join(clone, '.data/postgres.hub.json'))).toBe(false);
    expect(processAlive(pgPid)).toBe(false);

    // With no hub running, the command starts the server itself.
    const alone = run(clone, 'audit-verify', env);
    expect(await alone.exited, alone.stderr()).toBe(0);
    expect(alone.stderr()).toContain('starting embedded PostgreSQL');
    expect(alone.stdout()).toMatch(/access log intact/);
    console.log(`start from a mode-700 clone${isRoot ? ' as root' : ''}: ready in ${startSeconds.toFixed(1)} s (test process view)`);
  }, 240_000);

  it('finishes an interrupted first start: the next start stops the orphaned server, frees the migration lock and seeds again', async () => {
    const dataRoot = scratch('credit-hub-interrupted-', 0o755);
    const dataDir = join(dataRoot, 'postgres');
    const ports = await hubPorts();
    const env = { ...ports, SEED_SUBJECTS: '30000', CREDIT_HUB_DATA_DIR: dataDir };
    const first = run(REPO, 'start', env);
    await first.waitFor(/seeding 30000 demo subjects/);
    const state = JSON.parse(readFileSync(`${dataDir}.hub.json`, 'utf8')) as { pid: number; pgPid: number; serverUrl: string };
    // Wait until the load is under way (its run written, not finished), then kill the hub outright.
    const platform = new pg.Client({ connectionString: withDatabase(state.serverUrl, 'credit_platform') });
    await platform.connect();
    for (let tries = 0; ; tries++) {
      const { rows } = await platform.query('select count(*)::int as n from seed_runs where finished_at is null');
      if (rows[0].n === 1) break;
      if (tries > 400) throw new Error('the seed never started');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await platform.end();
    process.kill(state.pid, 'SIGKILL');
    await first.exited;
    // Killed while migrating leaves knex's lock held: the same state, made by hand on one database.
    const courts = new pg.Client({ connectionString: withDatabase(state.serverUrl, 'credit_courts') });
    await courts.connect();
    await courts.query('update knex_migrations_lock set is_locked = 1');
    await courts.end();

    const second = run(REPO, 'start', env);
    await second.waitFor(/ready in/);
    expect(second.stdout()).toContain(`stopping the PostgreSQL (pid ${state.pgPid}) left running by npm start (pid ${state.pid})`);
    expect(second.stdout()).toContain('the last demo data load did not finish (interrupted)');
    const again = JSON.parse(readFileSync(`${dataDir}.hub.json`, 'utf8')) as { serverUrl: string };
    const check = new pg.Client({ connectionString: withDatabase(again.serverUrl, 'credit_platform') });
    await check.connect();
    const showcase = (JSON.parse(readFileSync(join(REPO, 'migrations/showcase.json'), 'utf8')) as unknown[]).length;
    const { rows: subjects } = await check.query('select count(*)::int as n from subjects');
    const { rows: runs } = await check.query('select count(*)::int as n, count(finished_at)::int as finished from seed_runs');
    await check.end();
    expect(subjects[0].n).toBe(30000 + showcase);
    expect(runs[0]).toEqual({ n: 1, finished: 1 });
    expect(await subjectName(ports.GATEWAY_PORT!)).toBeTruthy();
    await stop(second);
  }, 240_000);

  describe('each start-up failure is one line with its fix', () => {
    const occupied: Server[] = [];
    afterAll(() => occupied.forEach((server) => server.close()));
    const occupy = async () => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      occupied.push(server);
      return String((server.address() as { port: number }).port);
    };
    const freshData = () => join(scratch('credit-hub-fail-', 0o755), 'postgres');

    it('a taken port names the port, what wanted it and the variable that moves it', async () => {
      const taken = await occupy();
      const gateway = run(REPO, 'start', { ...(await hubPorts()), GATEWAY_PORT: taken, CREDIT_HUB_DATA_DIR: freshData() });
      expect(await refusal(gateway)).toBe(`[credit-hub] error: port ${taken} (gateway) is in use by another process: stop it or set GATEWAY_PORT to a free port`);
      const courts = run(REPO, 'start', { ...(await hubPorts()), COURTS_PORT: taken, CREDIT_HUB_DATA_DIR: freshData() });
      expect(await refusal(courts)).toContain(`port ${taken} (courts subgraph) is in use by another process: stop it or set COURTS_PORT`);
      const database = run(REPO, 'start', { ...(await hubPorts()), EMBEDDED_PG_PORT: taken, CREDIT_HUB_DATA_DIR: freshData() });
      expect(await refusal(database)).toContain(`port ${taken} (embedded PostgreSQL) is in use by another process: stop it or set EMBEDDED_PG_PORT`);
      // --verbose adds the stack for whoever debugs it.
      const verbose = run(REPO, 'start', { ...(await hubPorts()), GATEWAY_PORT: taken, CREDIT_HUB_DATA_DIR: freshData() }, ['--verbose']);
      expect(await verbose.exited).toBe(1);
      expect(verbose.stderr()).toMatch(/^\s+at /m);
    }, 120_000);

    it('a data folder held by a running PostgreSQL names its pid', async () => {
      const dataDir = freshData();
      const server = await startEmbeddedPostgres({ dataDir });
      cleanups.push(() => server.stop());
      const start = run(REPO, 'start', { ...(await hubPorts()), CREDIT_HUB_DATA_DIR: dataDir });
      expect(await refusal(start)).toBe(
        `[credit-hub] error: the data folder ${server.dataDir} is in use by a running PostgreSQL (pid ${server.pid}): stop the hub that runs it, or wait for it to stop`,
      );
    }, 120_000);

    it('a data folder of another PostgreSQL major version says which', async () => {
      const dataDir = freshData();
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(join(dataDir, 'PG_VERSION'), '15\n');
      const start = run(REPO, 'start', { ...(await hubPorts()), CREDIT_HUB_DATA_DIR: dataDir });
      expect(await refusal(start)).toContain(`the data folder ${dataDir} was written by PostgreSQL 15, and this hub runs PostgreSQL 17: move the folder away`);
    }, 120_000);

    it('DATABASE_URL: nothing answering, a refused login, some databases named and not others, not a URL', async () => {
      const closed = await freePort();
      const refused = run(REPO, 'start', { ...(await hubPorts()), DATABASE_URL: `postgres://hub:secret@127.0.0.1:${closed}/postgres` });
      const line = await refusal(refused);
      expect(line).toContain(`nothing answers at 127.0.0.1:${closed} (DATABASE_URL): connection refused`);
      expect(line).not.toContain('secret');

      const serverUrl = new URL(inject('postgresServerUrl'));
      serverUrl.password = 'not-the-password';
      const login = run(REPO, 'start', { ...(await hubPorts()), DATABASE_URL: serverUrl.toString() });
      const loginLine = await refusal(login);
      expect(loginLine).toContain(`PostgreSQL at 127.0.0.1:${serverUrl.port} (DATABASE_URL) refused the login of user "${serverUrl.username}"`);
      expect(loginLine).not.toContain('not-the-password');

      const partial = run(REPO, 'start', { ...(await hubPorts()), PLATFORM_DATABASE_URL: inject('postgresServerUrl') });
      expect(await refusal(partial)).toContain('PLATFORM_DATABASE_URL set but COURTS_DATABASE_URL, MARKET_DATABASE_URL');

      const malformed = run(REPO, 'start', { ...(await hubPorts()), DATABASE_URL: 'localhost:5432' });
      expect(await refusal(malformed)).toContain('DATABASE_URL is not a postgres:// URL');
    }, 120_000);

    it.runIf(isRoot)('no disk space names the folder', async () => {
      // A 4 MB file system: initdb needs ten times that.
      const mountPoint = scratch('credit-hub-full-', 0o755);
      const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=755', 'tmpfs', mountPoint]);
      expect(mounted.status, mounted.stderr.toString()).toBe(0);
      cleanups.push(() => void spawnSync('umount', ['-l', mountPoint]));
      const start = run(REPO, 'start', { ...(await hubPorts()), CREDIT_HUB_DATA_DIR: join(mountPoint, 'postgres') });
      expect(await refusal(start)).toContain(`no disk space left for the embedded PostgreSQL in ${mountPoint}/postgres`);
    }, 120_000);
  });
});
