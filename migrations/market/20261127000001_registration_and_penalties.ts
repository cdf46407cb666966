import type { Knex } from 'knex';

/** Market regulation database: registration with key persons (Art. 37), penalties (Art. 33), abnormal operations. */
export async function up(knex: Knex): Promise<void> {
  const sourced = (t: Knex.CreateTableBuilder) => {
    t.text('source_agency').notNullable();
    t.text('source_system').notNullable();
    t.text('info_class').notNullable().defaultTo('PUBLIC').checkIn(['PUBLIC', 'NON_PUBLIC']);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  };

  await knex.schema.createTable('registrations', (t) => {
    t.text('subject_id').primary(); // the unified social credit code
    t.text('name').notNullable();
    t.text('legal_form').notNullable();
    t.text('status').notNullable().checkIn(['ACTIVE', 'REVOKED', 'CANCELLED']);
    t.decimal('registered_capital', 16, 2).notNullable();
    t.date('established_on').notNullable();
    t.text('address').notNullable();
    t.text('business_scope').notNullable();
    t.text('authority').notNullable();
    t.specificType('region', 'char(6)').notNullable();
    // Key persons by subject id (pseudonyms), as registered now (Art. 37).
    t.text('legal_representative_id').index();
    t.text('principal_id');
    t.text('actual_controller_id');
    sourced(t);
  });

  await knex.schema.createTable('administrative_penalties', (t) => {
    t.bigIncrements('id');
    t.text('subject_id').notNullable().index();
    t.text('decision_number').notNullable().unique();
    t.text('violation').notNullable();
    t.text('basis').notNullable();
    t.text('penalty_kind').notNullable();
    t.decimal('amount', 16, 2);
    t.text('authority').notNullable();
    t.date('decided_on').notNullable();
    t.date('disclosure_until').notNullable();
    t.timestamp('repaired_at', { useTz: true });
    t.timestamp('removed_at', { useTz: true });
    sourced(t);
  });

  await knex.schema.createTable('abnormal_operations', (t) => {
    t.bigIncrements('id');
    t.text('subject_id').notNullable().index();
    t.text('reason').notNullable();
    t.text('authority').notNullable();
    t.date('listed_on').notNullable();
    t.date('removed_on');
    t.text('removal_reason');
    sourced(t);
  });
}
