import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphUnderTest, type SubgraphUnderTest } from '../../test/subgraph.js';

// Art. 34 notices are shared for objection handling; an operator declares it.
const OPERATOR = { claims: { sub: '12150000MB1A2B3C4D', role: 'PLATFORM_OPERATOR' as const, sector: 'PLATFORM' as const }, purpose: 'OBJECTION_HANDLING' };

let platform: SubgraphUnderTest;
beforeAll(async () => {
  platform = await startSubgraphUnderTest('platform');
});
afterAll(async () => platform?.stop());

describe('platform subgraph over its own database', () => {
  it('looks a person up by ID number and by pseudonym alike, by number only for callers shown it whole', async () => {
    const person = await platform.db('subjects').where('kind', 'NATURAL_PERSON').first('id', 'id_number');
    const query = `query($id: ID!) { subject(id: $id) { id kind } }`;
    const byNumber = await platform.query(query, { id: person.id_number }, OPERATOR);
    const byPseudonym = await platform.query(query, { id: person.id });
    expect(byNumber.data!.subject).toEqual({ id: person.id, kind: 'NATURAL_PERSON' });
    expect(byPseudonym.data!.subject).toEqual(byNumber.data!.subject);
    // Design §7: the public is not told that a number is registered (test/search-within-view.e2e.test.ts).
    expect((await platform.query(query, { id: person.id_number })).data!.subject).toBeNull();
  });

  it('answers a batch with one statement for the register and one per record list', async () => {
    const rows = await platform.db('subjects').select('id').orderBy('id').limit(200);
    platform.statements.reset();
    const { data, errors } = await platform.query(
      `query($ids: [ID!]!) { subjects(ids: $ids) { id dishonestyRecords { id notice { remedies } } commitments { id } } }`,
      { ids: rows.map((row) => row.id) },
      OPERATOR,
    );
    expect(errors).toBeUndefined();
    expect(data!.subjects.map((subject: { id: string }) => subject.id)).toEqual(rows.map((row) => row.id));
    expect(platform.statements.count).toBe(3);
  });

  it('carries the Art. 34 notice with every dishonesty record', async () => {
    const ids = (await platform.db('dishonesty_records').distinct('subject_id').limit(20)).map((row) => row.subject_id);
    const { data, errors } = await platform.query(
      `query($ids: [ID!]!) { subjects(ids: $ids) { dishonestyRecords { basis { kind documentNumber } notice { nature reason basis removalConditions remedies } } } }`,
      { ids },
      OPERATOR,
    );
    expect(errors).toBeUndefined();
    expect(data!.subjects.length).toBeGreaterThan(0);
    for (const subject of data!.subjects) {
      for (const record of subject.dishonestyRecords) {
        expect(Object.values(record.notice).every((value) => typeof value === 'string' && value.length > 0)).toBe(true);
        expect(record.basis.documentNumber).toBeTruthy();
      }
    }
  });

  it('ranks name matches and bounds the page size', async () => {
    const subject = await platform.db('subjects').where('kind', 'LEGAL_PERSON').orderBy('id').first('id', 'name');
    const { data } = await platform.query(`query($name: String!) { searchSubjects(name: $name, first: 3) { id name } }`, {
      name: subject.name,
    });
    expect(data!.searchSubjects[0]).toEqual({ id: subject.id, name: subject.name });
    const tooMany = await platform.query(`{ searchSubjects(name: "公司", first: 1000) { id } }`);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });
});
