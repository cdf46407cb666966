import type { Knex } from 'knex';

/**
 * A debtor entry feeds the platform a dishonesty record (Art. 33); the entry keeps that
 * record's id, so an entry removed on objection as made in error takes its record with it
 * (Art. 39). Entries made before this have none.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('dishonest_judgment_debtors', (t) => {
    t.bigInteger('platform_record_id');
  });
}
