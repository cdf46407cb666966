/**
 * Credit repair (Art. 40) end to end: applied for by the subject with its conditions, free
 * of charge, decided by the owning sector; the record leaves public view at once, and the
 * repair reaches every subgraph — one that is down catches up when it returns — each
 * acknowledging with a receipt; delivering it twice changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_SERVICE_CLAIMS, signCallerToken } from '@credit-hub/runtime';
import { postGraphQL, startTestHub, type TestHub } from './hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub('repair');
});
afterAll(async () => t?.stop());

const today = () => new Date().toISOString().slice(0, 10);

async function repairableRecord() {
  const threeMonthsAgo = new Date(Date.now() - 100 * 86_400_000).toISOString().slice(0, 10);
  return t.databases.dbs.platform('dishonesty_records')
    .where({ status: 'ACTIVE', basis_kind: 'ADMINISTRATIVE_PENALTY' })
    .whereIn('severity', ['MINOR', 'GENERAL'])
    .where('decided_on', '<=', threeMonthsAgo)
    .where('disclosure_until', '>=', today())
    .orderBy('id')
    .first('id', 'subject_id as subjectId', 'basis_document_number as penalty');
}

const receiptsOf = async (headers: Record<string, string>) =>
  (await t.query(`{ me { repairs { id status receipts { subgraph status effect } } } }`, {}, headers)).data!.me.repairs as Array<{
    id: string;
    status: string;
    receipts: Array<{ subgraph: string; status: string; effect: string | null }>;
  }>;

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, seconds: number): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('credit repair (Art. 40)', () => {
  it('repairs a record across every subgraph, catching up a subgraph that was down', async () => {
    const record = await repairableRecord();
    expect(record).toBeTruthy();
    const self = await t.headersFor({ sub: record.subjectId, role: 'CREDIT_SUBJECT' });
    await t.hub.stopSubgraph('market');

    const applied = await t.query(
      `mutation($input: RepairApplication!) { applyForRepair(input: $input) { id status } }`,
      { input: { dishonestyRecordId: record.id, fulfilmentStatement: '已缴清罚款并完成整改', commitment: '本企业承诺今后依法经营，不再发生同类违法行为' } },
      self,
    );
    expect(applied.errors).toBeUndefined();
    const decided = await t.query(
      `mutation($id: ID!) { decideRepair(id: $id, input: { approve: true, reason: "已履行义务，整改到位" }) { status } }`,
      { id: applied.data!.applyForRepair.id },
      await t.headersFor({ sub: '11150000MB0000000M', role: 'SECTOR_AGENCY', sector: 'MARKET' }, 'CREDIT_REPAIR'),
    );
    expect(decided.data!.decideRepair.status).toBe('APPROVED');

    // At once: the record leaves public view and sharing on the platform.
    const publicView = await t.query(`query($id: ID!) { subject(id: $id) { dishonestyRecords { id } } }`, { id: record.subjectId });
    expect(publicView.data!.subject.dishonestyRecords.map((entry: { id: string }) => entry.id)).not.toContain(String(record.id));

    // Within seconds every running subgraph acknowledges; market, being down, stays pending.
    const whileDown = await until(
      () => receiptsOf(self),
      (repairs) => repairs[0]!.receipts.filter((receipt) => receipt.status === 'ACKNOWLEDGED').length === 4,
      10,
    );
    const receipts = Object.fromEntries(whileDown[0]!.receipts.map((receipt) => [receipt.subgraph, receipt.status]));
    expect(receipts).toEqual({ platform: 'ACKNOWLEDGED', courts: 'ACKNOWLEDGED', 'social-security': 'ACKNOWLEDGED', finance: 'ACKNOWLEDGED', market: 'PENDING' });

    await t.hub.restartSubgraph('market');
    const caughtUp = await until(
      () => receiptsOf(self),
      (repairs) => repairs[0]!.receipts.every((receipt) => receipt.status === 'ACKNOWLEDGED'),
      40,
    );
    const market = caughtUp[0]!.receipts.find((receipt) => receipt.subgraph === 'market')!;
    expect(market).toMatchObject({ status: 'ACKNOWLEDGED', effect: expect.stringContaining(record.penalty) });
    const [penalty] = await t.databases.dbs.market('administrative_penalties').where('decision_number', record.penalty).select('repaired_at');
    expect(penalty.repaired_at).not.toBeNull();
    const penaltiesSeen = await t.query(`query($id: ID!) { subject(id: $id) { administrativePenalties { decisionNumber } } }`, { id: record.subjectId });
    expect(penaltiesSeen.data!.subject.administrativePenalties.map((entry: { decisionNumber: string }) => entry.decisionNumber)).not.toContain(record.penalty);

    // Delivered again (a retry after a lost answer): nothing changes, the first receipt returns.
    const token = await signCallerToken(t.hub.keys, PLATFORM_SERVICE_CLAIMS);
    const again = await postGraphQL(
      t.hub.subgraphs.market.url,
      `mutation($input: RepairNotice!) { acknowledgeRepair(input: $input) { repairId effect } }`,
      { input: { repairId: applied.data!.applyForRepair.id, subjectId: record.subjectId, basisDocumentNumber: record.penalty } },
      { authorization: `Bearer ${token}`, 'x-credit-purpose': 'CREDIT_REPAIR' },
    );
    expect(again.body.data!.acknowledgeRepair.effect).toBe(market.effect);
    const [unchanged] = await t.databases.dbs.market('administrative_penalties').where('decision_number', record.penalty).select('repaired_at');
    expect(unchanged.repaired_at).toEqual(penalty.repaired_at);
  }, 90_000);

  it('checks the conditions, charges nothing, and lets only the platform deliver', async () => {
    // A SERIOUS record decided less than a year ago: its minimum disclosure period is not served.
    const yearAgo = new Date(Date.now() - 360 * 86_400_000).toISOString().slice(0, 10);
    const serious = await t.databases.dbs.platform('dishonesty_records')
      .where({ status: 'ACTIVE', severity: 'SERIOUS' })
      .where('decided_on', '>', yearAgo)
      .orderBy('id')
      .first('id', 'subject_id as subjectId');
    expect(serious).toBeTruthy();
    const response = await t.query(
      `mutation($input: RepairApplication!) { applyForRepair(input: $input) { id } }`,
      { input: { dishonestyRecordId: serious.id, fulfilmentStatement: '已履行', commitment: '承诺守信经营' } },
      await t.headersFor({ sub: serious.subjectId, role: 'CREDIT_SUBJECT' }),
    );
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', article: 'Art. 40' });

    // Art. 40: no fee may be charged, so no fee can even be expressed.
    const types = await t.query(`{ a: __type(name: "Repair") { fields { name } } b: __type(name: "RepairApplication") { inputFields { name } } }`);
    const names = [...types.data!.a.fields, ...types.data!.b.inputFields].map((field: { name: string }) => field.name);
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((name) => /fee|charge|price|cost/i.test(name))).toEqual([]);

    // Repair delivery is between subgraphs: not in the public graph, and refused to anyone but the platform.
    const viaGateway = await t.query(`mutation { acknowledgeRepair(input: { repairId: "1", subjectId: "x", basisDocumentNumber: "y" }) { repairId } }`);
    expect(viaGateway.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const bySector = await postGraphQL(
      t.hub.subgraphs.courts.url,
      `mutation { acknowledgeRepair(input: { repairId: "999", subjectId: "x", basisDocumentNumber: "y" }) { repairId } }`,
      {},
      await t.headersFor({ sub: '11150000MB0000000M', role: 'SECTOR_AGENCY', sector: 'MARKET' }, 'CREDIT_REPAIR'),
    );
    expect(bySector.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', article: 'Art. 40' });
    // An operator's personal token is PLATFORM_OPERATOR too, but delivery is the platform's own act.
    const byOperator = await postGraphQL(
      t.hub.subgraphs.courts.url,
      `mutation { acknowledgeRepair(input: { repairId: "999", subjectId: "x", basisDocumentNumber: "y" }) { repairId } }`,
      {},
      await t.headersFor({ sub: '12150000MB0000000P', role: 'PLATFORM_OPERATOR', sector: 'PLATFORM' }, 'CREDIT_REPAIR'),
    );
    expect(byOperator.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_THE_STEP_OWNER', article: 'Art. 40' });
    const [receipt] = await t.databases.dbs.courts('repair_receipts').where('repair_id', '999').select('repair_id');
    expect(receipt).toBeUndefined();
  });
});
