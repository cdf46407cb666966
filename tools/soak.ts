/**
 * `npm run soak -- --minutes N`: a mixed workload at fixed concurrency against a hub in a
 * process of its own, on loopback only, for a bounded time (Art. 41: the hub holds under
 * sustained load). Joined profiles, 200-subject batch checks, subjects' self-queries with
 * their access log, public profiles and procedure mutations (self-declarations, objections).
 *
 * It prints and writes bench/results/soak.md: throughput, p50/p95/p99, non-2xx and GraphQL
 * error counts by code, the memory of the hub process (RSS) and of the PostgreSQL server at start
 * and end (PostgreSQL as PSS, shared buffers counted once), and the access log verified over the run with the number of audited requests
 * against the requests that disclosed data.
 *
 *   npm run soak -- [--minutes 10] [--concurrency 8] [--subjects 5000]
 *
 * Data: an embedded PostgreSQL in .data/soak-postgres (seeded once, reused), or
 * SOAK_DATABASE_URL. Rate limits are off for the run (one client address sends everything).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { loadOrCreateDevKeys, logger, reportAccessLogCompleteness, signCallerToken, verifyAccessLog, type CallerClaims } from '@credit-hub/runtime';
import { openHubDatabases, REPO_ROOT } from './hub-db.js';
import { startHub } from './hub.js';
import { resetDemoData, seedDemoData } from './seed/index.js';

logger.level = process.env.LOG_LEVEL ?? 'silent';
const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '8' },
    subjects: { type: 'string', default: '5000' },
    serve: { type: 'boolean', default: false },
  },
});

// ---- the hub's own process ------------------------------------------------------------------

if (values.serve) {
  // Started by the driver below with the databases' URLs; prints its URL and waits to be stopped.
  const { urls, auditUrl } = JSON.parse(process.env.SOAK_HUB ?? '{}');
  const hub = await startHub({ databaseUrls: urls, auditUrl, ports: 'any', keys: await loadOrCreateDevKeys(), rateLimits: { enabled: false, publicPerWindow: 1, callerPerWindow: 1, windowSeconds: 1 } });
  console.log(`SOAK_URL ${hub.gateway.url}`);
  process.on('SIGTERM', () => void hub.stop().then(() => process.exit(0)));
} else {
  await drive();
}

// ---- the driver ----------------------------------------------------------------------------

async function drive() {
  const minutes = Number(values.minutes);
  const concurrency = Number(values.concurrency);
  const subjects = Number(values.subjects);
  if (!(minutes > 0 && minutes <= 120) || !(concurrency >= 1 && concurrency <= 64) || !(subjects >= 100)) {
    console.error('--minutes must be in (0, 120], --concurrency in [1, 64], --subjects at least 100');
    process.exit(2);
  }
  const say = (line: string) => console.log(`[soak] ${line}`);
  const env: NodeJS.ProcessEnv = process.env.SOAK_DATABASE_URL ? { DATABASE_URL: process.env.SOAK_DATABASE_URL } : {};
  const databases = await openHubDatabases({ env, dataDir: `${REPO_ROOT}.data/soak-postgres`, port: 54341, log: say });
  const showcase = JSON.parse(readFileSync(new URL('../migrations/showcase.json', import.meta.url), 'utf8')) as Array<{ id: string; kind: string }>;
  const [{ n: registered }] = (await databases.dbs.platform('subjects').count({ n: '*' })) as [{ n: string }];
  if (Number(registered) !== subjects + showcase.length) {
    say(`seeding ${subjects} subjects (register holds ${registered})`);
    await resetDemoData(databases.dbs);
    await seedDemoData(databases.dbs, { subjects, seed: 7 });
  }
  const register = (await databases.dbs.platform('subjects').select('id', 'kind').orderBy('id')) as Array<{ id: string; kind: string }>;
  const ids = register.map((row) => row.id);
  const enterprises = register.filter((row) => row.kind === 'LEGAL_PERSON').map((row) => row.id);
  const keys = await loadOrCreateDevKeys();

  // The hub in a child process, so its memory is its own.
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--serve'], {
    env: { ...process.env, LOG_LEVEL: 'silent', SOAK_HUB: JSON.stringify({ urls: databases.urls, auditUrl: databases.auditUrl }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /SOAK_URL (\S+)/.exec(out);
      if (found) resolve(found[1]!);
    });
    child.on('exit', (code) => reject(new Error(`the hub exited (${code}) before it was ready`)));
  });
  say(`hub ready at ${url} (pid ${child.pid}); ${minutes} min at concurrency ${concurrency}`);

  const rss = (pid: number) => {
    try {
      return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      return 0;
    }
  };
  const postgresPid = databases.embedded?.pid ?? databases.attachedTo?.pgPid;
  // Proportional set size: shared buffers divided among the processes that map them, so the
  // postmaster and its backends add up to what the server holds (their RSS counts it once each).
  const pss = (pid: number) => {
    try {
      return Number(/Pss:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      return 0;
    }
  };
  const postgresRss = () => {
    if (!postgresPid) return 0;
    let total = pss(postgresPid);
    try {
      for (const child of readFileSync(`/proc/${postgresPid}/task/${postgresPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) total += pss(Number(child));
    } catch {
      /* not on Linux */
    }
    return total;
  };

  const agency: CallerClaims = { sub: '11150000MB0000000F', role: 'SECTOR_AGENCY', sector: 'FINANCE' };
  const agencyToken = await signCallerToken(keys, agency, { ttlSeconds: 6 * 3600 });
  const subjectTokens = new Map<string, string>();
  const tokenOf = async (sub: string) => {
    let token = subjectTokens.get(sub);
    if (!token) subjectTokens.set(sub, (token = await signCallerToken(keys, { sub, role: 'CREDIT_SUBJECT' }, { ttlSeconds: 6 * 3600 })));
    return token;
  };
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
  const runId = Date.now().toString(36);

  type Work = { kind: string; query: string; variables: Record<string, unknown>; headers: Record<string, string> };
  const WORK: Array<[number, () => Promise<Work>]> = [
    [30, async () => ({ kind: 'joined profile', query: readFileSync(`${REPO_ROOT}examples/agency-joined-profile.graphql`, 'utf8'), variables: { id: pick(ids) }, headers: { authorization: `Bearer ${agencyToken}`, 'x-credit-purpose': 'PUBLIC_PROCUREMENT' } })],
    [15, async () => {
      const start = Math.floor(Math.random() * (ids.length - 200));
      return { kind: 'batch check (200)', query: readFileSync(`${REPO_ROOT}examples/batch-bidder-check.graphql`, 'utf8'), variables: { ids: ids.slice(start, start + 200) }, headers: { authorization: `Bearer ${agencyToken}`, 'x-credit-purpose': 'PUBLIC_PROCUREMENT' } };
    }],
    [25, async () => ({ kind: 'self-query', query: `{ me { name dishonestyRecords { severity summary } judgments { documentNumber } accessLog(first: 20) { at callerSub purpose } } }`, variables: {}, headers: { authorization: `Bearer ${await tokenOf(pick(ids))}` } })],
    [20, async () => ({ kind: 'public profile', query: `query($id: ID!) { subject(id: $id) { name kind regionName registration { status } administrativePenalties { decisionNumber } dishonestyRecords { severity } } }`, variables: { id: pick(ids) }, headers: {} })],
    [10, async () => ({ kind: 'self-declaration', query: `mutation($content: String!) { submitCommitment(input: { kind: SELF_DECLARATION, content: $content }) { id madeOn } }`, variables: { content: `本企业承诺所报信息真实有效（${runId}）` }, headers: { authorization: `Bearer ${await tokenOf(pick(enterprises))}` } })],
  ];
  const totalWeight = WORK.reduce((sum, [weight]) => sum + weight, 0);
  const nextWork = () => {
    let roll = Math.random() * totalWeight;
    for (const [weight, make] of WORK) if ((roll -= weight) < 0) return make();
    return WORK[0]![1]();
  };

  const rssStart = { hub: rss(child.pid!), postgres: postgresRss() };
  const latencies: number[] = [];
  const byKind = new Map<string, number[]>();
  const statuses = new Map<number, number>();
  const codes = new Map<string, number>();
  const disclosing = new Set<string>();
  let requests = 0;
  let failures = 0;
  const deadline = Date.now() + minutes * 60_000;
  const started = performance.now();
  const worker = async () => {
    while (Date.now() < deadline) {
      const work = await nextWork();
      const reference = `soak-${runId}-${++requests}`;
      const begin = performance.now();
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': reference, ...work.headers },
          body: JSON.stringify({ query: work.query, variables: work.variables }),
          signal: AbortSignal.timeout(60_000),
        });
        const body = (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
        const elapsed = performance.now() - begin;
        latencies.push(elapsed);
        (byKind.get(work.kind) ?? byKind.set(work.kind, []).get(work.kind)!).push(elapsed);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        for (const error of body.errors ?? []) codes.set(error.extensions?.code ?? 'NONE', (codes.get(error.extensions?.code ?? 'NONE') ?? 0) + 1);
        if (body.data && JSON.stringify(body.data) !== '{}') disclosing.add(reference);
      } catch {
        failures++;
      }
    }
  };
  // Growth is measured from the end of a warm-up (caches, pools and the JIT filled), a tenth of the run.
  let rssWarm = rssStart;
  const warmUp = setTimeout(() => void (rssWarm = { hub: rss(child.pid!), postgres: postgresRss() }), Math.max(20_000, minutes * 6_000));
  const progress = setInterval(() => say(`${requests} requests, ${((requests / (performance.now() - started)) * 1000).toFixed(0)}/s`), 30_000);
  await Promise.all(Array.from({ length: concurrency }, worker));
  clearInterval(progress);
  clearTimeout(warmUp);
  const seconds = (performance.now() - started) / 1000;
  const rssEnd = { hub: rss(child.pid!), postgres: postgresRss() };
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));

  // The log over the run: the chains, completeness, and a row set for every request that disclosed.
  const verdict = await verifyAccessLog(databases.audit);
  const complete = await reportAccessLogCompleteness(databases.audit, databases.dbs);
  const audited = new Set(
    ((await databases.audit('access_log').distinct('client_request_id').whereLike('client_request_id', `soak-${runId}-%`)) as Array<{ client_request_id: string }>).map((row) => row.client_request_id),
  );
  const unaudited = [...disclosing].filter((reference) => !audited.has(reference));
  await databases.close();

  const percentile = (list: number[], p: number) => {
    const sorted = [...list].sort((a, b) => a - b);
    return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
  };
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  const growth = (start: number, end: number) => (start ? `${(((end - start) / start) * 100).toFixed(1)} %` : 'n/a');
  const fiveHundreds = [...statuses].filter(([status]) => status >= 500).reduce((sum, [, count]) => sum + count, 0);
  const lines = [
    `# Soak: ${minutes} min, concurrency ${concurrency}, ${subjects} subjects`,
    '',
    `${new Date().toISOString()} · ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}) · ${mb(totalmem())} · Node ${process.version}. Reproduce: \`npm run soak -- --minutes ${minutes} --concurrency ${concurrency}\`.`,
    '',
    '| measure | value |',
    '|---|---|',
    `| requests | ${latencies.length} in ${seconds.toFixed(0)} s (${(latencies.length / seconds).toFixed(1)}/s); ${failures} without an answer |`,
    `| latency p50 / p95 / p99 | ${percentile(latencies, 50).toFixed(0)} / ${percentile(latencies, 95).toFixed(0)} / ${percentile(latencies, 99).toFixed(0)} ms |`,
    `| HTTP statuses | ${[...statuses].sort().map(([status, count]) => `${status}: ${count}`).join(', ')} |`,
    `| 5xx | ${fiveHundreds} |`,
    `| GraphQL errors by code | ${[...codes].sort().map(([code, count]) => `${code}: ${count}`).join(', ') || 'none'} |`,
    `| hub process RSS: start → after warm-up → end | ${mb(rssStart.hub)} → ${mb(rssWarm.hub)} → ${mb(rssEnd.hub)} (${growth(rssWarm.hub, rssEnd.hub)} after warm-up) |`,
    `| PostgreSQL memory (PSS of the postmaster and its backends) | ${mb(rssStart.postgres)} → ${mb(rssWarm.postgres)} → ${mb(rssEnd.postgres)} |`,
    `| access log | ${verdict.ok ? `chains intact (${verdict.rows} rows)` : `BROKEN at seq ${verdict.brokenAt}: ${verdict.reason}`}; ledger ${complete ? 'complete' : 'INCOMPLETE'} |`,
    `| audited requests | ${audited.size} of ${disclosing.size} that disclosed data; ${unaudited.length} without rows |`,
    '',
    '| request | count | p50 | p95 | p99 |',
    '|---|---|---|---|---|',
    ...[...byKind].map(([kind, list]) => `| ${kind} | ${list.length} | ${percentile(list, 50).toFixed(0)} ms | ${percentile(list, 95).toFixed(0)} ms | ${percentile(list, 99).toFixed(0)} ms |`),
    '',
  ];
  mkdirSync(`${REPO_ROOT}bench/results`, { recursive: true });
  writeFileSync(`${REPO_ROOT}bench/results/soak.md`, lines.join('\n'));
  console.log(lines.join('\n'));
  process.exit(fiveHundreds === 0 && failures === 0 && verdict.ok && complete && unaudited.length === 0 ? 0 : 1);
}
