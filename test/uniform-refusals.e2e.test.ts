/**
 * Uniform refusals (design §5, Art. 42): a mutation about a record that is not the caller's
 * answers exactly as for a record that does not exist: same code, same message with only
 * the caller's own input echoed, no ids or statuses of others; checked before any other rule.
 *
 * A matrix: for each mutation, (another's existing record) vs (a nonexistent id), compared
 * after replacing only the id the caller itself sent. Each row has a positive twin: the
 * record's owner, on the same record, is answered differently (the record is real and in
 * the state the refusal must not tell).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerClaims } from '@credit-hub/runtime';
import { showcaseWith, startTestHub, type GraphQLResponse, type TestHub } from './hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub('uniform-refusals');
});
afterAll(async () => t?.stop());

const MISSING_ID = '987654321';
const FILE = `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id outcome } }`;
const ANSWER = `mutation($id: ID!, $input: ObjectionAnswer!) { answerObjection(id: $id, input: $input) { id outcome } }`;
const OBJECT_TO_LISTING = `mutation($id: ID!) { objectToSeriousListing(id: $id, statement: "该列入决定认定事实有误") { id status } }`;
const DECIDE_REPAIR = `mutation($id: ID!) { decideRepair(id: $id, input: { approve: false, reason: "材料不全" }) { id status } }`;
const agency = (sector: CallerClaims['sector']): CallerClaims => ({ sub: `11150000MB0000000${sector![0]}`, role: 'SECTOR_AGENCY', sector });
const subject = (id: string) => t.headersFor({ sub: id, role: 'CREDIT_SUBJECT' });

/** The response with the one id the caller sent replaced: everything else must be equal. */
function normalised(response: GraphQLResponse, sentId: string) {
  const text = JSON.stringify({ data: response.data ?? null, errors: (response.errors ?? []).map(({ message, extensions }) => ({ message, extensions })) });
  // Whole tokens only: a short id must not be replaced inside another number.
  const token = new RegExp(`(?<![0-9A-Za-z])${sentId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9A-Za-z])`, 'g');
  return JSON.parse(text.replace(token, '<sent id>'));
}

/** Asserts the two answers are one, and that it is a refusal (not an accident of two successes). */
async function expectSameRefusal(ask: (id: string) => Promise<GraphQLResponse>, othersId: string) {
  const [others, missing] = [await ask(othersId), await ask(MISSING_ID)];
  expect(others.errors?.length, JSON.stringify(others)).toBeGreaterThan(0);
  expect(normalised(others, othersId)).toEqual(normalised(missing, MISSING_ID));
  return others;
}

const shared: { enforcement?: { id: string; subjectId: string }; objectionId?: string } = {};

describe('uniform refusals (design §5, Art. 42)', () => {
  it('fileObjection: another subject\'s contested record answers as a missing one; its subject is told it is pending', async () => {
    const enforcement = await t.databases.dbs.courts('enforcement_cases').whereNull('removed_at').orderBy('id').first('id', 'subject_id as subjectId');
    shared.enforcement = { id: String(enforcement.id), subjectId: enforcement.subjectId };
    const owner = await subject(enforcement.subjectId);
    const input = (id: string) => ({ record: { type: 'ENFORCEMENT_CASE', id }, ground: 'INACCURATE', statement: '执行标的金额有误' });
    const filed = await t.query(FILE, { input: input(String(enforcement.id)) }, owner);
    expect(filed.errors).toBeUndefined();
    shared.objectionId = filed.data!.fileObjection.id;

    const other = showcaseWith('CLEAN').id;
    expect(other).not.toBe(enforcement.subjectId);
    const stranger = await subject(other);
    const refusal = await expectSameRefusal((id) => t.query(FILE, { input: input(id) }, stranger), String(enforcement.id));
    expect(refusal.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.record.id' });
    expect(refusal.errors![0]!.message).not.toContain(`objection ${shared.objectionId}`);

    // Positive twin: the record's own subject learns it is already under its objection.
    const again = await t.query(FILE, { input: input(String(enforcement.id)) }, owner);
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', article: 'Art. 39' });
    expect(again.errors![0]!.message).toContain(`your objection ${shared.objectionId}`);
  });

  it('fileObjection on a platform dishonesty record: another\'s answers as a missing one; its subject files', async () => {
    const record = await t.databases.dbs.platform('dishonesty_records').where('status', 'ACTIVE').orderBy('id', 'desc').first('id', 'subject_id as subjectId');
    const other = showcaseWith('CLEAN').id;
    expect(other).not.toBe(record.subjectId);
    const input = (id: string) => ({ dishonestyRecordId: id, ground: 'INACCURATE', statement: '认定事实有误' });
    const refusal = await expectSameRefusal(async (id) => t.query(FILE, { input: input(id) }, await subject(other)), String(record.id));
    expect(refusal.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const own = await t.query(FILE, { input: input(String(record.id)) }, await subject(record.subjectId));
    expect(own.errors).toBeUndefined();
    expect(own.data!.fileObjection.outcome).toBe('PENDING');
  });

  it('answerObjection: an objection another sector answers for is refused as a missing one; the keeping sector answers it', async () => {
    const finance = await t.headersFor(agency('FINANCE'), 'OBJECTION_HANDLING');
    const refusal = await expectSameRefusal((id) => t.query(ANSWER, { id, input: { outcome: 'UPHELD', reason: '维持' } }, finance), shared.objectionId!);
    expect(refusal.errors![0]!.message).not.toContain('COURTS');
    const courts = await t.query(ANSWER, { id: shared.objectionId, input: { outcome: 'UPHELD', reason: '经核查无误' } }, await t.headersFor(agency('COURTS'), 'OBJECTION_HANDLING'));
    expect(courts.errors).toBeUndefined();
    expect(courts.data!.answerObjection.outcome).toBe('UPHELD');
    // Answered now: the other sector still learns nothing of its status.
    const after = await expectSameRefusal((id) => t.query(ANSWER, { id, input: { outcome: 'UPHELD', reason: '维持' } }, finance), shared.objectionId!);
    expect(after.errors![0]!.message).not.toContain('UPHELD');
  });

  it('objectToSeriousListing: another subject\'s listing, in any state, answers as a missing one; its subject objects', async () => {
    const listed = showcaseWith('REPAIRED').id;
    const proposed = await t.query(
      `mutation($input: ProposeListingInput!) { proposeSeriousListing(input: $input) { id status } }`,
      { input: { subjectId: listed, category: 'MARKET_ORDER', legalBasis: '《条例》第三十五条第（二）项', cause: '串通投标' } },
      await t.headersFor(agency('MARKET'), 'JOINT_PUNISHMENT'),
    );
    expect(proposed.errors).toBeUndefined();
    const id = proposed.data!.proposeSeriousListing.id;
    const stranger = await subject(showcaseWith('CLEAN').id);
    // PROPOSED: an objection is out of order, which only the subject may learn.
    const refusal = await expectSameRefusal((listingId) => t.query(OBJECT_TO_LISTING, { id: listingId }, stranger), id);
    expect(refusal.errors![0]!.message).not.toContain('PROPOSED');
    const owner = await subject(listed);
    const early = await t.query(OBJECT_TO_LISTING, { id }, owner);
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION' });

    const notified = await t.query(
      `mutation($id: ID!, $input: ListingNoticeInput!) { notifySeriousListing(id: $id, input: $input) { id status } }`,
      { id, input: { documentNumber: '内信告〔2026〕9号', cause: '串通投标', basis: '《条例》第三十五条', rights: '五个工作日内可提出异议' } },
      await t.headersFor(agency('MARKET'), 'JOINT_PUNISHMENT'),
    );
    expect(notified.errors).toBeUndefined();
    await expectSameRefusal((listingId) => t.query(OBJECT_TO_LISTING, { id: listingId }, stranger), id);
    // Positive twin: the listed subject objects to its own notified listing.
    const objected = await t.query(OBJECT_TO_LISTING, { id }, owner);
    expect(objected.errors).toBeUndefined();
    expect(objected.data!.objectToSeriousListing.status).toBe('OBJECTED');
  });

  it('decideRepair: a repair another sector decides is refused as a missing one; the owning sector decides it', async () => {
    const since = new Date(Date.now() - 100 * 86_400_000).toISOString().slice(0, 10);
    const today = new Date().toISOString().slice(0, 10);
    const record = await t.databases.dbs.platform('dishonesty_records')
      .where({ status: 'ACTIVE' })
      .whereIn('severity', ['MINOR', 'GENERAL'])
      .whereIn('owning_sector', ['MARKET', 'COURTS', 'SOCIAL_SECURITY'])
      .where('decided_on', '<=', since)
      .where('disclosure_until', '>=', today)
      .orderBy('id')
      .first('id', 'subject_id as subjectId', 'owning_sector as owningSector');
    expect(record).toBeTruthy();
    const applied = await t.query(
      `mutation($input: RepairApplication!) { applyForRepair(input: $input) { id status } }`,
      { input: { dishonestyRecordId: String(record.id), fulfilmentStatement: '已履行全部义务', commitment: '今后依法经营，不再发生同类行为' } },
      await subject(record.subjectId),
    );
    expect(applied.errors, JSON.stringify(applied.errors)).toBeUndefined();
    const repairId = applied.data!.applyForRepair.id;
    const otherSector = agency('FINANCE');
    const refusal = await expectSameRefusal(async (id) => t.query(DECIDE_REPAIR, { id }, await t.headersFor(otherSector, 'CREDIT_REPAIR')), repairId);
    expect(refusal.errors![0]!.message).not.toContain(record.owningSector);
    const decided = await t.query(DECIDE_REPAIR, { id: repairId }, await t.headersFor(agency(record.owningSector), 'CREDIT_REPAIR'));
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.decideRepair.status).toBe('REJECTED');
    // Decided now: the other sector still learns nothing of its status.
    await expectSameRefusal(async (id) => t.query(DECIDE_REPAIR, { id }, await t.headersFor(otherSector, 'CREDIT_REPAIR')), repairId);
  });
});
