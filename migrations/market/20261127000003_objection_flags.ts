import type { Knex } from 'knex';

/** Art. 39: objections the platform received against this sector's records, and their outcome. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('objection_flags', (t) => {
    t.text('objection_id').primary();
    t.text('decision_number').notNullable().index();
    t.text('outcome').notNullable().defaultTo('PENDING').checkIn(['PENDING', 'CORRECTED', 'REMOVED', 'UPHELD']);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}
