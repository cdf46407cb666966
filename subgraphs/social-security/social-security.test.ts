import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectorAgency, startSubgraphUnderTest, subjectsWith, type SubgraphUnderTest } from '../../test/subgraph.js';

// The owning sector sees all of its own records (design §5); other callers are tested in test/.
const OWNER = sectorAgency('SOCIAL_SECURITY');

let socialSecurity: SubgraphUnderTest;
beforeAll(async () => {
  socialSecurity = await startSubgraphUnderTest('social-security');
});
afterAll(async () => socialSecurity?.stop());

describe('social security subgraph over its own database', () => {
  it('nests arrears under the insurance status, batched across subjects', async () => {
    const ids = await subjectsWith(socialSecurity.db, 'insurance_arrears');
    socialSecurity.statements.reset();
    const { data, errors } = await socialSecurity.entities(ids, 'id socialInsurance { status arrears { scheme amount periodFrom } } wageArrears { id }', OWNER);
    expect(errors).toBeUndefined();
    expect(socialSecurity.statements.count).toBe(3);
    for (const entity of data!._entities) {
      const [row] = await socialSecurity.db('insurance_arrears').where('subject_id', entity!.id).count({ n: '*' });
      expect(entity!.socialInsurance.arrears).toHaveLength(Number(row?.n));
    }
  });

  it('finds a wage arrears case by number and answers null for an unknown one', async () => {
    const row = await socialSecurity.db('wage_arrears_cases').first('case_number', 'workers_affected');
    const query = `query($n: String!) { wageArrearsCase(caseNumber: $n) { caseNumber workersAffected amount } }`;
    expect((await socialSecurity.query(query, { n: row.case_number }, OWNER)).data!.wageArrearsCase).toMatchObject({
      caseNumber: row.case_number,
      workersAffected: row.workers_affected,
    });
    expect((await socialSecurity.query(query, { n: 'none' }, OWNER)).data!.wageArrearsCase).toBeNull();
  });
});
