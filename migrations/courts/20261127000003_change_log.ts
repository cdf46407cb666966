import type { Knex } from 'knex';
import { createChangeLog } from '@credit-hub/runtime';

/** Art. 38: what changed in the courts' records, when and why. */
export async function up(knex: Knex): Promise<void> {
  await createChangeLog(knex, [
    { table: 'judgments', type: 'Judgment' },
    { table: 'enforcement_cases', type: 'EnforcementCase' },
    { table: 'dishonest_judgment_debtors', type: 'DishonestJudgmentDebtor' },
    { table: 'consumption_restrictions', type: 'ConsumptionRestriction' },
  ]);
}
