/**
 * Field-level authorization through the gateway and around it (design §4-§6; Art. 24,
 * 26, 38, 40, 42): what each caller may see, what it may not, and that every way around
 * the gateway gets no more.
 */
import { base64url } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigningKeys, signCallerToken, verifyAccessLog, type CallerClaims } from '@credit-hub/runtime';
import { postGraphQL, showcaseWith, startTestHub, type GraphQLResponse, type TestHub } from './hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub('authz');
});
afterAll(async () => t?.stop());

const MARKET_AGENCY: CallerClaims = { sub: '11150000MB0000000M', role: 'SECTOR_AGENCY', sector: 'MARKET' };
const FINANCE_AGENCY: CallerClaims = { sub: '11150000MB0000000F', role: 'SECTOR_AGENCY', sector: 'FINANCE' };
const COURTS_AGENCY: CallerClaims = { sub: '11150000MB0000000C', role: 'SECTOR_AGENCY', sector: 'COURTS' };
const OPERATOR: CallerClaims = { sub: '12150000MB0000000P', role: 'PLATFORM_OPERATOR', sector: 'PLATFORM' };
const subjectCaller = (id: string): CallerClaims => ({ sub: id, role: 'CREDIT_SUBJECT' });

const forbidden = (response: GraphQLResponse) =>
  (response.errors ?? []).filter((error) => error.extensions?.code === 'FORBIDDEN').map((error) => error.extensions!.field as string);

describe('allowed paths (so that denying everything fails)', () => {
  it("shows the public an enterprise's disclosed registration, with no error", async () => {
    const subject = showcaseWith('CLEAN');
    const response = await t.query(`query($id: ID!) { subject(id: $id) { name registration { name status establishedOn address } } }`, {
      id: subject.id,
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!.subject.registration).toMatchObject({ name: subject.name, status: expect.any(String) });
  });

  it("shows a sector its own NONE fields and refuses them to other sectors (Art. 24)", async () => {
    const person = showcaseWith('PERSON');
    const query = `query($id: ID!) { subject(id: $id) { enforcementCases { caseNumber applicantName } } }`;
    const courts = await t.query(query, { id: person.id }, await t.headersFor(COURTS_AGENCY, 'JUDICIAL_ENFORCEMENT'));
    expect(courts.errors).toBeUndefined();
    expect(courts.data!.subject.enforcementCases[0].applicantName).toBeTruthy();

    const finance = await t.query(query, { id: person.id }, await t.headersFor(FINANCE_AGENCY, 'PUBLIC_PROCUREMENT'));
    expect(finance.data!.subject.enforcementCases[0].caseNumber).toBeTruthy();
    expect(finance.data!.subject.enforcementCases[0].applicantName).toBeNull();
    const error = finance.errors!.find((e) => e.extensions?.field === 'EnforcementCase.applicantName')!;
    expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_SHARED', purpose: 'PUBLIC_PROCUREMENT', article: 'Art. 24' });
    expect(error.path).toEqual(['subject', 'enforcementCases', 0, 'applicantName']);
  });

  it('shows a subject everything about itself, whole (Art. 38)', async () => {
    const person = showcaseWith('PERSON');
    const response = await t.query(
      `{ me { id name idNumber enforcementCases { caseNumber applicantName amountDue } socialInsurance { status contributionBase arrears { amount } } dishonestyRecords { notice { remedies } } } }`,
      {},
      await t.headersFor(subjectCaller(person.id)),
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.me).toMatchObject({ id: person.id, name: person.name, idNumber: person.idNumber });
    expect(response.data!.me.enforcementCases.length).toBeGreaterThan(0);
    expect(response.data!.me.socialInsurance.contributionBase).toMatch(/^\d+\.\d{2}$/);
  });

  it('shows an operator declaring JOINT_PUNISHMENT the serious dishonesty listings with their decision', async () => {
    const listed = showcaseWith('SERIOUS_LISTED');
    const response = await t.query(
      `query($id: ID!) { subject(id: $id) { seriousDishonestyListings { category status decisionDocumentNumber punishmentMeasures } dishonestyRecords { notice { liftingConditions remedies } } } }`,
      { id: listed.id },
      await t.headersFor(OPERATOR, 'JOINT_PUNISHMENT'),
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.subject.seriousDishonestyListings[0]).toMatchObject({ status: 'PUBLISHED', decisionDocumentNumber: expect.any(String) });
  });
});

describe('masking and purpose limitation', () => {
  it('masks a person\'s ID number and name for an agency outside the owning sector, whole for identity purposes', async () => {
    const person = showcaseWith('PERSON');
    const query = `query($id: ID!) { subject(id: $id) { name idNumber } }`;
    const market = await t.query(query, { id: person.id }, await t.headersFor(MARKET_AGENCY, 'REGULATORY_SUPERVISION'));
    // idNumber is CONDITIONAL: REGULATORY_SUPERVISION is not among its purposes.
    expect(forbidden(market)).toEqual(['Subject.idNumber']);
    expect(market.data!.subject.name).toBe(person.name[0] + '*'.repeat(person.name.length - 1));

    const courts = await t.query(query, { id: person.id }, await t.headersFor(COURTS_AGENCY, 'JUDICIAL_ENFORCEMENT'));
    expect(courts.errors).toBeUndefined();
    expect(courts.data!.subject).toEqual({ name: person.name, idNumber: person.idNumber });

    const objection = await t.query(query, { id: person.id }, await t.headersFor(FINANCE_AGENCY, 'OBJECTION_HANDLING'));
    expect(objection.data!.subject.idNumber).toBe(`${person.idNumber!.slice(0, 6)}********${person.idNumber!.slice(-4)}`);
  });

  it('refuses a purpose the role may not declare, and an unknown one, with no data', async () => {
    const id = showcaseWith('CLEAN').id;
    const selfOnly = await t.query(`query($id: ID!) { subject(id: $id) { name } }`, { id }, await t.headersFor(MARKET_AGENCY, 'SELF_QUERY'));
    expect(selfOnly.data ?? null).toBeNull();
    expect(selfOnly.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const unknown = await t.query(`query($id: ID!) { subject(id: $id) { name } }`, { id }, await t.headersFor(MARKET_AGENCY, 'CURIOSITY'));
    expect(unknown.data ?? null).toBeNull();
    expect(unknown.errors![0]!.message).toContain('CURIOSITY');
    const missing = await t.query(`query($id: ID!) { subject(id: $id) { name } }`, { id }, await t.headersFor(MARKET_AGENCY));
    expect(missing.data ?? null).toBeNull();
    expect(missing.errors![0]!.extensions!.code).toBe('PURPOSE_REQUIRED');
  });
});

describe('record disclosure (Art. 24, 40)', () => {
  async function recordsOf(tag: string, headers: Record<string, string>) {
    const id = showcaseWith(tag).id;
    const response = await t.query(
      `query($id: ID!) { subject(id: $id) { dishonestyRecords { id status disclosureUntil } administrativePenalties { decisionNumber disclosureUntil repaired } } }`,
      { id },
      headers,
    );
    return response.data!.subject as { dishonestyRecords: any[]; administrativePenalties: any[] };
  }

  it.each(['REPAIRED', 'DISCLOSURE_EXPIRED'])('hides %s records from the public and other sectors, not from the subject or the owner', async (tag) => {
    const id = showcaseWith(tag).id;
    const [penalties] = await Promise.all([t.databases.dbs.market('administrative_penalties').where('subject_id', id)]);
    const records = await t.databases.dbs.platform('dishonesty_records').where('subject_id', id);
    const hiddenPenalties = penalties.filter((row) => row.repaired_at !== null || row.disclosure_until < new Date().toISOString().slice(0, 10));
    const hiddenRecords = records.filter((row) => row.status !== 'ACTIVE' || row.disclosure_until < new Date().toISOString().slice(0, 10));
    expect(hiddenPenalties.length + hiddenRecords.length).toBeGreaterThan(0);

    const subject = await recordsOf(tag, await t.headersFor(subjectCaller(id)));
    expect(subject.administrativePenalties).toHaveLength(penalties.filter((row) => row.removed_at === null).length);
    expect(subject.dishonestyRecords).toHaveLength(records.length);

    for (const headers of [{}, await t.headersFor(FINANCE_AGENCY, 'PUBLIC_PROCUREMENT')]) {
      const seen = await recordsOf(tag, headers);
      const seenNumbers = seen.administrativePenalties.map((penalty) => penalty.decisionNumber);
      for (const hidden of hiddenPenalties) expect(seenNumbers).not.toContain(hidden.decision_number);
      const seenIds = seen.dishonestyRecords.map((record) => record.id);
      for (const hidden of hiddenRecords) expect(seenIds).not.toContain(String(hidden.id));
    }

    const owner = await recordsOf(tag, await t.headersFor(MARKET_AGENCY, 'REGULATORY_SUPERVISION'));
    expect(owner.administrativePenalties).toHaveLength(subject.administrativePenalties.length);
  });
});

describe('bypass attempts', () => {
  const CLOSED_QUERY = `query($id: ID!) { subject(id: $id) { name enforcementCases { caseNumber } } }`;

  it('a direct subgraph call without a token gets public rights only, _entities included (design §4)', async () => {
    const id = showcaseWith('ALL_SECTORS').id;
    const direct = await postGraphQL(
      t.hub.subgraphs.courts.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Subject { enforcementCases { caseNumber applicantName } judgments { documentNumber } } } }`,
      { r: [{ __typename: 'Subject', id }] },
    );
    expect(direct.body.data!._entities[0].enforcementCases).toBeNull();
    expect(direct.body.data!._entities[0].judgments.length).toBeGreaterThan(0);
    expect(forbidden(direct.body)).toEqual(['Subject.enforcementCases']);
  });

  it.each([
    ['signed with another key', async () => signCallerToken(await createSigningKeys('intruder'), OPERATOR)],
    ['alg none', async () => unsignedToken(OPERATOR)],
    ['expired', async () => signCallerToken(t.hub.keys, OPERATOR, { ttlSeconds: -60 })],
    ['for another audience', async () => signCallerToken(t.hub.keys, OPERATOR, { audience: 'elsewhere' })],
  ])('a token %s is UNAUTHENTICATED at the gateway and at every subgraph, with no data', async (_label, makeToken) => {
    const token = await makeToken();
    const headers = { authorization: `Bearer ${token}`, 'x-credit-purpose': 'JOINT_PUNISHMENT' };
    const viaGateway = await postGraphQL(t.hub.gateway.url, CLOSED_QUERY, { id: showcaseWith('ALL_SECTORS').id }, headers);
    expect(viaGateway.body.data ?? null).toBeNull();
    expect(viaGateway.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    for (const subgraph of Object.values(t.hub.subgraphs)) {
      const direct = await postGraphQL(subgraph.url, '{ __typename }', {}, headers);
      expect(direct.status, subgraph.name).toBe(401);
      expect(direct.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
  });

  it('aliases, fragments and nested paths reach the same rule as the plain field', async () => {
    const id = showcaseWith('ALL_SECTORS').id;
    const response = await t.query(
      `query($id: ID!) {
        a: subject(id: $id) { hidden: enforcementCases { caseNumber } ...F ... on Subject { financialCredit { loanCount } } }
        b: subject(id: $id) { registration { legalRepresentative { idNumber n: name } } }
      }
      fragment F on Subject { socialInsurance { status } }`,
      { id },
    );
    expect(response.data!.a).toMatchObject({ hidden: null, socialInsurance: null, financialCredit: null });
    expect(forbidden(response).sort()).toEqual(['Subject.enforcementCases', 'Subject.financialCredit', 'Subject.idNumber', 'Subject.socialInsurance']);
    const person = showcaseWith('PERSON');
    expect(response.data!.b.registration.legalRepresentative.n).toBe(person.name[0] + '*'.repeat(person.name.length - 1));
  });

  it('refuses batched operations in one HTTP request', async () => {
    for (const url of [t.hub.gateway.url, t.hub.subgraphs.platform.url]) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
      });
      expect(response.status).toBe(400);
    }
  });

  it('bounds _entities representations per call with LIMIT_EXCEEDED', async () => {
    const representations = Array.from({ length: 3000 }, () => ({ __typename: 'Subject', id: showcaseWith('CLEAN').id }));
    const direct = await postGraphQL(t.hub.subgraphs.market.url, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Subject { id } } }`, {
      r: representations,
    });
    expect(direct.body.data?._entities ?? null).toBeNull();
    expect(direct.body.errors![0]!.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', actual: 3000 });
  });
});

describe('access log (Art. 38, 42; design §6)', () => {
  it("shows the subject which agency read which of its fields, when and why", async () => {
    const subject = showcaseWith('ALL_SECTORS');
    const requestId = `audit-${Date.now()}`;
    await t.query(`query($id: ID!) { subject(id: $id) { name registration { status } enforcementCases { caseNumber } } }`, { id: subject.id }, {
      ...(await t.headersFor(MARKET_AGENCY, 'PUBLIC_PROCUREMENT')),
      'x-request-id': requestId,
    });
    const mine = await t.query(`{ me { accessLog(first: 100) { clientRequestId callerSub callerRole callerSector purpose subgraph fieldsDisclosed } } }`, {}, await t.headersFor(subjectCaller(subject.id)));
    expect(mine.errors).toBeUndefined();
    const entries = mine.data!.me.accessLog.filter((entry: any) => entry.clientRequestId === requestId);
    expect(entries.map((entry: any) => entry.subgraph).sort()).toEqual(['courts', 'market', 'platform']);
    for (const entry of entries) expect(entry).toMatchObject({ callerSub: MARKET_AGENCY.sub, callerRole: 'SECTOR_AGENCY', callerSector: 'MARKET', purpose: 'PUBLIC_PROCUREMENT' });
    const fields = entries.flatMap((entry: any) => entry.fieldsDisclosed);
    expect(fields).toEqual(expect.arrayContaining(['Subject.name', 'Registration.status', 'EnforcementCase.caseNumber']));
  });

  it('keeps other callers out of the log', async () => {
    const subject = showcaseWith('ALL_SECTORS');
    const response = await t.query(`query($id: ID!) { subject(id: $id) { accessLog { seq } } }`, { id: subject.id }, await t.headersFor(MARKET_AGENCY, 'PUBLIC_PROCUREMENT'));
    expect(forbidden(response)).toEqual(['Subject.accessLog']);
  });

  it('catches an altered and a deleted row, naming the first broken link', async () => {
    await t.query(`query($id: ID!) { subject(id: $id) { name } }`, { id: showcaseWith('CLEAN').id });
    const audit = t.databases.audit;
    expect(await verifyAccessLog(audit)).toMatchObject({ ok: true });
    // Each subgraph keeps its own chain; tamper within the platform's.
    const rows = await audit('access_log').select('seq').where('subgraph', 'platform').orderBy('seq');
    expect(rows.length).toBeGreaterThan(3);
    const victim = rows[1]!.seq;
    // Even the owner must switch the append-only triggers off to tamper (Art. 42).
    await expect(audit('access_log').where('seq', victim).update({ purpose: 'NOTHING_TO_SEE' })).rejects.toThrow(/append-only/);
    await audit.transaction(async (trx) => {
      await trx.raw('alter table access_log disable trigger access_log_no_update');
      await trx('access_log').where('seq', victim).update({ purpose: 'NOTHING_TO_SEE' });
      await trx.raw('alter table access_log enable trigger access_log_no_update');
    });
    expect(await verifyAccessLog(audit)).toMatchObject({ ok: false, brokenAt: victim, reason: expect.stringContaining('altered') });

    const later = rows[2]!.seq;
    await audit.transaction(async (trx) => {
      await trx.raw('alter table access_log disable trigger access_log_no_update');
      await trx('access_log').where('seq', victim).update({ purpose: (await audit('access_log').where('seq', rows[0]!.seq).first()).purpose });
      await trx('access_log').where('seq', victim).delete();
      await trx.raw('alter table access_log enable trigger access_log_no_update');
    });
    expect(await verifyAccessLog(audit)).toMatchObject({ ok: false, brokenAt: later, reason: expect.stringContaining('removed') });
  });
});

/** A token with `alg: none` and no signature: must never be accepted. */
function unsignedToken(claims: CallerClaims): string {
  const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
  const now = Math.floor(Date.now() / 1000);
  const payload = base64url.encode(JSON.stringify({ ...claims, iss: 'credit-hub', aud: 'credit-hub', iat: now, exp: now + 600 }));
  return `${header}.${payload}.`;
}
