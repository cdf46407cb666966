import type { Knex } from 'knex';

/**
 * Authorisations a subject grants a credit service agency (Art. 26, 42): named purposes,
 * until an expiry, revocable. The policy opens AUTHORIZED fields only under one of these.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('authorisations', (t) => {
    t.bigIncrements('id');
    t.text('subject_id').notNullable().references('subjects.id');
    t.text('agency_id').notNullable(); // the credit service agency's credit code
    t.specificType('purposes', 'text[]').notNullable();
    t.timestamp('granted_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('revoked_at', { useTz: true });
    t.check('expires_at > granted_at');
    t.index(['agency_id', 'subject_id']);
  });
}
