import type { Knex } from 'knex';
import { createRepairReceipts } from '@credit-hub/runtime';

/** Art. 40: repairs this sector received from the platform; a repeated delivery changes nothing. */
export async function up(knex: Knex): Promise<void> {
  await createRepairReceipts(knex);
}
