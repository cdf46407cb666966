/**
 * The federated credit graph end to end (Art. 23: one platform, sector systems
 * interconnected): real PostgreSQL, five subgraphs and the gateway over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar, SUBGRAPHS, type SubgraphName } from '@credit-hub/schema';
import { countStatements } from '@credit-hub/runtime';
import { showcaseWith, startTestHub, type TestHub } from './hub.js';

let t: TestHub;
/** A platform operator checking bidders (the 1,000-bidder use case): sees every sector's fields. */
let procurement: Record<string, string>;
beforeAll(async () => {
  t = await startTestHub('e2e');
  procurement = await t.headersFor({ sub: '12150000MB0000000P', role: 'PLATFORM_OPERATOR', sector: 'PLATFORM' }, 'PUBLIC_PROCUREMENT');
});
afterAll(async () => t?.stop());

const PROFILE = /* GraphQL */ `
  query Profile($id: ID!) {
    subject(id: $id) {
      id kind name region regionName creditCode
      source { agency system infoClass }
      dishonestyRecords { id severity basis { kind documentNumber sector } notice { nature remedies } source { agency } }
      judgments { documentNumber court effectiveOn parties { name role subject { id } } source { agency system } }
      enforcementCases { caseNumber status amountDue }
      registration { name status registeredCapital legalRepresentative { id kind name } source { agency } }
      administrativePenalties { decisionNumber decidedOn disclosureUntil }
      abnormalOperations { reason listedOn }
      socialInsurance { status arrears { scheme amount } }
      wageArrears { caseNumber amount }
      procurementRecords { projectNumber purchaser { id kind name } }
      governmentContracts { contractNumber status overdueAmount agency { id name } enterprise { id } }
      financialCredit { loanCount agreementReference source { infoClass } }
    }
  }
`;

/** Rows a sector database holds for one subject, to compare the graph with (not constants). */
async function countRows(sector: SubgraphName, table: string, column: string, id: string): Promise<number> {
  const [row] = await t.databases.dbs[sector](table).where(column, id).count({ n: '*' });
  return Number(row?.n);
}

describe('joined subject profile', () => {
  it('joins the ALL_SECTORS showcase subject across every sector', async () => {
    const subject = showcaseWith('ALL_SECTORS');
    const { data, errors } = await t.query(PROFILE, { id: subject.id }, procurement);
    expect(errors).toBeUndefined();
    const profile = data!.subject;
    expect(profile).toMatchObject({ id: subject.id, name: subject.name, kind: subject.kind, creditCode: subject.id });
    expect(profile.regionName).toBe('呼和浩特市');

    // Each sector's records arrive, as many as its own database holds.
    expect(profile.judgments).toHaveLength(await countRows('courts', 'judgment_parties', 'subject_id', subject.id));
    expect(profile.enforcementCases).toHaveLength(await countRows('courts', 'enforcement_cases', 'subject_id', subject.id));
    expect(profile.administrativePenalties).toHaveLength(
      await countRows('market', 'administrative_penalties', 'subject_id', subject.id),
    );
    expect(profile.wageArrears).toHaveLength(await countRows('social-security', 'wage_arrears_cases', 'subject_id', subject.id));
    expect(profile.procurementRecords).toHaveLength(await countRows('finance', 'procurement_records', 'subject_id', subject.id));
    expect(profile.dishonestyRecords).toHaveLength(await countRows('platform', 'dishonesty_records', 'subject_id', subject.id));
    for (const list of ['judgments', 'administrativePenalties', 'wageArrears', 'procurementRecords', 'dishonestyRecords']) {
      expect(profile[list].length, list).toBeGreaterThan(0);
    }
    expect(profile.registration.name).toBe(subject.name);
    expect(profile.socialInsurance.status).toBeTruthy();
    expect(profile.financialCredit.source.infoClass).toBe('NON_PUBLIC');
    expect(profile.financialCredit.agreementReference).toBeTruthy();

    // Every record carries its source (Art. 3).
    expect(profile.judgments[0].source.agency).toMatch(/法院|仲裁/);
    expect(profile.registration.source.agency).toMatch(/市场监督管理/);
  });

  it('resolves the legal representative through the platform (Registration.legalRepresentative)', async () => {
    const enterprise = showcaseWith('ALL_SECTORS');
    const person = showcaseWith('PERSON');
    const finance = await t.headersFor({ sub: '11150000MB0000000F', role: 'SECTOR_AGENCY', sector: 'FINANCE' }, 'PUBLIC_PROCUREMENT');
    const { data } = await t.query(
      `query($id: ID!) { subject(id: $id) { registration { legalRepresentative { id kind name } } } }`,
      { id: enterprise.id },
      finance,
    );
    // A person's name is personal information: an agency outside the owning sector sees the first character (design §5).
    const masked = person.name[0] + '*'.repeat(person.name.length - 1);
    expect(data!.subject.registration.legalRepresentative).toEqual({ id: person.id, kind: 'NATURAL_PERSON', name: masked });
  });

  it('shows what a government body owes an enterprise (Art. 12-13)', async () => {
    const agency = showcaseWith('GOVERNMENT_OVERDUE');
    const enterprise = showcaseWith('ALL_SECTORS');
    const { data } = await t.query(PROFILE, { id: agency.id }, procurement);
    const overdue = data!.subject.governmentContracts.filter((contract: any) => contract.status === 'OVERDUE');
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue[0].agency).toEqual({ id: agency.id, name: agency.name });
    expect(overdue.some((contract: any) => contract.enterprise.id === enterprise.id)).toBe(true);
    expect(Number(overdue[0].overdueAmount)).toBeGreaterThan(0);
  });

  it('finds a person by resident ID number, keyed by a pseudonym that is not the number (design §5)', async () => {
    const person = showcaseWith('PERSON');
    const { data, errors } = await t.query(
      `query($id: ID!) { subject(id: $id) { id kind enforcementCases { caseNumber } } }`,
      { id: person.idNumber },
      procurement,
    );
    expect(errors).toBeUndefined();
    expect(data!.subject.id).toBe(person.id);
    expect(data!.subject.id).not.toContain(person.idNumber!.slice(6, 14));
    expect(data!.subject.enforcementCases.length).toBeGreaterThan(0);
  });

  it('searches subjects by part of a name', async () => {
    const subject = showcaseWith('CLEAN');
    const { data } = await t.query(`query($name: String!) { searchSubjects(name: $name, first: 5) { id name } }`, {
      name: subject.name.slice(3, 9),
    });
    expect(data!.searchSubjects.map((found: { id: string }) => found.id)).toContain(subject.id);
  });
});

describe('batch checks', () => {
  const unknownCode = () => {
    const body = '91150999MA0YYYYY1';
    return body + creditCodeCheckChar(body);
  };

  it('answers in the order asked, null where unknown', async () => {
    const known = [showcaseWith('CLEAN').id, showcaseWith('ALL_SECTORS').id];
    const ids = [known[0]!, unknownCode(), known[1]!];
    const { data, errors } = await t.query(`query($ids: [ID!]!) { subjects(ids: $ids) { id } }`, { ids });
    expect(errors).toBeUndefined();
    expect(data!.subjects).toEqual([{ id: known[0] }, null, { id: known[1] }]);
  });

  it('rejects more than 1,000 ids with LIMIT_EXCEEDED', async () => {
    const ids = Array.from({ length: 1001 }, () => unknownCode());
    const { data, errors } = await t.query(`query($ids: [ID!]!) { subjects(ids: $ids) { id } }`, { ids });
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', max: 1000, actual: 1001 });
  });

  it('costs a bounded number of SQL statements per subgraph, whatever the number of subjects', async () => {
    const register = await t.databases.dbs.platform('subjects').select('id').orderBy('id');
    const query = `query($ids: [ID!]!) { subjects(ids: $ids) {
      id name dishonestyRecords { id } judgments { id } enforcementCases { id } dishonestJudgmentDebtor { id }
      registration { name legalRepresentative { name } } administrativePenalties { id }
      socialInsurance { status arrears { id } } wageArrears { id }
      procurementRecords { id } governmentContracts { id } financialCredit { loanCount } } }`;
    const countFor = async (ids: string[]) => {
      const counters = Object.fromEntries(SUBGRAPHS.map((info) => [info.name, countStatements(t.hub.dbs[info.name])]));
      const { errors } = await t.query(query, { ids }, procurement);
      expect(errors).toBeUndefined();
      const counts = Object.fromEntries(Object.entries(counters).map(([name, counter]) => [name, counter.count]));
      Object.values(counters).forEach((counter) => counter.detach());
      return counts;
    };
    const few = await countFor(register.slice(0, 100).map((row) => row.id));
    const many = await countFor(register.slice(0, 250).map((row) => row.id));
    expect(many).toEqual(few);
    // Platform: the subjects, then each selected record list once; then the key persons in a second round.
    for (const [name, count] of Object.entries(many)) expect(count, name).toBeLessThanOrEqual(name === 'platform' ? 4 : 3);
  });
});

describe('bad input', () => {
  it.each([
    ['9115010', 'LENGTH'],
    ['91150102MA0N3OK81Q', 'CHARACTER'],
    ['91150102MA0N3QK81X', 'CHECK_DIGIT'],
    ['150102197802303018', 'BIRTH_DATE'],
  ])('subject(id: %s) is BAD_USER_INPUT with problem %s', async (id, problem) => {
    const { data, errors } = await t.query(`query($id: ID!) { subject(id: $id) { id } }`, { id });
    expect(data?.subject ?? null).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problem });
    expect(errors?.[0]?.message).toContain(id);
  });

  it('names the position of a bad id in a batch', async () => {
    const { errors } = await t.query(`query($ids: [ID!]!) { subjects(ids: $ids) { id } }`, {
      ids: [showcaseWith('CLEAN').id, 'nonsense'],
    });
    expect(errors?.[0]?.message).toMatch(/^ids\[1\]/);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('health and partial failure', () => {
  it('is alive and ready while every subgraph is up', async () => {
    const base = t.hub.gateway.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { ready: boolean }).ready).toBe(true);
  });

  it('still answers the other sectors when one subgraph is down, naming it', async () => {
    const subject = showcaseWith('ALL_SECTORS');
    await t.hub.stopSubgraph('courts');
    const { data, errors } = await t.query(PROFILE, { id: subject.id }, procurement);
    expect(data!.subject.name).toBe(subject.name);
    expect(data!.subject.registration.name).toBe(subject.name);
    expect(data!.subject.judgments).toBeNull();
    expect(errors?.map((error) => error.extensions)).toContainEqual(
      expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'courts' }),
    );

    const base = t.hub.gateway.url.replace(/\/graphql$/, '');
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    const report = (await ready.json()) as { subgraphs: Record<string, { ready: boolean }> };
    expect(report.subgraphs.courts!.ready).toBe(false);
    expect(report.subgraphs.market!.ready).toBe(true);
  });
});
