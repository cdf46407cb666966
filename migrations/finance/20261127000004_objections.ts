import type { Knex } from 'knex';
import { addRemovalMark, createObjectionFlags } from '@credit-hub/runtime';

/** Art. 39: objections to the finance bureau's records, and the mark a REMOVED outcome sets. */
export async function up(knex: Knex): Promise<void> {
  await createObjectionFlags(knex);
  await addRemovalMark(knex, ['procurement_records', 'subsidies', 'government_contracts']);
}
