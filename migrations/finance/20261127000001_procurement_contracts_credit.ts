import type { Knex } from 'knex';

/** Finance database: procurement, subsidies, government contracts (Art. 12-13), financial credit link (Art. 28). */
export async function up(knex: Knex): Promise<void> {
  const sourced = (t: Knex.CreateTableBuilder) => {
    t.text('source_agency').notNullable();
    t.text('source_system').notNullable();
    t.text('info_class').notNullable().defaultTo('PUBLIC').checkIn(['PUBLIC', 'NON_PUBLIC']);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  };

  await knex.schema.createTable('procurement_records', (t) => {
    t.bigIncrements('id');
    t.text('subject_id').notNullable().index();
    t.text('project_number').notNullable();
    t.text('project_name').notNullable();
    t.text('purchaser_id').notNullable();
    t.text('role').notNullable().checkIn(['BIDDER', 'WINNER']);
    t.decimal('amount', 16, 2);
    t.date('awarded_on').notNullable();
    t.text('bad_conduct');
    t.date('barred_until');
    sourced(t);
  });

  await knex.schema.createTable('subsidies', (t) => {
    t.bigIncrements('id');
    t.text('subject_id').notNullable().index();
    t.text('programme').notNullable();
    t.text('granting_agency').notNullable();
    t.decimal('amount', 16, 2).notNullable();
    t.date('granted_on').notNullable();
    sourced(t);
  });

  await knex.schema.createTable('government_contracts', (t) => {
    t.bigIncrements('id');
    t.text('contract_number').notNullable().unique();
    t.text('kind')
      .notNullable()
      .checkIn(['PROCUREMENT', 'BIDDING', 'INVESTMENT_ATTRACTION', 'PPP', 'INDUSTRY_SUPPORT', 'GOVERNMENT_INVESTMENT']);
    t.text('title').notNullable();
    t.text('agency_id').notNullable().index();
    t.text('enterprise_id').notNullable().index();
    t.decimal('amount', 16, 2).notNullable();
    t.date('signed_on').notNullable();
    t.date('due_on').notNullable();
    t.decimal('paid_amount', 16, 2).notNullable().defaultTo(0);
    t.text('status').notNullable().checkIn(['PERFORMING', 'COMPLETED', 'OVERDUE']);
    sourced(t);
  });

  await knex.schema.createTable('financial_credit_summaries', (t) => {
    t.text('subject_id').primary();
    t.integer('loan_count').notNullable();
    t.decimal('outstanding_balance', 16, 2).notNullable();
    t.integer('overdue_count').notNullable();
    t.text('worst_classification').notNullable().checkIn(['NORMAL', 'SPECIAL_MENTION', 'SUBSTANDARD', 'DOUBTFUL', 'LOSS']);
    t.date('reported_on').notNullable();
    t.text('agreement_reference').notNullable(); // Art. 26: non-public info only under an agreement
    sourced(t);
  });
}
