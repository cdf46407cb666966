/**
 * The procedures hold when someone tries to bend them (issue #15, findings 1-5): each test
 * is the attack as it was found, refused with PROCEDURE_VIOLATION naming the article and
 * leaving nothing written, then the lawful path that still works.
 *
 *   Art. 33: a dishonest act is determined on a basis document (合法、客观、审慎、关联): one that
 *            binds the subject, is in effect, and, of the third kind, is registered and verified.
 *   Art. 36: every step of a listing belongs to the sector that proposed it, or the platform.
 *   Art. 39: a basis removed on objection takes the records and measures resting on it along.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerClaims } from '@credit-hub/runtime';
import { showcaseWith, startTestHub, type GraphQLResponse, type TestHub } from './hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub('procedure_rules');
});
afterAll(async () => t?.stop());

const COURTS: CallerClaims = { sub: '11150000MB0000000C', role: 'SECTOR_AGENCY', sector: 'COURTS' };
const MARKET: CallerClaims = { sub: '11150000MB0000000M', role: 'SECTOR_AGENCY', sector: 'MARKET' };
const SOCIAL_SECURITY: CallerClaims = { sub: '11150000MB0000000S', role: 'SECTOR_AGENCY', sector: 'SOCIAL_SECURITY' };
const FINANCE: CallerClaims = { sub: '11150000MB0000000F', role: 'SECTOR_AGENCY', sector: 'FINANCE' };
const OPERATOR: CallerClaims = { sub: '12150000MB0000000P', role: 'PLATFORM_OPERATOR', sector: 'PLATFORM' };

const as = (claims: CallerClaims, purpose = 'JOINT_PUNISHMENT') => t.headersFor(claims, purpose);
const subject = (id: string) => t.headersFor({ sub: id, role: 'CREDIT_SUBJECT' });
const today = () => new Date().toISOString().slice(0, 10);
const platform = () => t.databases.dbs.platform;

/** The refusal every finding expects: PROCEDURE_VIOLATION naming the article, and no data. */
function expectViolation(response: GraphQLResponse, article: string, field: string) {
  expect(response.data?.[field] ?? null, JSON.stringify(response.data)).toBeNull();
  expect(response.errors?.[0]?.extensions, JSON.stringify(response.errors)).toMatchObject({ code: 'PROCEDURE_VIOLATION', article });
  return response.errors![0]!;
}

const NOTICE = {
  nature: '一般失信行为',
  reason: '经认定，当事人实施了失信行为',
  removalConditions: '公示期满自动移出；履行义务后可申请信用修复',
  remedies: '可依《内蒙古自治区社会信用条例》第三十九条提出异议，或依法申请行政复议、提起行政诉讼',
  liftingConditions: '纠正失信行为并经信用修复的，解除惩戒措施',
};

const RECORD = `mutation($input: RecordDishonestyInput!) { recordDishonesty(input: $input) {
  id owningSector decidedOn status basis { kind documentNumber sector } } }`;

const recordInput = (subjectId: string, basisKind: string, basisDocumentNumber: string, legalBasis = '《内蒙古自治区社会信用条例》第三十三条') => ({
  subjectId,
  summary: '失信行为',
  severity: 'GENERAL',
  basisKind,
  basisDocumentNumber,
  legalBasis,
  notice: NOTICE,
});

/** Platform dishonesty records resting on a document, for a subject or for anyone. */
const recordsOn = async (documentNumber: string, subjectId?: string) =>
  platform()('dishonesty_records')
    .where('basis_document_number', documentNumber)
    .modify((query) => (subjectId ? query.where('subject_id', subjectId) : query))
    .select('id', 'subject_id as subjectId', 'status');

/** Subjects with a platform record on any of these numbers. */
const withRecords = async (numbers: string[]) => new Set(await platform()('dishonesty_records').whereIn('basis_document_number', numbers).pluck('basis_document_number'));

/** A penalty in force and on view, decided within the year (a GENERAL record on it is still disclosed), that grounds no platform record yet. */
async function freshPenalty(offset = 0) {
  const yearAgo = new Date(Date.now() - 330 * 86_400_000).toISOString().slice(0, 10);
  const penalties = await t.databases.dbs.market('administrative_penalties')
    .whereNull('removed_at')
    .whereNull('repaired_at')
    .where('disclosure_until', '>=', today())
    .whereBetween('decided_on', [yearAgo, today()])
    .orderBy('id')
    .select('id', 'decision_number as decisionNumber', 'subject_id as subjectId', 'decided_on as decidedOn');
  const used = await withRecords(penalties.map((penalty) => penalty.decisionNumber));
  const fresh = penalties.filter((penalty) => !used.has(penalty.decisionNumber));
  expect(fresh.length).toBeGreaterThan(offset);
  return fresh[offset]!;
}

describe('Art. 33 (关联): a basis document grounds a record only against the subject it binds', () => {
  it('Art. 33: refuses a record against the party that won the judgment cited, writing nothing; the losing party is recorded', async () => {
    const judgments = await t.databases.dbs.courts('judgments as j')
      .join('judgment_parties as winner', (on) => on.on('winner.judgment_id', 'j.id').andOnVal('winner.role', 'PLAINTIFF'))
      .join('judgment_parties as loser', (on) => on.on('loser.judgment_id', 'j.id').andOnVal('loser.role', 'DEFENDANT'))
      .where('j.kind', 'JUDGMENT')
      .whereNull('j.removed_at')
      .where('j.effective_on', '<=', today())
      .orderBy('j.id')
      .select('j.document_number as documentNumber', 'winner.subject_id as winner', 'loser.subject_id as loser');
    const used = await withRecords(judgments.map((judgment) => judgment.documentNumber));
    const judgment = judgments.find((candidate) => !used.has(candidate.documentNumber))!;
    expect(judgment).toBeDefined();

    const againstWinner = await t.query(RECORD, { input: recordInput(judgment.winner, 'JUDICIAL_RULING', judgment.documentNumber) }, await as(COURTS));
    const refusal = expectViolation(againstWinner, 'Art. 33', 'recordDishonesty');
    expect(refusal.extensions).toMatchObject({ rule: 'RELEVANCE', documentNumber: judgment.documentNumber });
    expect(refusal.message).toContain(judgment.documentNumber);
    expect(await recordsOn(judgment.documentNumber)).toEqual([]);
    // The operator, who may record any sector's act, is held to the same rule.
    expectViolation(await t.query(RECORD, { input: recordInput(judgment.winner, 'JUDICIAL_RULING', judgment.documentNumber) }, await as(OPERATOR)), 'Art. 33', 'recordDishonesty');
    expect(await recordsOn(judgment.documentNumber)).toEqual([]);

    const againstLoser = await t.query(RECORD, { input: recordInput(judgment.loser, 'JUDICIAL_RULING', judgment.documentNumber) }, await as(COURTS));
    expect(againstLoser.errors).toBeUndefined();
    expect(againstLoser.data!.recordDishonesty).toMatchObject({ owningSector: 'COURTS', basis: { kind: 'JUDICIAL_RULING', documentNumber: judgment.documentNumber } });
  });
});

describe('Art. 33 (三): a document of the third kind is registered and verified before it grounds a record', () => {
  const REGISTER = `mutation($input: RegisterLegalDocumentInput!) { registerLegalDocument(input: $input) {
    id documentNumber status registeringSector subjects { id } } }`;
  const VERIFY = `mutation($id: ID!, $note: String!) { verifyLegalDocument(id: $id, note: $note) { id status verifiedAt } }`;

  it('Art. 33: refuses another sector\'s document passed off as "other", an unregistered and an unverified one, writing nothing; records on a verified one', async () => {
    const enterprise = showcaseWith('CLEAN').id;
    const penalty = await freshPenalty();
    expect(penalty.subjectId).not.toBe(enterprise);

    // As found: social security cites a market penalty of another company under a made-up law.
    const borrowed = await t.query(RECORD, { input: recordInput(enterprise, 'OTHER_LEGAL_DOCUMENT', penalty.decisionNumber, '《测试法》第一条') }, await as(SOCIAL_SECURITY));
    expect(expectViolation(borrowed, 'Art. 33', 'recordDishonesty').message).toContain(penalty.decisionNumber);
    // And a market agency citing another person's court judgment.
    const judgment = await t.databases.dbs.courts('judgments as j').join('judgment_parties as p', 'p.judgment_id', 'j.id').whereNot('p.subject_id', enterprise).orderBy('j.id').first('j.document_number as documentNumber');
    expectViolation(await t.query(RECORD, { input: recordInput(enterprise, 'OTHER_LEGAL_DOCUMENT', judgment.documentNumber, '《测试法》第一条') }, await as(MARKET)), 'Art. 33', 'recordDishonesty');
    expect(await recordsOn(penalty.decisionNumber, enterprise)).toEqual([]);
    expect(await recordsOn(judgment.documentNumber, enterprise)).toEqual([]);

    // A number no sector holds: not registered, so nothing grounds it.
    const number = '内人社信认〔2026〕17号';
    const unregistered = expectViolation(await t.query(RECORD, { input: recordInput(enterprise, 'OTHER_LEGAL_DOCUMENT', number, '《保障农民工工资支付条例》第四十八条') }, await as(SOCIAL_SECURITY)), 'Art. 33', 'recordDishonesty');
    expect(unregistered.extensions).toMatchObject({ rule: 'REGISTERED_AND_VERIFIED', documentNumber: number });

    // Another sector's number cannot be registered as a document of the third kind.
    const asOther = await t.query(
      REGISTER,
      { input: { documentNumber: penalty.decisionNumber, title: '认定书', issuer: '内蒙古自治区人力资源和社会保障厅', issuedOn: today(), legalBasis: '《测试法》第一条', subjectIds: [enterprise] } },
      await as(SOCIAL_SECURITY),
    );
    expectViolation(asOther, 'Art. 33', 'registerLegalDocument');
    expect(await platform()('legal_documents').where('document_number', penalty.decisionNumber)).toEqual([]);

    const registered = await t.query(
      REGISTER,
      {
        input: {
          documentNumber: number,
          title: '拖欠农民工工资失信联合惩戒对象认定书',
          issuer: '内蒙古自治区人力资源和社会保障厅',
          issuedOn: today(),
          legalBasis: '《保障农民工工资支付条例》第四十八条',
          subjectIds: [enterprise],
        },
      },
      await as(SOCIAL_SECURITY),
    );
    expect(registered.errors).toBeUndefined();
    expect(registered.data!.registerLegalDocument).toMatchObject({ documentNumber: number, status: 'REGISTERED', registeringSector: 'SOCIAL_SECURITY', subjects: [{ id: enterprise }] });
    const documentId = registered.data!.registerLegalDocument.id;

    // Registered is not verified.
    const unverified = expectViolation(await t.query(RECORD, { input: recordInput(enterprise, 'OTHER_LEGAL_DOCUMENT', number, '《保障农民工工资支付条例》第四十八条') }, await as(SOCIAL_SECURITY)), 'Art. 33', 'recordDishonesty');
    expect(unverified.extensions).toMatchObject({ rule: 'REGISTERED_AND_VERIFIED' });
    // Only an operator verifies.
    const bySector = await t.query(VERIFY, { id: documentId, note: '已核对原件' }, await as(SOCIAL_SECURITY));
    expect(bySector.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', article: 'Art. 33' });
    const verified = await t.query(VERIFY, { id: documentId, note: '已核对原件及送达回证' }, await as(OPERATOR));
    expect(verified.errors).toBeUndefined();
    expect(verified.data!.verifyLegalDocument).toMatchObject({ status: 'VERIFIED' });

    // Verified, it grounds a record only against the subjects it concerns.
    const other = showcaseWith('ALL_SECTORS').id;
    const notConcerned = expectViolation(await t.query(RECORD, { input: recordInput(other, 'OTHER_LEGAL_DOCUMENT', number, '《保障农民工工资支付条例》第四十八条') }, await as(SOCIAL_SECURITY)), 'Art. 33', 'recordDishonesty');
    expect(notConcerned.extensions).toMatchObject({ rule: 'RELEVANCE' });
    // Another sector does not record on social security's document (Art. 6).
    const byMarket = await t.query(RECORD, { input: recordInput(enterprise, 'OTHER_LEGAL_DOCUMENT', number, '《保障农民工工资支付条例》第四十八条') }, await as(MARKET));
    expect(byMarket.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', article: 'Art. 6' });
    expect(await recordsOn(number)).toEqual([]);

    const recorded = await t.query(RECORD, { input: recordInput(enterprise, 'OTHER_LEGAL_DOCUMENT', number, '《保障农民工工资支付条例》第四十八条') }, await as(SOCIAL_SECURITY));
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordDishonesty).toMatchObject({ owningSector: 'SOCIAL_SECURITY', decidedOn: today(), basis: { kind: 'OTHER_LEGAL_DOCUMENT', documentNumber: number, sector: 'SOCIAL_SECURITY' } });
  });
});

describe('Art. 36: every step of a listing belongs to the sector that proposed it, or the platform', () => {
  const FIELDS = `id status steps { toStatus actorSector } objection { answer }`;

  it('Art. 36: refuses a listing proposed by the courts notified by market regulation and answered by finance, writing nothing', async () => {
    const listed = showcaseWith('CLEAN').id;
    const proposed = await t.query(
      `mutation($input: ProposeListingInput!) { proposeSeriousListing(input: $input) { ${FIELDS} } }`,
      { input: { subjectId: listed, category: 'REFUSING_LEGAL_DUTIES', legalBasis: '《条例》第三十五条第（三）项', cause: '有履行能力而拒不履行生效判决' } },
      await as(COURTS),
    );
    expect(proposed.errors).toBeUndefined();
    const id = proposed.data!.proposeSeriousListing.id;
    const steps = () => platform()('listing_steps').where('listing_id', id).orderBy('id').pluck('to_status');
    const NOTIFY = `mutation($id: ID!, $input: ListingNoticeInput!) { notifySeriousListing(id: $id, input: $input) { ${FIELDS} } }`;
    const notice = { documentNumber: '（2026）内01执告1号', cause: '拒不履行生效判决', basis: '《条例》第三十五条', rights: '五个工作日内可陈述、申辩或提出异议' };

    const byMarket = expectViolation(await t.query(NOTIFY, { id, input: notice }, await as(MARKET)), 'Art. 36', 'notifySeriousListing');
    expect(byMarket.extensions).toMatchObject({ rule: 'STEP_OWNER', listingId: id, step: 'NOTIFIED' });
    expect(await steps()).toEqual(['PROPOSED']);
    // Design §5, Art. 42: answered as for a listing that does not exist; nothing of the courts' proposal is told.
    const missing = expectViolation(await t.query(NOTIFY, { id: '987654321', input: notice }, await as(MARKET)), 'Art. 36', 'notifySeriousListing');
    expect(missing.message.replace('987654321', id)).toBe(byMarket.message);
    expect(byMarket.message).not.toMatch(/COURTS|PROPOSED/);
    const byCourts = await t.query(NOTIFY, { id, input: notice }, await as(COURTS));
    expect(byCourts.errors).toBeUndefined();

    const objected = await t.query(`mutation($id: ID!) { objectToSeriousListing(id: $id, statement: "已与申请人达成和解") { status } }`, { id }, await subject(listed));
    expect(objected.data!.objectToSeriousListing.status).toBe('OBJECTED');

    const ANSWER = `mutation($id: ID!) { answerListingObjection(id: $id, input: { documentNumber: "内信复〔2026〕5号", answer: "经核查，异议不成立" }) { ${FIELDS} } }`;
    expectViolation(await t.query(ANSWER, { id }, await as(FINANCE, 'OBJECTION_HANDLING')), 'Art. 36', 'answerListingObjection');
    expect(await steps()).toEqual(['PROPOSED', 'NOTIFIED', 'OBJECTED']);
    expect((await platform()('listing_objections').where('listing_id', id).first('answer')).answer).toBeNull();

    const answered = await t.query(ANSWER, { id }, await as(COURTS, 'OBJECTION_HANDLING'));
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.answerListingObjection.steps.map((step: { actorSector: string }) => step.actorSector)).toEqual(['COURTS', 'COURTS', null, 'COURTS']);
  });
});

describe('Art. 33, 39: a basis that falls takes its consequences with it', () => {
  it('Art. 39: a penalty removed on objection takes the record and measure resting on it out of view, and grounds no new record', async () => {
    const penalty = await freshPenalty(1);
    const recorded = await t.query(RECORD, { input: recordInput(penalty.subjectId, 'ADMINISTRATIVE_PENALTY', penalty.decisionNumber) }, await as(MARKET));
    expect(recorded.errors).toBeUndefined();
    const recordId = recorded.data!.recordDishonesty.id;
    const measure = await t.query(
      `mutation($input: ApplyMeasureInput!) { applyPunishmentMeasure(input: $input) { id stoppedAt } }`,
      { input: { subjectId: penalty.subjectId, measureCode: 'KEY_SUPERVISION', dishonestyRecordId: recordId } },
      await as(MARKET),
    );
    expect(measure.errors).toBeUndefined();
    const publicRecords = async () =>
      ((await t.query(`query($id: ID!) { subject(id: $id) { dishonestyRecords { id } } }`, { id: penalty.subjectId })).data!.subject.dishonestyRecords as Array<{ id: string }>).map((row) => row.id);
    expect(await publicRecords()).toContain(recordId);

    const filed = await t.query(
      `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id } }`,
      { input: { penaltyDecisionNumber: penalty.decisionNumber, ground: 'INACCURATE', statement: '处罚决定已被依法撤销' } },
      await subject(penalty.subjectId),
    );
    expect(filed.errors).toBeUndefined();
    const removed = await t.query(
      `mutation($id: ID!) { answerObjection(id: $id, input: { outcome: REMOVED, reason: "经核查处罚决定撤销" }) { outcome effect } }`,
      { id: filed.data!.fileObjection.id },
      await as(MARKET, 'OBJECTION_HANDLING'),
    );
    expect(removed.errors).toBeUndefined();
    expect(removed.data!.answerObjection.effect).toContain(`platform dishonesty record ${recordId} resting on it removed too`);

    // In the same step: the record leaves view and sharing, its measure stops.
    expect(await recordsOn(penalty.decisionNumber)).toEqual([{ id: String(recordId), subjectId: penalty.subjectId, status: 'REMOVED' }]);
    expect(await publicRecords()).not.toContain(recordId);
    expect((await platform()('applied_measures').where('id', measure.data!.applyPunishmentMeasure.id).first('stopped_at')).stopped_at).not.toBeNull();

    // A fallen basis grounds nothing new, whoever cites it.
    for (const caller of [MARKET, OPERATOR]) {
      const again = expectViolation(await t.query(RECORD, { input: recordInput(penalty.subjectId, 'ADMINISTRATIVE_PENALTY', penalty.decisionNumber) }, await as(caller)), 'Art. 33', 'recordDishonesty');
      expect(again.message).toContain(penalty.decisionNumber);
    }
    expect(await recordsOn(penalty.decisionNumber)).toHaveLength(1);
  });

  it('Art. 39: a judgment removed on objection takes the records on it and the courts\' list entry resting on it', async () => {
    const entries = await t.databases.dbs.courts('dishonest_judgment_debtors as d')
      .join('enforcement_cases as e', 'e.id', 'd.enforcement_case_id')
      .join('judgments as j', 'j.id', 'e.judgment_id')
      .whereNull('d.removed_on')
      .whereNull('j.removed_at')
      .orderBy('d.id')
      .select('d.id as entryId', 'd.subject_id as subjectId', 'j.id as judgmentId', 'j.document_number as documentNumber');
    const active = await platform()('dishonesty_records').where('status', 'ACTIVE').whereIn('basis_document_number', entries.map((entry) => entry.documentNumber)).select('id', 'subject_id as subjectId', 'basis_document_number as documentNumber');
    const entry = entries.find((candidate) => active.some((record) => record.subjectId === candidate.subjectId && record.documentNumber === candidate.documentNumber))!;
    expect(entry, 'the seed records listed debtors on their judgments').toBeDefined();
    const recordIds = active.filter((record) => record.documentNumber === entry.documentNumber).map((record) => String(record.id));

    const filed = await t.query(
      `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id } }`,
      { input: { record: { type: 'JUDGMENT', id: String(entry.judgmentId) }, ground: 'INACCURATE', statement: '该判决已被再审撤销' } },
      await subject(entry.subjectId),
    );
    expect(filed.errors).toBeUndefined();
    const removed = await t.query(
      `mutation($id: ID!) { answerObjection(id: $id, input: { outcome: REMOVED, reason: "判决经再审撤销" }) { effect } }`,
      { id: filed.data!.fileObjection.id },
      await as(COURTS, 'OBJECTION_HANDLING'),
    );
    expect(removed.errors).toBeUndefined();
    expect(removed.data!.answerObjection.effect).toMatch(/dishonest judgment debtor entr(y|ies) resting on it removed/);
    for (const recordId of recordIds) expect(removed.data!.answerObjection.effect).toContain(`platform dishonesty record ${recordId} resting on it removed too`);
    expect(await platform()('dishonesty_records').whereIn('id', recordIds).whereNot('status', 'REMOVED')).toEqual([]);
    expect((await t.databases.dbs.courts('dishonest_judgment_debtors').where('id', entry.entryId).first('removed_on')).removed_on).not.toBeNull();
    expectViolation(await t.query(RECORD, { input: recordInput(entry.subjectId, 'JUDICIAL_RULING', entry.documentNumber) }, await as(COURTS)), 'Art. 33', 'recordDishonesty');
    expect(await platform()('dishonesty_records').where('basis_document_number', entry.documentNumber).whereNot('status', 'REMOVED')).toEqual([]);
  });

  it('Art. 33: a registered document revoked takes its records out of view in the same step', async () => {
    const enterprise = showcaseWith('ALL_SECTORS').id;
    const number = '内市监信认〔2026〕3号';
    const registered = await t.query(
      `mutation($input: RegisterLegalDocumentInput!) { registerLegalDocument(input: $input) { id } }`,
      { input: { documentNumber: number, title: '认定书', issuer: '内蒙古自治区市场监督管理局', issuedOn: today(), legalBasis: '《企业信息公示暂行条例》第十八条', subjectIds: [enterprise] } },
      await as(MARKET),
    );
    const documentId = registered.data!.registerLegalDocument.id;
    await t.query(`mutation($id: ID!) { verifyLegalDocument(id: $id, note: "已核对") { id } }`, { id: documentId }, await as(OPERATOR));
    const recorded = await t.query(RECORD, { input: recordInput(enterprise, 'OTHER_LEGAL_DOCUMENT', number, '《企业信息公示暂行条例》第十八条') }, await as(MARKET));
    expect(recorded.errors).toBeUndefined();
    const revoked = await t.query(`mutation($id: ID!) { revokeLegalDocument(id: $id, reason: "认定书经行政复议撤销") { status revokedAt } }`, { id: documentId }, await as(MARKET));
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.revokeLegalDocument.status).toBe('REVOKED');
    expect(await recordsOn(number)).toEqual([expect.objectContaining({ status: 'REMOVED' })]);
    expectViolation(await t.query(RECORD, { input: recordInput(enterprise, 'OTHER_LEGAL_DOCUMENT', number, '《企业信息公示暂行条例》第十八条') }, await as(MARKET)), 'Art. 33', 'recordDishonesty');
    expect(await recordsOn(number)).toHaveLength(1);
  });
});

describe('Art. 33: one act, one record', () => {
  it('Art. 33: two parallel submissions on one penalty give exactly one record, and one overdue contract one government record whichever mutation is used', async () => {
    const penalty = await freshPenalty(2);
    const input = recordInput(penalty.subjectId, 'ADMINISTRATIVE_PENALTY', penalty.decisionNumber);
    const headers = await as(MARKET);
    const outcomes = await Promise.all([t.query(RECORD, { input }, headers), t.query(RECORD, { input }, headers)]);
    const codes = outcomes.map((response) => (response.errors ? response.errors[0]!.extensions!.code : 'OK')).sort();
    expect(codes).toEqual(['OK', 'PROCEDURE_VIOLATION']);
    const refused = outcomes.find((response) => response.errors)!;
    expect(expectViolation(refused, 'Art. 33', 'recordDishonesty').extensions).toMatchObject({ rule: 'ONE_ACT_ONE_RECORD', documentNumber: penalty.decisionNumber });
    expect(await recordsOn(penalty.decisionNumber)).toHaveLength(1);
    // Later, and by the operator, too.
    expectViolation(await t.query(RECORD, { input }, await as(OPERATOR)), 'Art. 33', 'recordDishonesty');
    expect(await recordsOn(penalty.decisionNumber)).toHaveLength(1);

    // A government default: once through recordGovernmentDefault, never again through recordDishonesty.
    const overdue = await t.databases.dbs.finance('government_contracts')
      .whereNull('removed_at')
      .whereRaw('due_on < current_date and amount > paid_amount')
      .orderBy('id')
      .select('contract_number as contractNumber', 'agency_id as agencyId');
    const used = await withRecords(overdue.map((contract) => contract.contractNumber));
    const [first, second] = overdue.filter((contract) => !used.has(contract.contractNumber));
    expect(second).toBeDefined();
    const DEFAULT = `mutation($n: String!) { recordGovernmentDefault(contractNumber: $n) { id } }`;
    const legalBasis = '《保障中小企业款项支付条例》第八条；《内蒙古自治区社会信用条例》第十二条';
    const defaulted = await t.query(DEFAULT, { n: first!.contractNumber }, await as(FINANCE));
    expect(defaulted.errors).toBeUndefined();
    const twice = await t.query(RECORD, { input: recordInput(first!.agencyId, 'OTHER_LEGAL_DOCUMENT', first!.contractNumber, legalBasis) }, await as(FINANCE));
    expect(expectViolation(twice, 'Art. 33', 'recordDishonesty').extensions).toMatchObject({ rule: 'ONE_ACT_ONE_RECORD' });
    expect(await recordsOn(first!.contractNumber)).toHaveLength(1);

    // Both mutations at once on another contract: one record.
    const finance = await as(FINANCE);
    await Promise.all([
      t.query(DEFAULT, { n: second!.contractNumber }, finance),
      t.query(RECORD, { input: recordInput(second!.agencyId, 'OTHER_LEGAL_DOCUMENT', second!.contractNumber, legalBasis) }, finance),
    ]);
    expect(await recordsOn(second!.contractNumber)).toHaveLength(1);
  });
});
