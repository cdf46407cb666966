import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectorAgency, startSubgraphUnderTest, subjectsWith, type SubgraphUnderTest } from '../../test/subgraph.js';

// The owning sector sees all of its own records (design §5); other callers are tested in test/.
const OWNER = sectorAgency('COURTS');

let courts: SubgraphUnderTest;
beforeAll(async () => {
  courts = await startSubgraphUnderTest('courts');
});
afterAll(async () => courts?.stop());

describe('courts subgraph over its own database', () => {
  it('finds an effective document by number, with its parties as subjects (Art. 33 basis)', async () => {
    const [row] = await courts.db('judgments').select('id', 'document_number', 'court').orderBy('id').limit(1);
    const parties = await courts.db('judgment_parties').where('judgment_id', row.id).select('subject_id');
    const { data, errors } = await courts.query(
      `query($n: String!) { judgment(documentNumber: $n) { documentNumber court parties { subject { id } role } source { agency system } } }`,
      { n: row.document_number },
      OWNER,
    );
    expect(errors).toBeUndefined();
    expect(data!.judgment).toMatchObject({ documentNumber: row.document_number, court: row.court });
    expect(data!.judgment.parties.map((party: any) => party.subject.id).sort()).toEqual(
      parties.map((party) => party.subject_id).sort(),
    );
  });

  it("answers _entities with every subject's records in one statement per list, whatever the batch size", async () => {
    const ids = await subjectsWith(courts.db, 'judgment_parties');
    const selection = 'id judgments { id parties { name } } enforcementCases { id } dishonestJudgmentDebtor { id } consumptionRestrictions { id }';
    courts.statements.reset();
    const small = await courts.entities(ids.slice(0, 2), selection, OWNER);
    const smallCount = courts.statements.count;
    courts.statements.reset();
    const large = await courts.entities(ids, selection, OWNER);
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(large.data!._entities).toHaveLength(ids.length);
    expect(courts.statements.count).toBe(smallCount);
    expect(courts.statements.count).toBeLessThanOrEqual(5);
    for (const entity of large.data!._entities) expect(entity!.judgments.length).toBeGreaterThan(0);
  });

  it('shows only current dishonest judgment debtor entries', async () => {
    const removed = await courts.db('dishonest_judgment_debtors').whereNotNull('removed_on').select('subject_id');
    const current = await courts.db('dishonest_judgment_debtors').whereNull('removed_on').select('subject_id', 'id');
    const onlyRemoved = removed.map((row) => row.subject_id).filter((id) => !current.some((row) => row.subject_id === id));
    const ids = [...onlyRemoved, ...current.map((row) => row.subject_id)];
    expect(ids.length).toBeGreaterThan(0);
    const { data } = await courts.entities(ids, 'id dishonestJudgmentDebtor { id removedOn }', OWNER);
    for (const entity of data!._entities) {
      const expected = current.some((row) => row.subject_id === entity!.id);
      expect(entity!.dishonestJudgmentDebtor !== null, entity!.id).toBe(expected);
      if (entity!.dishonestJudgmentDebtor) expect(entity!.dishonestJudgmentDebtor.removedOn).toBeNull();
    }
  });
});
