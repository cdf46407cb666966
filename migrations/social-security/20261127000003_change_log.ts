import type { Knex } from 'knex';
import { createChangeLog } from '@credit-hub/runtime';

/** Art. 38: what changed in social security's records, when and why. */
export async function up(knex: Knex): Promise<void> {
  await createChangeLog(knex, [
    { table: 'insurance_arrears', type: 'InsuranceArrear' },
    { table: 'wage_arrears_cases', type: 'WageArrearsCase' },
  ]);
}
