/**
 * `npm start`: the whole hub on this machine. Starts the embedded PostgreSQL (or uses
 * DATABASE_URL), migrates, seeds demo data when the register is empty (or seeds again when
 * the last load was interrupted), starts the five subgraphs and the gateway, and prints the
 * URLs. Ctrl-C stops everything cleanly.
 *
 * A reason it cannot start is one line with the fix (port taken, another hub running, data
 * of another PostgreSQL version, no disk space, DATABASE_URL wrong) and exit code 1; the
 * stack trace only with --verbose.
 */
import { SUBGRAPHS } from '@credit-hub/schema';
import { logger, portInUse, reportStartupFailure, StartupError } from '@credit-hub/runtime';
import { loadHubEnv, subgraphPortVariable } from './env.js';
import { openHubDatabases, runningHub, type OpenedDatabases } from './hub-db.js';
import { startHub, type RunningHub } from './hub.js';
import { resetDemoData, seedDemoData, seedState } from './seed/index.js';

const started = Date.now();
const say = (line: string) => console.log(`[credit-hub] ${line}`);
let databases: OpenedDatabases | undefined;
let hub: RunningHub | undefined;
let stopping = false;

async function main(): Promise<void> {
  const env = loadHubEnv();
  const running = runningHub();
  if (running) {
    throw new StartupError(
      `a hub is already running here (${running.command}, pid ${running.pid}, since ${running.startedAt}): stop it (Ctrl-C there, or kill ${running.pid}) before starting another`,
    );
  }
  // Every port before any work: a taken one is named with the variable that moves it.
  const ports = [
    { port: env.gatewayPort, what: 'gateway', variable: 'GATEWAY_PORT' },
    ...SUBGRAPHS.map((info) => ({ port: env.subgraphPorts[info.name], what: `${info.name} subgraph`, variable: subgraphPortVariable(info.name) })),
  ];
  for (const { port, what, variable } of ports) {
    if (port !== 0 && (await portInUse(port))) {
      throw new StartupError(`port ${port} (${what}) is in use by another process: stop it or set ${variable} to a free port`);
    }
  }

  databases = await openHubDatabases({ log: say, attach: false, command: 'npm start' });
  const state = await seedState(databases.dbs);
  if (state === 'interrupted') {
    say('the last demo data load did not finish (interrupted): emptying the register and loading it again');
    await resetDemoData(databases.dbs);
  }
  if (state !== 'complete') {
    say(`empty register: seeding ${env.seedSubjects} demo subjects (npm run seed -- --subjects N --reset for more)`);
    const summary = await seedDemoData(databases.dbs, { subjects: env.seedSubjects });
    say(`seeded in ${(summary.elapsedMs / 1000).toFixed(1)} s`);
  }
  if (stopping) return;
  hub = await startHub({
    databaseUrls: databases.urls,
    auditUrl: databases.auditUrl,
    subgraphPorts: env.subgraphPorts,
    gatewayPort: env.gatewayPort,
    // The playground mints tokens for any caller on this machine; startHub warns about it.
    devTokens: true,
  });

  const gatewayBase = hub.gateway.url.replace(/\/graphql$/, '');
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  say(`gateway     ${hub.gateway.url}`);
  say(`playground  ${gatewayBase}/playground/`);
  say(`health      ${gatewayBase}/healthz   readiness ${gatewayBase}/readyz`);
  for (const info of SUBGRAPHS) say(`${info.name.padEnd(16)}${hub.subgraphs[info.name].url}`);
  if (databases.embedded) say(`database    embedded PostgreSQL on port ${databases.embedded.port}, data in ${databases.embedded.dataDir}`);
  say('Ctrl-C stops everything.');
}

async function shutdown(signal: string, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  if (signal) say(`${signal}: stopping`);
  try {
    await hub?.stop();
    await databases?.close();
  } catch (error) {
    logger.error({ err: error }, 'error while stopping');
    exitCode = 1;
  }
  if (signal) say('stopped');
  process.exit(exitCode);
}

// The hub stops in order (gateway, subgraphs, connections, then the database), even mid-start.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(signal));
}

main().catch((error: unknown) => {
  if (stopping) return; // stopped by a signal mid-start: the work it cut short is not an error
  const code = reportStartupFailure(error, '[credit-hub]');
  void shutdown('', code);
});
