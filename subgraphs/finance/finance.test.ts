import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectorAgency, startSubgraphUnderTest, type SubgraphUnderTest } from '../../test/subgraph.js';

// The owning sector sees all of its own records (design §5); other callers are tested in test/.
const OWNER = sectorAgency('FINANCE');

let finance: SubgraphUnderTest;
beforeAll(async () => {
  finance = await startSubgraphUnderTest('finance');
});
afterAll(async () => finance?.stop());

describe('finance subgraph over its own database', () => {
  it('shows a government contract to both parties, the agency and the enterprise (Art. 12-13)', async () => {
    const contract = await finance.db('government_contracts').where('status', 'OVERDUE').first();
    const { data, errors } = await finance.entities(
      [contract.agency_id, contract.enterprise_id],
      'id governmentContracts { contractNumber agency { id } enterprise { id } overdueAmount status }',
      OWNER,
    );
    expect(errors).toBeUndefined();
    for (const entity of data!._entities) {
      const found = entity!.governmentContracts.find((c: any) => c.contractNumber === contract.contract_number);
      expect(found).toMatchObject({ agency: { id: contract.agency_id }, enterprise: { id: contract.enterprise_id }, status: 'OVERDUE' });
    }
  });

  it('computes the overdue amount from the due date and what was paid', async () => {
    const rows = await finance.db('government_contracts').select('contract_number', 'amount', 'paid_amount', 'due_on').limit(30);
    const today = new Date().toISOString().slice(0, 10);
    for (const row of rows) {
      const { data } = await finance.query(`query($n: String!) { governmentContract(contractNumber: $n) { overdueAmount } }`, {
        n: row.contract_number,
      }, OWNER);
      const expected = row.due_on < today ? Number(row.amount) - Number(row.paid_amount) : 0;
      expect(Number(data!.governmentContract.overdueAmount)).toBeCloseTo(expected, 2);
    }
  });

  it('links financial credit summaries with their sharing agreement (Art. 26, 28)', async () => {
    const rows = await finance.db('financial_credit_summaries').select('subject_id', 'agreement_reference').limit(10);
    const { data } = await finance.entities(
      rows.map((row) => row.subject_id),
      'financialCredit { agreementReference source { infoClass } }',
      sectorAgency('FINANCE', 'FINANCIAL_SERVICES'),
    );
    data!._entities.forEach((entity, index) => {
      expect(entity!.financialCredit).toEqual({ agreementReference: rows[index]!.agreement_reference, source: { infoClass: 'NON_PUBLIC' } });
    });
  });
});
