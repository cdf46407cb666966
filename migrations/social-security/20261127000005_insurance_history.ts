import type { Knex } from 'knex';
import { giveRecordIdentity } from '@credit-hub/runtime';

/** Art. 38-39: insurance registrations get a record id, so they have a change history and take objections. */
export async function up(knex: Knex): Promise<void> {
  await giveRecordIdentity(knex, 'insurance_registrations', 'SocialInsurance');
}
