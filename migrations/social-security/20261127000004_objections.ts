import type { Knex } from 'knex';
import { addRemovalMark, createObjectionFlags } from '@credit-hub/runtime';

/** Art. 39: objections to social security's records, and the mark a REMOVED outcome sets. */
export async function up(knex: Knex): Promise<void> {
  await createObjectionFlags(knex);
  await addRemovalMark(knex, ['insurance_arrears', 'wage_arrears_cases']);
}
