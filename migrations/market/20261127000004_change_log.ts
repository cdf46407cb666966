import type { Knex } from 'knex';
import { createChangeLog } from '@credit-hub/runtime';

/** Art. 38: what changed in market regulation's records, when and why. */
export async function up(knex: Knex): Promise<void> {
  await createChangeLog(knex, [
    { table: 'administrative_penalties', type: 'AdministrativePenalty' },
    { table: 'abnormal_operations', type: 'AbnormalOperation' },
  ]);
}
