/**
 * Objections to records the sectors keep (Art. 39), through the gateway: the subject files
 * on the platform, the keeping subgraph checks the record is the subject's and shows it
 * "under objection" to everyone who sees it, the owning agency answers, and the outcome
 * changes the record where it is kept. A refused step leaves nothing behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_SERVICE_CLAIMS, signCallerToken, type CallerClaims } from '@credit-hub/runtime';
import { postGraphQL, showcaseWith, startTestHub, type TestHub } from './hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub('objections');
});
afterAll(async () => t?.stop());

const FILE = `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id outcome recordRef recordType recordId effect } }`;
const ANSWER = `mutation($id: ID!, $input: ObjectionAnswer!) { answerObjection(id: $id, input: $input) { id outcome answerReason effect } }`;
const agency = (sector: string): CallerClaims => ({ sub: `11150000MB0000000${sector[0]}`, role: 'SECTOR_AGENCY', sector: sector as CallerClaims['sector'] });
const subjectHeaders = (id: string) => t.headersFor({ sub: id, role: 'CREDIT_SUBJECT' });
const answerAs = async (sector: string) => t.headersFor(agency(sector), 'OBJECTION_HANDLING');
const counts = async () => ({
  objections: Number((await t.databases.dbs.platform('objections').count({ n: '*' }))[0]!.n),
  courtsFlags: Number((await t.databases.dbs.courts('objection_flags').count({ n: '*' }))[0]!.n),
  financeFlags: Number((await t.databases.dbs.finance('objection_flags').count({ n: '*' }))[0]!.n),
});

describe('objections to records a sector keeps (Art. 39)', () => {
  it('flags a penalty in market regulation while pending, and the answer changes it there', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const penalty = await t.databases.dbs.market('administrative_penalties')
      .whereNull('removed_at')
      .whereNull('repaired_at')
      .where('disclosure_until', '>=', today)
      .orderBy('id', 'desc')
      .first('id', 'decision_number as decisionNumber', 'subject_id as subjectId');
    const self = await subjectHeaders(penalty.subjectId);
    const filed = await t.query(FILE, { input: { penaltyDecisionNumber: penalty.decisionNumber, ground: 'INACCURATE', statement: '违法事实认定有误' } }, self);
    expect(filed.errors).toBeUndefined();
    expect(filed.data!.fileObjection).toMatchObject({
      outcome: 'PENDING',
      recordRef: `market:AdministrativePenalty:${penalty.id}`,
      recordType: 'ADMINISTRATIVE_PENALTY',
      recordId: String(penalty.id),
      effect: 'shown under objection',
    });

    const regulator = await t.headersFor(agency('MARKET'), 'REGULATORY_SUPERVISION');
    const seen = async () =>
      (await t.query(`query($id: ID!) { subject(id: $id) { administrativePenalties { decisionNumber underObjection violation } } }`, { id: penalty.subjectId }, regulator))
        .data!.subject.administrativePenalties.find((entry: { decisionNumber: string }) => entry.decisionNumber === penalty.decisionNumber);
    expect((await seen()).underObjection).toBe(true);

    const again = await t.query(FILE, { input: { record: { type: 'ADMINISTRATIVE_PENALTY', id: String(penalty.id) }, ground: 'INACCURATE', statement: '再次' } }, self);
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', article: 'Art. 39' });
    const notTheirs = await t.query(FILE, { input: { penaltyDecisionNumber: penalty.decisionNumber, ground: 'INACCURATE', statement: '与我无关' } }, await subjectHeaders(showcaseWith('CLEAN').id));
    expect(notTheirs.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });

    const input = { outcome: 'CORRECTED', reason: '经核查更正违法事实', correctedSummary: '未按规定公示年度报告（已更正）' };
    const finance = await t.query(ANSWER, { id: filed.data!.fileObjection.id, input }, await answerAs('FINANCE'));
    // Design §5: another sector is refused as for a missing objection (test/uniform-refusals.e2e.test.ts).
    expect(finance.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    const market = await t.query(ANSWER, { id: filed.data!.fileObjection.id, input }, await answerAs('MARKET'));
    expect(market.data!.answerObjection).toMatchObject({ outcome: 'CORRECTED', effect: 'violation corrected' });
    expect(await seen()).toMatchObject({ underObjection: false, violation: input.correctedSummary });

    // Art. 38: the subject sees, in the sector that keeps the penalty, what changed and why.
    const history = await t.query(`{ me { administrativePenalties { decisionNumber history { fields reason } } } }`, {}, self);
    const changes = history.data!.me.administrativePenalties.find((entry: { decisionNumber: string }) => entry.decisionNumber === penalty.decisionNumber).history;
    expect(changes[0]).toEqual({ fields: [], reason: 'recorded' });
    expect(changes.at(-1)).toEqual({ fields: ['violation'], reason: `objection ${filed.data!.fileObjection.id} (Art. 39): CORRECTED` });
  });

  it('answers a penalty objection filed before every sector took objections (named by decision number)', async () => {
    const penalty = await t.databases.dbs.market('administrative_penalties').whereNull('removed_at').whereNull('repaired_at').orderBy('id').first('id', 'decision_number as decisionNumber', 'subject_id as subjectId');
    // As the earlier release left it: the platform's row names the decision number, market's flag (migrated) the record id.
    const [legacy] = await t.databases.dbs.platform('objections')
      .insert({ subject_id: penalty.subjectId, ground: 'INACCURATE', record_ref: `market:penalty:${penalty.decisionNumber}`, statement: '旧版提出的异议', filed_on: '2026-11-20', answer_due_on: '2026-12-04' })
      .returning('id');
    await t.databases.dbs.market('objection_flags').insert({ objection_id: String(legacy!.id), subject_id: penalty.subjectId, record_type: 'AdministrativePenalty', record_id: penalty.id, outcome: 'PENDING', effect: 'shown under objection' });
    const answered = await t.query(ANSWER, { id: String(legacy!.id), input: { outcome: 'UPHELD', reason: '经核查处罚无误' } }, await answerAs('MARKET'));
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.answerObjection).toMatchObject({ outcome: 'UPHELD', effect: 'record upheld unchanged' });
    expect((await t.databases.dbs.platform('objections').where('id', legacy!.id).first('record_ref')).record_ref).toBe(`market:AdministrativePenalty:${penalty.id}`);
    expect((await t.databases.dbs.market('objection_flags').where('objection_id', String(legacy!.id)).first('outcome')).outcome).toBe('UPHELD');
  });

  it('corrects a judgment as the courts record it, refusing a bad correction without changing anything', async () => {
    const party = await t.databases.dbs.courts('judgment_parties as p')
      .join('judgments as j', 'j.id', 'p.judgment_id')
      .where('p.role', 'DEFENDANT')
      .orderBy('j.id')
      .first('j.id', 'j.case_cause as caseCause', 'p.subject_id as subjectId');
    const self = await subjectHeaders(party.subjectId);
    const courts = await t.headersFor(agency('COURTS'), 'JUDICIAL_ENFORCEMENT');
    const judgmentSeen = async () =>
      (await t.query(`query($id: ID!) { subject(id: $id) { judgments { id caseCause underObjection } } }`, { id: party.subjectId }, courts))
        .data!.subject.judgments.find((judgment: { id: string }) => judgment.id === String(party.id));
    expect((await judgmentSeen()).underObjection).toBe(false);

    // Someone who is not a party cannot object to it, and the refusal leaves nothing on either side.
    const before = await counts();
    const stranger = await t.query(FILE, { input: { record: { type: 'JUDGMENT', id: String(party.id) }, ground: 'INACCURATE', statement: '不是我的案件' } }, await subjectHeaders(showcaseWith('CLEAN').id));
    expect(stranger.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'input.record.id' } });
    const notAnId = await t.query(FILE, { input: { record: { type: 'JUDGMENT', id: 'abc' }, ground: 'INACCURATE', statement: '格式错误' } }, self);
    expect(notAnId.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'input.record.id' } });
    expect(await counts()).toEqual(before);

    // A flag left by a filing the platform rolled back (it was never filed there) does not block the subject.
    await t.databases.dbs.courts('objection_flags').insert({ objection_id: '999999', subject_id: party.subjectId, record_type: 'Judgment', record_id: party.id, outcome: 'PENDING', effect: 'shown under objection' });
    const filed = await t.query(FILE, { input: { record: { type: 'JUDGMENT', id: String(party.id) }, ground: 'INACCURATE', statement: '案由记载有误' } }, self);
    expect(filed.errors).toBeUndefined();
    expect(await t.databases.dbs.courts('objection_flags').where({ record_type: 'Judgment', record_id: party.id }).pluck('objection_id')).toEqual([filed.data!.fileObjection.id]);
    expect(filed.data!.fileObjection).toMatchObject({ recordRef: `courts:Judgment:${party.id}`, recordType: 'JUDGMENT' });
    expect((await judgmentSeen()).underObjection).toBe(true);
    // The credit report says so too, on that judgment's line.
    const report = await t.query(`{ me { creditReport { sections { sector entries { value } } } } }`, {}, self);
    const courtLines = report.data!.me.creditReport.sections.find((section: { sector: string }) => section.sector === 'COURTS').entries.map((entry: { value: string }) => entry.value);
    const documentNumber = (await t.databases.dbs.courts('judgments').where('id', party.id).first('document_number')).document_number;
    expect(courtLines.find((line: string) => line.startsWith(documentNumber))).toContain('（异议处理中）');

    const id = filed.data!.fileObjection.id;
    // The answering agency's queue: the courts see it, finance does not; overdue only once past its deadline.
    const QUEUE = `query($overdue: Boolean) { objectionsToAnswer(overdueOnly: $overdue) { id recordType answerDueOn } }`;
    const queueOf = async (sector: string, overdue = false) =>
      ((await t.query(QUEUE, { overdue }, await answerAs(sector))).data!.objectionsToAnswer as Array<{ id: string }>).map((entry) => entry.id);
    expect(await queueOf('COURTS')).toContain(id);
    expect(await queueOf('FINANCE')).not.toContain(id);
    expect(await queueOf('COURTS', true)).not.toContain(id);
    await t.databases.dbs.platform('objections').where('id', id).update({ answer_due_on: '2020-01-02' });
    expect(await queueOf('COURTS', true)).toContain(id);
    const bySubject = await t.query(QUEUE, {}, self);
    expect(bySubject.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });

    const badAmount = await t.query(ANSWER, { id, input: { outcome: 'CORRECTED', reason: '核查', correction: { field: 'amount', value: '十万元' } } }, await answerAs('COURTS'));
    expect(badAmount.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'input.correction.value' } });
    expect(badAmount.errors![0]!.message).toContain('amount');
    const notCorrectable = await t.query(ANSWER, { id, input: { outcome: 'CORRECTED', reason: '核查', correction: { field: 'documentNumber', value: 'X' } } }, await answerAs('COURTS'));
    expect(notCorrectable.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'input.correction.field' } });
    const noCorrection = await t.query(ANSWER, { id, input: { outcome: 'CORRECTED', reason: '核查' } }, await answerAs('COURTS'));
    expect(noCorrection.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'input.correction' } });
    const [stillPending] = await t.databases.dbs.platform('objections').where('id', id).select('outcome');
    expect(stillPending).toEqual({ outcome: 'PENDING' });
    expect(await judgmentSeen()).toMatchObject({ caseCause: party.caseCause, underObjection: true });

    const corrected = await t.query(ANSWER, { id, input: { outcome: 'CORRECTED', reason: '经核查案由记载错误', correction: { field: 'caseCause', value: '买卖合同纠纷' } } }, await answerAs('COURTS'));
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data!.answerObjection).toMatchObject({ outcome: 'CORRECTED', effect: 'caseCause corrected' });
    expect(await judgmentSeen()).toMatchObject({ caseCause: '买卖合同纠纷', underObjection: false });

    const mine = await t.query(`{ me { objections { id outcome effect } judgments { id history { fields reason } } } }`, {}, self);
    expect(mine.data!.me.objections).toContainEqual({ id, outcome: 'CORRECTED', effect: 'caseCause corrected' });
    const history = mine.data!.me.judgments.find((judgment: { id: string }) => judgment.id === String(party.id)).history;
    expect(history.at(-1)).toEqual({ fields: ['caseCause'], reason: `objection ${id} (Art. 39): CORRECTED` });
  });

  it('removes a wage arrears case from view on the answer; the subject still sees it, and a second answer is refused', async () => {
    const wageCase = await t.databases.dbs['social-security']('wage_arrears_cases').whereNull('removed_at').orderBy('id').first('id', 'case_number as caseNumber', 'subject_id as subjectId');
    const self = await subjectHeaders(wageCase.subjectId);
    const filed = await t.query(FILE, { input: { record: { type: 'WAGE_ARREARS_CASE', id: String(wageCase.id) }, ground: 'INACCURATE', statement: '工资已于认定前全部支付' } }, self);
    expect(filed.errors).toBeUndefined();

    const inspector = await t.headersFor(agency('MARKET'), 'PUBLIC_PROCUREMENT');
    const publicCase = async () => (await t.query(`query($n: String!) { wageArrearsCase(caseNumber: $n) { id underObjection } }`, { n: wageCase.caseNumber }, inspector)).data!.wageArrearsCase;
    expect(await publicCase()).toEqual({ id: String(wageCase.id), underObjection: true });

    const id = filed.data!.fileObjection.id;
    const removed = await t.query(ANSWER, { id, input: { outcome: 'REMOVED', reason: '经核查工资已足额支付，认定撤销' } }, await answerAs('SOCIAL_SECURITY'));
    expect(removed.errors).toBeUndefined();
    expect(removed.data!.answerObjection.effect).toBe('removed from view and sharing');
    expect(await publicCase()).toBeNull();

    const mine = await t.query(`{ me { wageArrears { id underObjection history { fields reason } } } }`, {}, self);
    const own = mine.data!.me.wageArrears.find((entry: { id: string }) => entry.id === String(wageCase.id));
    expect(own.underObjection).toBe(false);
    expect(own.history.at(-1)).toEqual({ fields: ['removedAt'], reason: `objection ${id} (Art. 39): REMOVED` });

    const twice = await t.query(ANSWER, { id, input: { outcome: 'UPHELD', reason: '再次答复' } }, await answerAs('SOCIAL_SECURITY'));
    expect(twice.errors![0]!.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', article: 'Art. 39' });
  });

  it('corrects a record kept one per subject (social insurance status), with its history, like any other', async () => {
    const insurance = await t.databases.dbs['social-security']('insurance_registrations').where('status', 'IN_ARREARS').orderBy('id').first('id', 'subject_id as subjectId');
    const self = await subjectHeaders(insurance.subjectId);
    const filed = await t.query(FILE, { input: { record: { type: 'SOCIAL_INSURANCE', id: String(insurance.id) }, ground: 'INACCURATE', statement: '欠费已于上月补缴' } }, self);
    expect(filed.errors).toBeUndefined();
    const mine = async () => (await t.query(`{ me { socialInsurance { id status underObjection history { fields reason } } } }`, {}, self)).data!.me.socialInsurance;
    expect(await mine()).toMatchObject({ id: String(insurance.id), status: 'IN_ARREARS', underObjection: true });
    const id = filed.data!.fileObjection.id;
    const corrected = await t.query(ANSWER, { id, input: { outcome: 'CORRECTED', reason: '核实已补缴', correction: { field: 'status', value: 'NORMAL' } } }, await answerAs('SOCIAL_SECURITY'));
    expect(corrected.errors).toBeUndefined();
    const after = await mine();
    expect(after).toMatchObject({ status: 'NORMAL', underObjection: false });
    expect(after.history.at(-1)).toEqual({ fields: ['status'], reason: `objection ${id} (Art. 39): CORRECTED` });
  });

  it('takes a dishonest judgment debtor entry off the list and lifts its consumption restriction when removed on objection', async () => {
    const entry = await t.databases.dbs.courts('dishonest_judgment_debtors as d')
      .join('consumption_restrictions as r', 'r.enforcement_case_id', 'd.enforcement_case_id')
      .whereNull('d.removed_on')
      .whereNull('r.lifted_on')
      .orderBy('d.id')
      .first('d.id', 'd.subject_id as subjectId', 'r.id as restrictionId');
    expect(entry, 'the seed lists debtors with a restriction in force').toBeDefined();
    const filed = await t.query(FILE, { input: { record: { type: 'DISHONEST_JUDGMENT_DEBTOR', id: String(entry.id) }, ground: 'INACCURATE', statement: '已履行完毕仍被列入' } }, await subjectHeaders(entry.subjectId));
    expect(filed.errors).toBeUndefined();
    const removed = await t.query(ANSWER, { id: filed.data!.fileObjection.id, input: { outcome: 'REMOVED', reason: '核实已履行，列入错误' } }, await answerAs('COURTS'));
    expect(removed.errors).toBeUndefined();
    expect(removed.data!.answerObjection.effect).toMatch(/consumption restriction\(s\) lifted/);
    const [restriction] = await t.databases.dbs.courts('consumption_restrictions').where('id', entry.restrictionId).select('lifted_on as liftedOn');
    expect(restriction!.liftedOn).not.toBeNull();
    const courts = await t.headersFor(agency('COURTS'), 'JUDICIAL_ENFORCEMENT');
    const listed = await t.query(`query($id: ID!) { subject(id: $id) { dishonestJudgmentDebtor { id } } }`, { id: entry.subjectId }, courts);
    expect(listed.data!.subject.dishonestJudgmentDebtor).toBeNull();
  });

  it('removes with a debtor entry made in error the platform dishonesty record it fed (Art. 33, 39)', async () => {
    const enforcement = await t.databases.dbs.courts('enforcement_cases as e')
      .where('e.status', 'OPEN')
      .whereNotExists((q) => q.from('dishonest_judgment_debtors as d').whereRaw('d.enforcement_case_id = e.id').whereNull('d.removed_on'))
      .orderBy('e.id', 'desc')
      .first('e.case_number as caseNumber', 'e.subject_id as subjectId');
    const listed = await t.query(
      `mutation($input: ListDebtorInput!) { listDishonestJudgmentDebtor(input: $input) { id } }`,
      { input: { caseNumber: enforcement.caseNumber, obligation: '支付货款', performance: 'NOT_PERFORMED', circumstances: '有履行能力而拒不履行', remedies: '可申请复议' } },
      await t.headersFor(agency('COURTS'), 'JOINT_PUNISHMENT'),
    );
    expect(listed.errors).toBeUndefined();
    const entryId = listed.data!.listDishonestJudgmentDebtor.id;
    const { platform_record_id: recordId } = await t.databases.dbs.courts('dishonest_judgment_debtors').where('id', entryId).first('platform_record_id');
    expect((await t.databases.dbs.platform('dishonesty_records').where('id', recordId).first('status')).status).toBe('ACTIVE');

    const filed = await t.query(FILE, { input: { record: { type: 'DISHONEST_JUDGMENT_DEBTOR', id: entryId }, ground: 'INACCURATE', statement: '案款已在立案前付清' } }, await subjectHeaders(enforcement.subjectId));
    expect(filed.errors).toBeUndefined();
    const removed = await t.query(ANSWER, { id: filed.data!.fileObjection.id, input: { outcome: 'REMOVED', reason: '核实列入错误' } }, await answerAs('COURTS'));
    expect(removed.errors).toBeUndefined();
    expect(removed.data!.answerObjection.effect).toContain(`platform dishonesty record ${recordId} resting on it removed too`);
    const record = await t.databases.dbs.platform('dishonesty_records').where('id', recordId).first('status', 'removed_at');
    expect(record.status).toBe('REMOVED');
    expect(record.removed_at).not.toBeNull();
    const [change] = await t.databases.dbs.platform('record_changes').where({ record_type: 'DishonestyRecord', record_id: recordId }).orderBy('seq', 'desc').limit(1).select('reason');
    expect(change!.reason).toBe(`the record it rests on was removed on objection ${filed.data!.fileObjection.id} (Art. 39)`);
  });

  it('files nothing while the finance subgraph is down; once up, the owning sector alone answers, and UPHELD leaves the contract as it was', async () => {
    const contract = await t.databases.dbs.finance('government_contracts').whereNull('removed_at').orderBy('id').first('id', 'enterprise_id as enterpriseId', 'paid_amount as paidAmount');
    const self = await subjectHeaders(contract.enterpriseId);
    const input = { record: { type: 'GOVERNMENT_CONTRACT', id: String(contract.id) }, ground: 'INACCURATE', statement: '已付款金额记载不全' };

    const before = await counts();
    await t.hub.stopSubgraph('finance');
    try {
      const down = await t.query(FILE, { input }, self);
      // The gateway names the subgraph that answered (the platform); the message names the one it could not reach.
      expect(down.errors![0]!.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE' });
      expect(down.errors![0]!.message).toContain('The finance subgraph, which keeps the record, did not answer');
      expect(await counts()).toEqual(before);
    } finally {
      await t.hub.restartSubgraph('finance');
    }

    const filed = await t.query(FILE, { input }, self);
    expect(filed.errors).toBeUndefined();
    const id = filed.data!.fileObjection.id;
    const byCourts = await t.query(ANSWER, { id, input: { outcome: 'UPHELD', reason: '维持' } }, await answerAs('COURTS'));
    expect(byCourts.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    const upheld = await t.query(ANSWER, { id, input: { outcome: 'UPHELD', reason: '经核查付款记录无误' } }, await answerAs('FINANCE'));
    expect(upheld.data!.answerObjection).toMatchObject({ outcome: 'UPHELD', effect: 'record upheld unchanged' });

    const financeAgency = await t.headersFor(agency('FINANCE'), 'PUBLIC_PROCUREMENT');
    const seen = await t.query(`query($n: String!) { governmentContract(contractNumber: $n) { paidAmount underObjection } }`, { n: (await t.databases.dbs.finance('government_contracts').where('id', contract.id).first('contract_number')).contract_number }, financeAgency);
    expect(seen.data!.governmentContract).toMatchObject({ underObjection: false });
    expect(Number(seen.data!.governmentContract.paidAmount)).toBe(Number(contract.paidAmount));

    // Settling is the platform's own act, sent straight to the subgraph: an operator's personal
    // token is refused; the platform's repeated notice changes nothing and returns the same receipt.
    const SETTLE = `mutation($input: ObjectionNotice!) { settleObjection(input: $input) { objectionId outcome effect updatedAt } }`;
    const notice = { objectionId: id, subjectId: contract.enterpriseId, recordType: 'GovernmentContract', recordId: String(contract.id), outcome: 'UPHELD' };
    const operator = await t.headersFor({ sub: '12150000MB0000000P', role: 'PLATFORM_OPERATOR', sector: 'PLATFORM' }, 'OBJECTION_HANDLING');
    const byOperator = await postGraphQL(t.hub.subgraphs.finance.url, SETTLE, { input: { ...notice, outcome: 'REMOVED' } }, operator);
    expect(byOperator.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_THE_STEP_OWNER', article: 'Art. 39' });
    const service = { authorization: `Bearer ${await signCallerToken(t.hub.keys, PLATFORM_SERVICE_CLAIMS)}`, 'x-credit-purpose': 'OBJECTION_HANDLING' };
    const [flag] = await t.databases.dbs.finance('objection_flags').where('objection_id', id).select('updated_at');
    const repeated = await postGraphQL(t.hub.subgraphs.finance.url, SETTLE, { input: notice }, service);
    expect(repeated.body.data!.settleObjection).toMatchObject({ objectionId: id, outcome: 'UPHELD', effect: 'record upheld unchanged' });
    expect(new Date(repeated.body.data!.settleObjection.updatedAt).getTime()).toBe(flag!.updated_at.getTime());
    const changed = await postGraphQL(t.hub.subgraphs.finance.url, SETTLE, { input: { ...notice, outcome: 'REMOVED' } }, service);
    expect(changed.body.errors![0]!.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION' });
    expect((await t.databases.dbs.finance('government_contracts').where('id', contract.id).first('removed_at')).removed_at).toBeNull();
  });
});
