import type { Knex } from 'knex';

/** Art. 40: repairs this sector received from the platform; one row per repair, so a repeat changes nothing. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('repair_receipts', (t) => {
    t.text('repair_id').primary();
    t.text('subject_id').notNullable().index();
    t.text('basis_document_number').notNullable();
    t.text('effect').notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}
