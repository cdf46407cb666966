/**
 * `npm run audit:verify`: recomputes the access log's hash chain (design §6, Art. 42) and
 * names the first broken link; then, per subgraph, reports rows per request id and every
 * request its own ledger says disclosed without its rows. Exits 0 when the chain holds and
 * the log is complete, 1 otherwise.
 * Reads AUDIT_DATABASE_URL / DATABASE_URL, else the embedded database of `npm start`:
 * the running hub's server when one runs, else it starts that server itself.
 */
import { reportAccessLogCompleteness, reportStartupFailure, verifyAccessLog } from '@credit-hub/runtime';
import { openHubDatabases } from './hub-db.js';

// Beside a running hub (when an operator needs it most) it reads that hub's server.
const databases = await openHubDatabases({ log: (line) => console.error(line) }).catch((error: unknown) =>
  process.exit(reportStartupFailure(error, '[audit:verify]')),
);
try {
  const verdict = await verifyAccessLog(databases.audit);
  if (verdict.ok) {
    console.log(`access log intact: ${verdict.rows} rows`);
    // Publish these heads elsewhere (a report, a second system): a truncated tail shows against them.
    for (const [chain, head] of Object.entries(verdict.heads)) console.log(`  ${chain.padEnd(16)} head ${head}`);
  } else {
    console.error(`access log BROKEN at seq ${verdict.brokenAt} (row ${verdict.rows} in order): ${verdict.reason}`);
    process.exitCode = 1;
  }
  if (!(await reportAccessLogCompleteness(databases.audit, databases.dbs))) process.exitCode = 1;
} finally {
  await databases.close();
}
