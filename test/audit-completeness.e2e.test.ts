/**
 * Completeness of the access log (issue #12, deliverable 6; design §6): each subgraph's
 * ledger of requests that disclosed, against the log. A tail cut off the log still verifies
 * as a chain; the ledger names the requests that lost their rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLogCompleteness, describeCompleteness, verifyAccessLog, type CallerClaims } from '@credit-hub/runtime';
import { showcaseWith, startTestHub, type TestHub } from './hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub('completeness');
}, 180_000);
afterAll(async () => t?.stop());

const AGENCY: CallerClaims = { sub: '11150000MB0MAR000X', role: 'SECTOR_AGENCY', sector: 'MARKET' };
const PROFILE = `query($id: ID!) { subject(id: $id) { name registration { status } judgments { documentNumber } } }`;

/** The hub id of a request through the gateway, once every subgraph's ledger has noted it. */
async function askAndSettle(): Promise<string> {
  const response = await fetch(t.hub.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await t.headersFor(AGENCY, 'PUBLIC_PROCUREMENT')) },
    body: JSON.stringify({ query: PROFILE, variables: { id: showcaseWith('ALL_SECTORS').id } }),
  });
  const requestId = response.headers.get('x-request-id')!;
  await expect
    .poll(async () => (await t.databases.dbs.courts('disclosure_ledger').where({ request_id: requestId })).length, { timeout: 5000 })
    .toBe(1);
  return requestId;
}

describe('audit completeness (npm run audit:verify)', () => {
  it('reports rows per request id for every subgraph, and a complete log', async () => {
    const requestId = await askAndSettle();
    const report = await accessLogCompleteness(t.databases.audit, t.databases.dbs);
    const courts = report.find((entry) => entry.subgraph === 'courts')!;
    expect(courts.requests).toBeGreaterThan(0);
    expect(courts.logRows).toBeGreaterThanOrEqual(courts.requests);
    expect(Object.values(courts.rowsPerRequest).reduce((sum, n) => sum + n, 0)).toBe(courts.requests + courts.unledgered);
    const [ledgered] = await t.databases.dbs.courts('disclosure_ledger').where({ request_id: requestId }).select('log_rows');
    expect(ledgered.log_rows).toBe((await t.databases.audit('access_log').where({ request_id: requestId, subgraph: 'courts' })).length);
    for (const entry of report) expect(entry.incomplete).toEqual([]);
    expect(describeCompleteness(report).ok).toBe(true);
  });

  it('names a request that disclosed without its rows, though the shortened chain still verifies', async () => {
    const requestId = await askAndSettle();
    expect(await verifyAccessLog(t.databases.audit)).toMatchObject({ ok: true });
    // The courts chain's tail cut off, as a restore from an old backup or a rogue owner would.
    const cut = await t.databases.audit('access_log').where({ request_id: requestId, subgraph: 'courts' }).select('seq');
    expect(cut.length).toBeGreaterThan(0);
    await t.databases.audit.raw('alter table access_log disable trigger access_log_no_update');
    await t.databases.audit('access_log').whereIn('seq', cut.map((row) => row.seq)).delete();
    await t.databases.audit.raw('alter table access_log enable trigger access_log_no_update');

    expect(await verifyAccessLog(t.databases.audit)).toMatchObject({ ok: true }); // integrity alone cannot tell
    const report = await accessLogCompleteness(t.databases.audit, t.databases.dbs);
    expect(report.find((entry) => entry.subgraph === 'courts')!.incomplete).toEqual([{ requestId, expected: cut.length, logged: 0 }]);
    expect(report.find((entry) => entry.subgraph === 'platform')!.incomplete).toEqual([]);
    const described = describeCompleteness(report);
    expect(described.ok).toBe(false);
    expect(described.lines.join('\n')).toContain(`DISCLOSED WITHOUT ITS ROWS: request ${requestId}`);
  });
});
