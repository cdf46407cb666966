/**
 * `npm run bench`: the 1,000-subject batch check on the 100,000-subject data set.
 * Measures SQL statements per subgraph per request (knex query events) and latency
 * p50/p95 over repeated runs, and writes bench/results/latest.{json,md}. Figures are for
 * comparison within one run on one machine, not absolute promises.
 *
 *   npm run bench -- [--subjects 100000] [--runs 30] [--batch 1000]
 *
 * Data: an embedded PostgreSQL in .data/bench-postgres (seeded once, reused while the
 * subject count matches), or BENCH_DATABASE_URL.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { SUBGRAPHS } from '@credit-hub/schema';
import { countStatements, createSigningKeys, logger, signCallerToken } from '@credit-hub/runtime';
import { openHubDatabases, REPO_ROOT } from './hub-db.js';
import { startHub } from './hub.js';
import { resetDemoData, seedDemoData } from './seed/index.js';

logger.level = process.env.LOG_LEVEL ?? 'silent';

/** Showcase subject ids (migrations/showcase.json), ALL_SECTORS first. */
const showcaseIds = (
  JSON.parse(readFileSync(new URL('../migrations/showcase.json', import.meta.url), 'utf8')) as Array<{ id: string }>
).map((entry) => entry.id);

const { values } = parseArgs({
  options: {
    subjects: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '30' },
    batch: { type: 'string', default: '1000' },
  },
});
const subjects = Number(values.subjects);
const runs = Number(values.runs);
const batch = Number(values.batch);
for (const [name, value] of Object.entries({ subjects, runs, batch })) {
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} must be a positive integer`);
    process.exit(2);
  }
}

const say = (line: string) => console.log(`[bench] ${line}`);
const env: NodeJS.ProcessEnv = process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {};
const databases = await openHubDatabases({ env, dataDir: `${REPO_ROOT}.data/bench-postgres`, port: 54339, log: say });

const [{ n: registered }] = (await databases.dbs.platform('subjects').count({ n: '*' })) as [{ n: string }];
let seedSeconds: number | null = null;
if (Number(registered) !== subjects + showcaseIds.length) {
  say(`seeding ${subjects} subjects (register holds ${registered})`);
  await resetDemoData(databases.dbs);
  const summary = await seedDemoData(databases.dbs, { subjects, seed: 42 });
  seedSeconds = summary.elapsedMs / 1000;
  say(`seeded in ${seedSeconds.toFixed(1)} s`);
}

// Two hubs over the same data, side by side: the real one, and a baseline without the
// policy and audit, so the enforcement overhead is a ratio measured in one run.
const keys = await createSigningKeys('bench');
const hub = await startHub({ databaseUrls: databases.urls, auditUrl: databases.auditUrl, ports: 'any', keys });
const baseline = await startHub({ databaseUrls: databases.urls, auditUrl: databases.auditUrl, ports: 'any', keys, enforce: false });
// The batch check of the design: a finance bureau checking bidders for a procurement.
const caller = {
  authorization: `Bearer ${await signCallerToken(keys, { sub: '11150000MB0000000F', role: 'SECTOR_AGENCY', sector: 'FINANCE' }, { ttlSeconds: 6 * 3600 })}`,
  'x-credit-purpose': 'PUBLIC_PROCUREMENT',
};

/** Every k-th subject of the register: a spread batch, the same on every run. */
const register = (await databases.dbs.platform('subjects').select('id').orderBy('id')) as Array<{ id: string }>;
const step = Math.max(1, Math.floor(register.length / batch));
const ids = register.filter((_, index) => index % step === 0).slice(0, batch).map((row) => row.id);

const BATCH_QUERY = `query Batch($ids: [ID!]!) { subjects(ids: $ids) {
  id name judgments { id } registration { status } socialInsurance { status } procurementRecords { id } } }`;
const PROFILE_QUERY = `query Profile($id: ID!) { subject(id: $id) {
  id name kind regionName dishonestyRecords { id severity } seriousDishonestyListings { id status }
  judgments { documentNumber parties { name } } enforcementCases { caseNumber } dishonestJudgmentDebtor { id }
  registration { name legalRepresentative { name } } administrativePenalties { decisionNumber } abnormalOperations { id }
  socialInsurance { status arrears { amount } } wageArrears { caseNumber }
  procurementRecords { projectNumber } governmentContracts { contractNumber } financialCredit { loanCount } } }`;

async function post(url: string, query: string, variables: Record<string, unknown>) {
  const started = process.hrtime.bigint();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...caller },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (body.errors) throw new Error(`benchmark query failed: ${JSON.stringify(body.errors).slice(0, 500)}`);
  return ms;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const stats = (latencies: number[]) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), min: sorted[0]!, max: sorted.at(-1)! };
};

/** Runs the query on both hubs, alternating which goes first, and counts the real hub's SQL. */
async function measure(label: string, query: string, variables: Record<string, unknown>) {
  for (let warmup = 0; warmup < 3; warmup++) {
    await post(hub.gateway.url, query, variables);
    await post(baseline.gateway.url, query, variables);
  }
  const counters = Object.fromEntries(SUBGRAPHS.map((info) => [info.name, countStatements(hub.dbs[info.name])]));
  const auditCounter = countStatements(hub.audit);
  const enforced: number[] = [];
  const unenforced: number[] = [];
  for (let run = 0; run < runs; run++) {
    if (run % 2 === 0) {
      enforced.push(await post(hub.gateway.url, query, variables));
      unenforced.push(await post(baseline.gateway.url, query, variables));
    } else {
      unenforced.push(await post(baseline.gateway.url, query, variables));
      enforced.push(await post(hub.gateway.url, query, variables));
    }
  }
  const statementsPerRequest = Object.fromEntries(Object.entries(counters).map(([name, counter]) => [name, counter.count / runs]));
  const auditStatementsPerRequest = auditCounter.count / runs;
  [...Object.values(counters), auditCounter].forEach((counter) => counter.detach());
  const result = {
    label,
    runs,
    statementsPerRequest,
    auditStatementsPerRequest,
    latencyMs: stats(enforced),
    baselineLatencyMs: stats(unenforced),
    overhead: { p50: stats(enforced).p50 / stats(unenforced).p50, p95: stats(enforced).p95 / stats(unenforced).p95 },
  };
  say(
    `${label}: p50 ${result.latencyMs.p50.toFixed(1)} ms (without policy ${result.baselineLatencyMs.p50.toFixed(1)} ms, ` +
      `x${result.overhead.p50.toFixed(2)}), p95 ${result.latencyMs.p95.toFixed(1)} ms (x${result.overhead.p95.toFixed(2)}), ` +
      `statements ${JSON.stringify(statementsPerRequest)}, audit ${auditStatementsPerRequest}`,
  );
  return result;
}

const results = {
  at: new Date().toISOString(),
  machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  dataSet: { subjects: register.length, seedSeconds },
  batch: await measure(`subjects(ids:) with ${ids.length} ids, one field per sector`, BATCH_QUERY, { ids }),
  profile: await measure('one joined profile (ALL_SECTORS showcase)', PROFILE_QUERY, { id: showcaseIds[0] }),
};

mkdirSync(`${REPO_ROOT}bench/results`, { recursive: true });
writeFileSync(`${REPO_ROOT}bench/results/latest.json`, `${JSON.stringify(results, null, 2)}\n`);
const row = (r: typeof results.batch) =>
  `| ${r.label} | ${r.runs} | ${r.latencyMs.p50.toFixed(1)} | ${r.latencyMs.p95.toFixed(1)} | ${r.baselineLatencyMs.p50.toFixed(1)} | ${r.baselineLatencyMs.p95.toFixed(1)} | ${r.overhead.p50.toFixed(2)} / ${r.overhead.p95.toFixed(2)} | ${Object.entries(
    r.statementsPerRequest,
  )
    .map(([name, count]) => `${name} ${count}`)
    .join(', ')}; audit ${r.auditStatementsPerRequest} |`;
writeFileSync(
  `${REPO_ROOT}bench/results/latest.md`,
  [
    `# Benchmark ${results.at}`,
    '',
    `${results.dataSet.subjects} subjects; ${results.machine.cpus} cores, ${results.machine.memoryGiB} GiB, Node ${results.machine.node}.`,
    '',
    'Enforced: a FINANCE sector agency declaring PUBLIC_PROCUREMENT through the policy and audit; baseline: the same hub code with enforcement off, over the same data, measured alternately in the same run.',
    '',
    '| request | runs | p50 ms | p95 ms | baseline p50 | baseline p95 | overhead p50 / p95 | SQL statements per request |',
    '|---|---|---|---|---|---|---|---|',
    row(results.batch),
    row(results.profile),
    '',
  ].join('\n'),
);
say('wrote bench/results/latest.json and latest.md');
await hub.stop();
await baseline.stop();
await databases.close();
