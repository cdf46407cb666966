/**
 * Issue #12, findings 1 and 2 (Art. 38, 42; design §6): a disclosure made through
 * `_entities` gets its access-log row like any other, and a subgraph whose audit write
 * fails withholds `_entities` and `governmentIntegrity` as it withholds root fields.
 * Real hub, real PostgreSQL, real HTTP.
 */
import { withAuditUnavailable as withDatabaseOutage } from './databases.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerClaims } from '@credit-hub/runtime';
import { postGraphQL, showcaseWith, startTestHub, type TestHub } from './hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub('entry_points');
}, 180_000);
afterAll(async () => t?.stop());

const COURTS_AGENCY: CallerClaims = { sub: '11150000MB0COU000X', role: 'SECTOR_AGENCY', sector: 'COURTS' };
const LEGAL_REPRESENTATIVE = `query($id: ID!) { subject(id: $id) { registration { legalRepresentative { id name idNumber } } } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Subject { name idNumber } } }`;
const INTEGRITY = `{ governmentIntegrity(first: 5) { agency { id } region overdueAmount } }`;

const rowsFor = (clientRequestId: string) =>
  t.databases.audit('access_log').where({ client_request_id: clientRequestId }).orderBy('seq')
    .select('subgraph', 'caller_sub', 'caller_role', 'purpose', 'subject_ids', 'fields_disclosed', 'fields_denied');

const withAuditUnavailable = <T>(run: () => Promise<T>) => withDatabaseOutage(t.databases.audit, run);

describe('entity disclosures are audited (finding 1)', () => {
  it("logs the legal representative's name and ID number a courts agency reads through the gateway, and the person sees the read", async () => {
    const enterprise = showcaseWith('ALL_SECTORS');
    const person = showcaseWith('PERSON');
    const reference = `legal-rep-${Date.now()}`;
    const response = await t.query(LEGAL_REPRESENTATIVE, { id: enterprise.id }, {
      ...(await t.headersFor(COURTS_AGENCY, 'JUDICIAL_ENFORCEMENT')),
      'x-request-id': reference,
    });
    // Disclosed whole (JUDICIAL_ENFORCEMENT needs identity), by the platform through _entities.
    expect(response.data!.subject.registration.legalRepresentative).toEqual({ id: person.id, name: person.name, idNumber: person.idNumber });

    const rows = await rowsFor(reference);
    const platform = rows.filter((row) => row.subgraph === 'platform');
    expect(platform).toEqual([
      {
        subgraph: 'platform',
        caller_sub: COURTS_AGENCY.sub,
        caller_role: 'SECTOR_AGENCY',
        purpose: 'JUDICIAL_ENFORCEMENT',
        subject_ids: [person.id],
        fields_disclosed: ['Subject.idNumber', 'Subject.name'],
        fields_denied: [],
      },
    ]);
    // Market disclosed whom the enterprise has as legal representative: logged for the enterprise.
    expect(rows.find((row) => row.subgraph === 'market')).toMatchObject({
      subject_ids: [enterprise.id],
      fields_disclosed: expect.arrayContaining(['Registration.legalRepresentative', 'Subject.registration']),
    });

    const mine = await t.query(`{ me { accessLog(first: 100) { clientRequestId subgraph callerSub purpose fieldsDisclosed } } }`, {}, await t.headersFor({ sub: person.id, role: 'CREDIT_SUBJECT' }));
    expect(mine.data!.me.accessLog.filter((entry: any) => entry.clientRequestId === reference)).toEqual([
      { clientRequestId: reference, subgraph: 'platform', callerSub: COURTS_AGENCY.sub, purpose: 'JUDICIAL_ENFORCEMENT', fieldsDisclosed: ['Subject.idNumber', 'Subject.name'] },
    ]);
  });

  it('logs a direct _entities call to the platform, and logs the fields it denied as denied', async () => {
    const person = showcaseWith('PERSON');
    const agency = await t.headersFor({ sub: '11150000MB0MAR000X', role: 'SECTOR_AGENCY', sector: 'MARKET' }, 'PUBLIC_PROCUREMENT');
    const reference = `direct-entities-${Date.now()}`;
    const direct = await postGraphQL(t.hub.subgraphs.platform.url, ENTITIES, { r: [{ __typename: 'Subject', id: person.id }] }, { ...agency, 'x-request-id': reference });
    // PUBLIC_PROCUREMENT: the name masked, the ID number refused.
    expect(direct.body.data!._entities).toEqual([{ name: person.name[0] + '*'.repeat(person.name.length - 1), idNumber: null }]);
    expect(direct.body.errors!.map((error) => error.extensions!.code)).toEqual(['FORBIDDEN']);
    expect(await rowsFor(reference)).toEqual([
      {
        subgraph: 'platform',
        caller_sub: '11150000MB0MAR000X',
        caller_role: 'SECTOR_AGENCY',
        purpose: 'PUBLIC_PROCUREMENT',
        subject_ids: [person.id],
        fields_disclosed: ['Subject.name'],
        fields_denied: ['Subject.idNumber'],
      },
    ]);
  });

  it("logs governmentIntegrity's amounts against each government body they are about", async () => {
    const reference = `integrity-${Date.now()}`;
    const response = await postGraphQL(t.hub.subgraphs.finance.url, INTEGRITY, {}, { 'x-request-id': reference });
    const bodies = (response.body.data!.governmentIntegrity as Array<{ agency: { id: string } }>).map((row) => row.agency.id);
    expect(bodies).toContain(showcaseWith('GOVERNMENT_OVERDUE').id);
    const rows = await rowsFor(reference);
    expect(rows.flatMap((row) => row.subject_ids).sort()).toEqual([...bodies].sort());
    for (const row of rows) {
      expect(row).toMatchObject({ subgraph: 'finance', caller_role: 'PUBLIC', purpose: 'PUBLIC_QUERY' });
      expect(row.fields_disclosed).toEqual(['AgencyIntegrity.agency', 'AgencyIntegrity.overdueAmount', 'AgencyIntegrity.region']);
    }
  });
});

describe('mutation payloads are audited like any answer', () => {
  it("logs the commitment a subject's mutation answers with, for that subject, and withholds it while the log is unavailable", async () => {
    const subject = showcaseWith('CLEAN');
    const headers = await t.headersFor({ sub: subject.id, role: 'CREDIT_SUBJECT' });
    const SUBMIT = `mutation { submitCommitment(input: { kind: SELF_DECLARATION, content: "本企业承诺所报送的信息真实、准确、完整" }) { id kind content } }`;
    const reference = `mutation-${Date.now()}`;
    const made = await t.query(SUBMIT, {}, { ...headers, 'x-request-id': reference });
    expect(made.data!.submitCommitment).toMatchObject({ kind: 'SELF_DECLARATION' });
    expect(await rowsFor(reference)).toEqual([
      {
        subgraph: 'platform', caller_sub: subject.id, caller_role: 'CREDIT_SUBJECT', purpose: 'SELF_QUERY',
        subject_ids: [subject.id], fields_disclosed: ['Commitment.content', 'Commitment.kind'], fields_denied: [],
      },
    ]);

    const withheld = await withAuditUnavailable(() => t.query(SUBMIT, {}, headers));
    expect(withheld.data?.submitCommitment ?? null).toBeNull();
    expect(JSON.stringify(withheld)).not.toContain('本企业承诺');
  });
});

describe('fail-closed on every entry point (finding 2)', () => {
  it('withholds _entities of the platform while the audit database is unavailable, and answers it again after', async () => {
    const person = showcaseWith('PERSON');
    const agency = await t.headersFor(COURTS_AGENCY, 'JUDICIAL_ENFORCEMENT');
    const ask = () => postGraphQL(t.hub.subgraphs.platform.url, ENTITIES, { r: [{ __typename: 'Subject', id: person.id }] }, agency);
    expect((await ask()).body.data!._entities).toEqual([{ name: person.name, idNumber: person.idNumber }]);

    const withheld = await withAuditUnavailable(ask);
    expect(withheld.body.data ?? null).toBeNull();
    expect(withheld.body.errors!.map((error) => error.extensions!.code)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(JSON.stringify(withheld.body)).not.toContain(person.idNumber!);
  });

  it('withholds through the gateway the legal representative served by _entities while the audit database is unavailable', async () => {
    const enterprise = showcaseWith('ALL_SECTORS');
    const person = showcaseWith('PERSON');
    const headers = await t.headersFor(COURTS_AGENCY, 'JUDICIAL_ENFORCEMENT');
    const answered = await t.query(LEGAL_REPRESENTATIVE, { id: enterprise.id }, headers);
    expect(answered.data!.subject.registration.legalRepresentative.idNumber).toBe(person.idNumber);

    const withheld = await withAuditUnavailable(() => t.query(LEGAL_REPRESENTATIVE, { id: enterprise.id }, headers));
    expect(JSON.stringify(withheld)).not.toContain(person.idNumber!);
    expect(JSON.stringify(withheld)).not.toContain(person.name);
  });

  it('withholds governmentIntegrity while the audit database is unavailable, and answers it again after', async () => {
    const body = showcaseWith('GOVERNMENT_OVERDUE');
    const ask = () => t.query(`{ governmentIntegrity(first: 5) { agency { id name } overdueAmount } }`);
    const answered = await ask();
    expect(JSON.stringify(answered.data)).toContain(body.name);

    const withheld = await withAuditUnavailable(ask);
    expect(withheld.data ?? null).toBeNull();
    expect(JSON.stringify(withheld)).not.toContain(body.name);
    expect(JSON.stringify(withheld)).not.toContain(body.id);

    expect(JSON.stringify((await ask()).data)).toContain(body.name);
  });
});
