import type { Knex } from 'knex';
import { addRemovalMark, createObjectionFlags } from '@credit-hub/runtime';

/** Art. 39: objections to the courts' records, and the mark a REMOVED outcome sets. */
export async function up(knex: Knex): Promise<void> {
  await createObjectionFlags(knex);
  await addRemovalMark(knex, ['judgments', 'enforcement_cases', 'dishonest_judgment_debtors', 'consumption_restrictions']);
}
