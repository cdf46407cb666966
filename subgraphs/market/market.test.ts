import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectorAgency, startSubgraphUnderTest, type SubgraphUnderTest } from '../../test/subgraph.js';

// The owning sector sees all of its own records (design §5); other callers are tested in test/.
const OWNER = sectorAgency('MARKET');

let market: SubgraphUnderTest;
beforeAll(async () => {
  market = await startSubgraphUnderTest('market');
});
afterAll(async () => market?.stop());

describe('market subgraph over its own database', () => {
  it('returns registration key persons as Subject references for the gateway to resolve (Art. 37)', async () => {
    const rows = await market.db('registrations').select('subject_id', 'legal_representative_id', 'principal_id').orderBy('subject_id').limit(20);
    const { data, errors } = await market.entities(
      rows.map((row) => row.subject_id),
      'id registration { status legalRepresentative { id } principal { id } source { agency infoClass } }',
      OWNER,
    );
    expect(errors).toBeUndefined();
    data!._entities.forEach((entity, index) => {
      expect(entity!.registration.legalRepresentative?.id ?? null).toBe(rows[index]!.legal_representative_id);
      expect(entity!.registration.principal?.id ?? null).toBe(rows[index]!.principal_id);
      expect(entity!.registration.source.infoClass).toBe('PUBLIC');
    });
  });

  it('finds a penalty decision by its number, with its repair state', async () => {
    const repaired = await market.db('administrative_penalties').whereNotNull('repaired_at').first('decision_number');
    const plain = await market.db('administrative_penalties').whereNull('repaired_at').first('decision_number');
    const query = `query($n: String!) { administrativePenalty(decisionNumber: $n) { decisionNumber repaired amount } }`;
    const a = await market.query(query, { n: repaired.decision_number }, OWNER);
    const b = await market.query(query, { n: plain.decision_number }, OWNER);
    expect(a.data!.administrativePenalty).toMatchObject({ decisionNumber: repaired.decision_number, repaired: true });
    expect(b.data!.administrativePenalty).toMatchObject({ decisionNumber: plain.decision_number, repaired: false });
    expect((await market.query(query, { n: '不存在〔2024〕1号' }, OWNER)).data!.administrativePenalty).toBeNull();
  });

  it('batches penalties and abnormal operations into one statement each', async () => {
    // Removed penalties are gone from every view; subjects with one still in force:
    const ids = (await market.db('administrative_penalties').whereNull('removed_at').distinct('subject_id').orderBy('subject_id').limit(50)).map(
      (row) => row.subject_id as string,
    );
    market.statements.reset();
    const { data, errors } = await market.entities(ids, 'id administrativePenalties { id amount } abnormalOperations { id } registration { name }', OWNER);
    expect(errors).toBeUndefined();
    expect(market.statements.count).toBe(3);
    for (const entity of data!._entities) expect(entity!.administrativePenalties.length).toBeGreaterThan(0);
  });
});
