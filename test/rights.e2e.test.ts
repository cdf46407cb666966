/**
 * Subjects' own acts and the credit service agency registry through the gateway
 * (Art. 15, 26-27, 42, 44-48): authorisations honoured and revoked at once, commitments,
 * and Art. 48 penalty ranges.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerClaims } from '@credit-hub/runtime';
import { showcaseWith, startTestHub, type TestHub } from './hub.js';

let t: TestHub;
const AGENCY_ID = '91150105MA0KXPBB27'; // the showcase partnership, registered as a credit service agency below
const OPERATOR: CallerClaims = { sub: '12150000MB0000000P', role: 'PLATFORM_OPERATOR', sector: 'PLATFORM' };
const AGENCY: CallerClaims = { sub: AGENCY_ID, role: 'CREDIT_SERVICE_AGENCY' };

beforeAll(async () => {
  t = await startTestHub('rights');
  const registered = await t.query(
    `mutation($input: RegisterAgencyInput!) { registerCreditServiceAgency(input: $input) { id name commitment } }`,
    { input: { agencyId: AGENCY_ID, commitment: '依法依规开展信用服务，不作虚假承诺，不恶意评级，不出具虚假报告' } },
    await t.headersFor(OPERATOR, 'REGULATORY_SUPERVISION'),
  );
  expect(registered.errors).toBeUndefined();
});
afterAll(async () => t?.stop());

describe('authorisations (Art. 26, 42)', () => {
  it('opens AUTHORIZED fields to the agency once granted, and closes them on the next request once revoked', async () => {
    const subject = showcaseWith('ALL_SECTORS');
    const self = await t.headersFor({ sub: subject.id, role: 'CREDIT_SUBJECT' });
    const agency = await t.headersFor(AGENCY, 'CREDIT_REPORT');
    const read = () => t.query(`query($id: ID!) { subject(id: $id) { name financialCredit { loanCount } } }`, { id: subject.id }, agency);

    const before = await read();
    expect(before.data!.subject.financialCredit).toBeNull();
    expect(before.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_AUTHORISED', article: 'Art. 42' });

    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const granted = await t.query(
      `mutation($input: GrantAuthorisationInput!) { grantAuthorisation(input: $input) { id agencyId purposes revokedAt } }`,
      { input: { agencyId: AGENCY_ID, purposes: ['CREDIT_REPORT'], expiresAt } },
      self,
    );
    expect(granted.errors).toBeUndefined();
    const during = await read();
    expect(during.errors).toBeUndefined();
    expect(during.data!.subject.financialCredit.loanCount).toEqual(expect.any(Number));

    // Another purpose than the one granted stays closed (Art. 42: scope).
    const otherPurpose = await t.query(`query($id: ID!) { subject(id: $id) { financialCredit { loanCount } } }`, { id: subject.id }, await t.headersFor(AGENCY, 'FINANCIAL_SERVICES'));
    expect(otherPurpose.errors![0]!.extensions!.reason).toBe('NOT_AUTHORISED');

    const mine = await t.query(`{ me { authorisations { id agencyId purposes } } }`, {}, self);
    expect(mine.data!.me.authorisations).toContainEqual({ id: granted.data!.grantAuthorisation.id, agencyId: AGENCY_ID, purposes: ['CREDIT_REPORT'] });

    await t.query(`mutation($id: ID!) { revokeAuthorisation(id: $id) { revokedAt } }`, { id: granted.data!.grantAuthorisation.id }, self);
    const after = await read();
    expect(after.data!.subject.financialCredit).toBeNull();
    expect(after.errors![0]!.extensions!.reason).toBe('NOT_AUTHORISED');
  });

  it('refuses authorisations for an unregistered agency, a purpose agencies may not declare, or an agency acting for the subject', async () => {
    const subject = showcaseWith('CLEAN');
    const self = await t.headersFor({ sub: subject.id, role: 'CREDIT_SUBJECT' });
    const grant = `mutation($input: GrantAuthorisationInput!) { grantAuthorisation(input: $input) { id } }`;
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const unregistered = await t.query(grant, { input: { agencyId: showcaseWith('ALL_SECTORS').id, purposes: ['CREDIT_REPORT'], expiresAt } }, self);
    expect(unregistered.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.agencyId' });
    const wrongPurpose = await t.query(grant, { input: { agencyId: AGENCY_ID, purposes: ['JOINT_PUNISHMENT'], expiresAt } }, self);
    expect(wrongPurpose.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.purposes' });
    const byAgency = await t.query(grant, { input: { agencyId: AGENCY_ID, purposes: ['CREDIT_REPORT'], expiresAt } }, await t.headersFor(AGENCY, 'CREDIT_REPORT'));
    expect(byAgency.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_THE_STEP_OWNER' });
  });
});

describe('commitments and self-declarations (Art. 15, 27)', () => {
  it('publishes what the subject declares, as non-public information from the subject', async () => {
    const subject = showcaseWith('CLEAN');
    const made = await t.query(
      `mutation { submitCommitment(input: { kind: SELF_DECLARATION, content: "本企业承诺所报送的信息真实、准确、完整" }) { id kind published source { infoClass } } }`,
      {},
      await t.headersFor({ sub: subject.id, role: 'CREDIT_SUBJECT' }),
    );
    expect(made.errors).toBeUndefined();
    expect(made.data!.submitCommitment).toMatchObject({ kind: 'SELF_DECLARATION', published: true, source: { infoClass: 'NON_PUBLIC' } });
    const seen = await t.query(`query($id: ID!) { subject(id: $id) { commitments { id content } } }`, { id: subject.id });
    expect(seen.data!.subject.commitments.map((entry: { id: string }) => entry.id)).toContain(made.data!.submitCommitment.id);

    // Tracked for breach: an agency records it on a document, once.
    const BREACH = `mutation($id: ID!) { recordCommitmentBreach(id: $id, documentNumber: "呼市监责〔2026〕8号") { breachedOn } }`;
    const market = await t.headersFor({ sub: '11150000MB0000000M', role: 'SECTOR_AGENCY', sector: 'MARKET' }, 'REGULATORY_SUPERVISION');
    const broken = await t.query(BREACH, { id: made.data!.submitCommitment.id }, market);
    expect(broken.data!.recordCommitmentBreach.breachedOn).toBe(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
    expect((await t.query(BREACH, { id: made.data!.submitCommitment.id }, market)).errors![0]!.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', article: 'Art. 15' });
  });
});

describe('credit service agencies (Art. 44-48)', () => {
  const RECORD = `mutation($input: AgencyViolationInput!) { recordAgencyViolation(input: $input) { id fine offenderKind } }`;
  const violation = (offenderKind: string, fine: string) => ({
    agencyId: AGENCY_ID,
    kind: 'FALSE_REPORT',
    description: '出具虚假信用报告',
    offenderKind,
    fine,
    decisionDocumentNumber: '内发改罚〔2026〕1号',
  });

  it.each([
    ['UNIT', '10000.00'],
    ['UNIT', '250000.00'],
    ['INDIVIDUAL', '60000.00'],
  ])('rejects a fine on a %s of CNY %s as outside Art. 48, writing nothing', async (offenderKind, fine) => {
    const response = await t.query(RECORD, { input: violation(offenderKind, fine) }, await t.headersFor(OPERATOR, 'REGULATORY_SUPERVISION'));
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', article: 'Art. 48' });
  });

  it('records a violation within the range and shows it in the registry', async () => {
    const response = await t.query(RECORD, { input: violation('UNIT', '50000.00') }, await t.headersFor(OPERATOR, 'REGULATORY_SUPERVISION'));
    expect(response.errors).toBeUndefined();
    const registry = await t.query(`{ creditServiceAgencies { id commitment violations { id fine kind } } }`);
    const entry = registry.data!.creditServiceAgencies.find((agency: { id: string }) => agency.id === AGENCY_ID);
    expect(entry.violations).toContainEqual({ id: response.data!.recordAgencyViolation.id, fine: '50000.00', kind: 'FALSE_REPORT' });
  });
});

describe('objections (Art. 39)', () => {
  const FILE = `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id outcome answerDueOn recordRef } }`;
  const ANSWER = `mutation($id: ID!, $input: ObjectionAnswer!) { answerObjection(id: $id, input: $input) { id outcome answerReason answeredOn } }`;

  /** An active, disclosed record and its subject, not used by another test here. */
  async function activeRecord(offset: number) {
    const today = new Date().toISOString().slice(0, 10);
    return t.databases.dbs.platform('dishonesty_records')
      .where('status', 'ACTIVE')
      .where('disclosure_until', '>=', today)
      .orderBy('id')
      .offset(offset)
      .first('id', 'subject_id as subjectId', 'owning_sector as owningSector');
  }

  it('flags the record to everyone while pending; the owning sector removes it and it leaves public view', async () => {
    const record = await activeRecord(0);
    const self = await t.headersFor({ sub: record.subjectId, role: 'CREDIT_SUBJECT' });
    const filed = await t.query(FILE, { input: { dishonestyRecordId: record.id, ground: 'INACCURATE', statement: '认定所依据的文书已被撤销' } }, self);
    expect(filed.errors).toBeUndefined();
    expect(filed.data!.fileObjection).toMatchObject({ outcome: 'PENDING', recordRef: `platform:dishonesty:${record.id}` });

    const publicView = await t.query(`query($id: ID!) { subject(id: $id) { dishonestyRecords { id underObjection } } }`, { id: record.subjectId });
    expect(publicView.data!.subject.dishonestyRecords).toContainEqual({ id: String(record.id), underObjection: true });

    const again = await t.query(FILE, { input: { dishonestyRecordId: record.id, ground: 'DISCLOSURE_FORBIDDEN', statement: '再次异议' } }, self);
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', article: 'Art. 39' });

    const otherSector = record.owningSector === 'FINANCE' ? 'MARKET' : 'FINANCE';
    const wrong = await t.query(ANSWER, { id: filed.data!.fileObjection.id, input: { outcome: 'REMOVED', reason: '核查属实' } }, await t.headersFor({ sub: '11150000MB0000000X', role: 'SECTOR_AGENCY', sector: otherSector }, 'OBJECTION_HANDLING'));
    // Design §5: another sector is refused as for a missing objection (test/uniform-refusals.e2e.test.ts).
    expect(wrong.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });

    const owner = record.owningSector === 'PLATFORM'
      ? { sub: '12150000MB0000000P', role: 'PLATFORM_OPERATOR', sector: 'PLATFORM' }
      : { sub: '11150000MB0000000O', role: 'SECTOR_AGENCY', sector: record.owningSector };
    const answered = await t.query(ANSWER, { id: filed.data!.fileObjection.id, input: { outcome: 'REMOVED', reason: '核查属实，予以删除' } }, await t.headersFor(owner as CallerClaims, 'OBJECTION_HANDLING'));
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.answerObjection).toMatchObject({ outcome: 'REMOVED', answerReason: '核查属实，予以删除' });

    const after = await t.query(`query($id: ID!) { subject(id: $id) { dishonestyRecords { id } } }`, { id: record.subjectId });
    expect(after.data!.subject.dishonestyRecords.map((entry: { id: string }) => entry.id)).not.toContain(String(record.id));
    const mine = await t.query(`{ me { objections { id outcome } dishonestyRecords { id status history { fields reason tombstone } } } }`, {}, self);
    expect(mine.data!.me.objections).toContainEqual({ id: filed.data!.fileObjection.id, outcome: 'REMOVED' });
    const removed = mine.data!.me.dishonestyRecords.find((entry: { id: string }) => entry.id === String(record.id));
    expect(removed.status).toBe('REMOVED');
    // Art. 38: the subject sees what changed, and why.
    const last = removed.history.at(-1);
    expect(last).toMatchObject({ tombstone: true, reason: expect.stringContaining(`objection ${filed.data!.fileObjection.id}`) });
    expect(last.fields).toEqual(expect.arrayContaining(['removedAt', 'status']));
    expect(removed.history[0]).toMatchObject({ fields: [], reason: 'recorded' });
  });

  it('corrects a record when the answer says so, and refuses others objecting to it', async () => {
    const record = await activeRecord(1);
    const stranger = await t.query(FILE, { input: { dishonestyRecordId: record.id, ground: 'INACCURATE', statement: '与我无关' } }, await t.headersFor({ sub: showcaseWith('CLEAN').id, role: 'CREDIT_SUBJECT' }));
    expect(stranger.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const filed = await t.query(FILE, { input: { dishonestyRecordId: record.id, ground: 'INACCURATE', statement: '金额记载有误' } }, await t.headersFor({ sub: record.subjectId, role: 'CREDIT_SUBJECT' }));
    const answered = await t.query(
      ANSWER,
      { id: filed.data!.fileObjection.id, input: { outcome: 'CORRECTED', reason: '核查后更正', correctedSummary: '更正后的失信行为摘要' } },
      await t.headersFor({ sub: '12150000MB0000000P', role: 'PLATFORM_OPERATOR', sector: 'PLATFORM' }, 'OBJECTION_HANDLING'),
    );
    expect(answered.data!.answerObjection.outcome).toBe('CORRECTED');
    const [row] = await t.databases.dbs.platform('dishonesty_records').where('id', record.id).select('summary', 'status');
    expect(row).toEqual({ summary: '更正后的失信行为摘要', status: 'ACTIVE' });
  });
});
