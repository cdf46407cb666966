import type { Knex } from 'knex';

/**
 * Credit service agencies (Art. 44-48): the registry the open data is given to, their
 * credit commitments, and the violations of Art. 45 recorded against them with the penalty
 * decided under Art. 48.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('credit_service_agencies', (t) => {
    t.text('id').primary(); // unified social credit code
    t.text('name').notNullable();
    t.date('registered_on').notNullable();
    t.text('commitment').notNullable(); // Art. 44: agencies make credit commitments
    t.text('registered_by').notNullable();
  });
  await knex.schema.createTable('agency_violations', (t) => {
    t.bigIncrements('id');
    t.text('agency_id').notNullable().references('credit_service_agencies.id').index();
    t.text('kind').notNullable().checkIn(['FALSE_PROMISE', 'MALICIOUS_RATING', 'FALSE_REPORT']);
    t.text('description').notNullable();
    t.text('offender_kind').notNullable().checkIn(['UNIT', 'INDIVIDUAL']);
    t.decimal('fine', 12, 2).notNullable();
    t.decimal('confiscated_gains', 14, 2).notNullable().defaultTo(0);
    t.text('decision_document_number').notNullable();
    t.date('decided_on').notNullable();
    t.text('decided_by').notNullable();
    // Art. 48: units CNY 20,000-200,000; individuals CNY 10,000-50,000.
    t.check(
      "(offender_kind = 'UNIT' and fine between 20000 and 200000) or (offender_kind = 'INDIVIDUAL' and fine between 10000 and 50000)",
    );
  });
}
