import type { Knex } from 'knex';

/** Courts database: effective documents (Art. 33 basis), enforcement, dishonest judgment debtors. */
export async function up(knex: Knex): Promise<void> {
  const sourced = (t: Knex.CreateTableBuilder) => {
    t.text('source_agency').notNullable();
    t.text('source_system').notNullable();
    t.text('info_class').notNullable().defaultTo('PUBLIC').checkIn(['PUBLIC', 'NON_PUBLIC']);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  };

  await knex.schema.createTable('judgments', (t) => {
    t.bigIncrements('id');
    t.text('document_number').notNullable().unique();
    t.text('kind').notNullable().checkIn(['JUDGMENT', 'RULING', 'MEDIATION', 'ARBITRAL_AWARD']);
    t.text('court').notNullable();
    t.text('case_cause').notNullable();
    t.date('effective_on').notNullable();
    t.decimal('amount', 16, 2);
    sourced(t);
  });

  await knex.schema.createTable('judgment_parties', (t) => {
    t.bigInteger('judgment_id').notNullable().references('judgments.id');
    t.text('subject_id').notNullable().index();
    t.text('party_name').notNullable();
    t.text('role').notNullable().checkIn(['PLAINTIFF', 'DEFENDANT', 'APPLICANT', 'RESPONDENT']);
    t.primary(['judgment_id', 'subject_id', 'role']);
  });

  await knex.schema.createTable('enforcement_cases', (t) => {
    t.bigIncrements('id');
    t.text('case_number').notNullable().unique();
    t.text('court').notNullable();
    t.text('subject_id').notNullable().index();
    t.bigInteger('judgment_id').notNullable().references('judgments.id');
    t.text('applicant_name').notNullable();
    t.decimal('amount_due', 16, 2).notNullable();
    t.decimal('amount_performed', 16, 2).notNullable().defaultTo(0);
    t.date('filed_on').notNullable();
    t.date('closed_on');
    t.text('status').notNullable().checkIn(['OPEN', 'CLOSED_PERFORMED', 'TERMINATED']);
    sourced(t);
  });

  await knex.schema.createTable('dishonest_judgment_debtors', (t) => {
    t.bigIncrements('id');
    t.text('subject_id').notNullable().index();
    t.bigInteger('enforcement_case_id').notNullable().references('enforcement_cases.id');
    t.text('obligation').notNullable();
    t.text('performance').notNullable().checkIn(['NOT_PERFORMED', 'PARTLY_PERFORMED']);
    t.text('circumstances').notNullable();
    t.date('published_on').notNullable();
    t.date('disclosure_until').notNullable();
    t.date('removed_on');
    sourced(t);
  });

  await knex.schema.createTable('consumption_restrictions', (t) => {
    t.bigIncrements('id');
    t.text('subject_id').notNullable().index();
    t.bigInteger('enforcement_case_id').notNullable().references('enforcement_cases.id');
    t.text('measures').notNullable();
    t.date('issued_on').notNullable();
    t.date('lifted_on');
    sourced(t);
  });
}
