import type { Knex } from 'knex';

/** Social security database: insurance registration, contribution arrears, wage arrears cases. */
export async function up(knex: Knex): Promise<void> {
  const sourced = (t: Knex.CreateTableBuilder) => {
    t.text('source_agency').notNullable();
    t.text('source_system').notNullable();
    t.text('info_class').notNullable().defaultTo('PUBLIC').checkIn(['PUBLIC', 'NON_PUBLIC']);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  };

  await knex.schema.createTable('insurance_registrations', (t) => {
    t.text('subject_id').primary();
    t.text('registration_number').notNullable().unique();
    t.date('registered_on').notNullable();
    t.text('status').notNullable().checkIn(['NORMAL', 'IN_ARREARS', 'SUSPENDED']);
    t.integer('insured_headcount');
    t.text('last_paid_period').notNullable();
    t.decimal('contribution_base', 12, 2).notNullable();
    sourced(t);
  });

  await knex.schema.createTable('insurance_arrears', (t) => {
    t.bigIncrements('id');
    t.text('subject_id').notNullable().index();
    t.text('scheme').notNullable().checkIn(['PENSION', 'MEDICAL', 'UNEMPLOYMENT', 'WORK_INJURY', 'MATERNITY']);
    t.text('period_from').notNullable();
    t.text('period_to').notNullable();
    t.decimal('amount', 14, 2).notNullable();
    t.date('determined_on').notNullable();
    t.text('status').notNullable().checkIn(['OUTSTANDING', 'SETTLED']);
    sourced(t);
  });

  await knex.schema.createTable('wage_arrears_cases', (t) => {
    t.bigIncrements('id');
    t.text('subject_id').notNullable().index();
    t.text('case_number').notNullable().unique();
    t.text('authority').notNullable();
    t.integer('workers_affected').notNullable();
    t.decimal('amount', 14, 2).notNullable();
    t.date('determined_on').notNullable();
    t.text('status').notNullable().checkIn(['OPEN', 'SETTLED']);
    t.date('settled_on');
    t.date('disclosure_until').notNullable();
    sourced(t);
  });
}
