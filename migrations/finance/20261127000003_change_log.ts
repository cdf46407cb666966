import type { Knex } from 'knex';
import { createChangeLog } from '@credit-hub/runtime';

/** Art. 38: what changed in the finance bureau's records, when and why. */
export async function up(knex: Knex): Promise<void> {
  await createChangeLog(knex, [
    { table: 'procurement_records', type: 'ProcurementRecord' },
    { table: 'subsidies', type: 'Subsidy' },
    { table: 'government_contracts', type: 'GovernmentContract' },
  ]);
}
