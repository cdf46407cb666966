/**
 * The open-data feed for credit service agencies (Art. 44): a registered agency syncs
 * public records by cursor, repairs and removals arrive as tombstones, and while records
 * are written concurrently — some transactions committing late — no change is skipped or
 * given twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerClaims } from '@credit-hub/runtime';
import { startTestHub, type TestHub } from './hub.js';

let t: TestHub;
let agency: Record<string, string>;
const AGENCY_ID = '91150105MA0KXPBB27';

beforeAll(async () => {
  t = await startTestHub('open-data');
  const operator: CallerClaims = { sub: '12150000MB0000000P', role: 'PLATFORM_OPERATOR', sector: 'PLATFORM' };
  await t.query(
    `mutation { registerCreditServiceAgency(input: { agencyId: "${AGENCY_ID}", commitment: "依法依规开展信用服务" }) { id } }`,
    {},
    await t.headersFor(operator, 'REGULATORY_SUPERVISION'),
  );
  agency = await t.headersFor({ sub: AGENCY_ID, role: 'CREDIT_SERVICE_AGENCY' }, 'CREDIT_REPORT');
});
afterAll(async () => t?.stop());

const FEED = `query($after: String, $first: Int) { openDataFeed(after: $after, first: $first) {
  endCursor hasMore entries { cursor recordType recordId tombstone subject { id } dishonestyRecord { id severity } incentiveListing { id criterion } } } }`;

interface Entry {
  cursor: string;
  recordType: string;
  recordId: string;
  tombstone: boolean;
  dishonestyRecord: { id: string } | null;
  incentiveListing: { id: string } | null;
}

/** Pages from `after` until nothing more is ready; returns the entries and the last cursor. */
async function drain(after: string | null, first = 50): Promise<{ entries: Entry[]; cursor: string | null }> {
  const entries: Entry[] = [];
  let cursor = after;
  for (;;) {
    const response = await t.query(FEED, { after: cursor, first }, agency);
    expect(response.errors).toBeUndefined();
    const page = response.data!.openDataFeed;
    entries.push(...page.entries);
    cursor = page.endCursor;
    if (!page.hasMore) return { entries, cursor };
  }
}

describe('open-data feed (Art. 44)', () => {
  it('gives every public record change once, in pages', async () => {
    const { entries } = await drain(null, 200);
    const [count] = (await t.databases.dbs.platform('record_changes').count({ n: '*' })) as Array<{ n: string }>;
    expect(entries).toHaveLength(Number(count!.n));
    expect(new Set(entries.map((entry) => entry.cursor)).size).toBe(entries.length);
    const shown = entries.find((entry) => entry.recordType === 'DishonestyRecord' && entry.dishonestyRecord);
    expect(shown?.dishonestyRecord?.id).toBe(shown?.recordId);
  });

  it('has no gaps or duplicates while records are written concurrently, some committing late', async () => {
    const { cursor: start } = await drain(null, 500);
    const subject = await t.databases.dbs.platform('subjects').where('kind', 'LEGAL_PERSON').orderBy('id').first('id');
    const inserted: string[] = [];
    const writer = (async () => {
      await Promise.all(
        Array.from({ length: 24 }, (_, index) =>
          t.databases.dbs.platform.transaction(async (trx) => {
            const [row] = await trx('incentive_listings')
              .insert({
                subject_id: subject.id,
                criterion_code: 'CONTRACT_KEEPING',
                criterion: '守合同重信用企业',
                decision_document_number: `内信激〔2026〕${1000 + index}号`,
                decided_on: '2026-01-01',
                published_on: '2026-01-01',
                valid_until: '2099-01-01',
                source_agency: '内蒙古自治区公共信用信息中心',
                source_system: 'test',
              })
              .returning('id');
            // Some transactions stay open while later ones commit.
            await trx.raw('select pg_sleep(?)', [(index % 4) * 0.15]);
            inserted.push(String(row.id));
          }),
        ),
      );
    })();
    const seen: Entry[] = [];
    let cursor = start;
    let writing = true;
    void writer.then(() => (writing = false));
    while (writing) {
      const page = await drain(cursor, 5);
      seen.push(...page.entries);
      cursor = page.cursor;
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    // The feed shows a change once every older transaction on the server has ended (other
    // test files' transactions included): keep reading until the writes have all appeared.
    const listingIds = () => seen.filter((entry) => entry.recordType === 'IncentiveListing').map((entry) => entry.recordId);
    const deadline = Date.now() + 30_000;
    while (listingIds().length < inserted.length && Date.now() < deadline) {
      const page = await drain(cursor, 5);
      seen.push(...page.entries);
      cursor = page.cursor;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const ids = listingIds();
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...inserted].sort());
  });

  it('sends a tombstone when a record leaves public view, with no record content', async () => {
    const { cursor } = await drain(null, 500);
    const record = await t.databases.dbs.platform('dishonesty_records').where('status', 'ACTIVE').orderBy('id').first('id');
    await t.databases.dbs.platform('dishonesty_records').where('id', record.id).update({ status: 'REPAIRED', repaired_at: new Date() });
    const entries: Entry[] = [];
    let after = cursor;
    const deadline = Date.now() + 30_000;
    while (!entries.some((entry) => entry.recordId === String(record.id)) && Date.now() < deadline) {
      const page = await drain(after);
      entries.push(...page.entries);
      after = page.cursor;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(entries).toContainEqual(expect.objectContaining({ recordType: 'DishonestyRecord', recordId: String(record.id), tombstone: true, dishonestyRecord: null }));
  });

  it('is for registered agencies only, and names a bad cursor', async () => {
    const unregistered = await t.query(FEED, {}, await t.headersFor({ sub: '911522010783710635', role: 'CREDIT_SERVICE_AGENCY' }, 'CREDIT_REPORT'));
    expect(unregistered.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_REGISTERED', article: 'Art. 44' });
    const badCursor = await t.query(FEED, { after: 'not-a-cursor' }, agency);
    expect(badCursor.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });
});
