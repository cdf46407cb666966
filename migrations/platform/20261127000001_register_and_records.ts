import type { Knex } from 'knex';

/** Platform database: the subject register and the platform's credit records (Art. 23, 33-40). */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create extension if not exists pg_trgm');

  await knex.schema.createTable('subjects', (t) => {
    t.text('id').primary(); // credit code, or NP… pseudonym for natural persons (design §5)
    t.text('kind').notNullable().checkIn(['NATURAL_PERSON', 'LEGAL_PERSON', 'UNINCORPORATED_ORG', 'GOVERNMENT_AGENCY']);
    t.text('name').notNullable();
    t.specificType('region', 'char(6)').notNullable();
    t.specificType('credit_code', 'char(18)').unique();
    t.specificType('id_number', 'char(18)').unique();
    t.text('source_agency').notNullable();
    t.text('source_system').notNullable();
    t.timestamp('registered_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.check('(kind = ? and id_number is not null and credit_code is null) or (kind <> ? and credit_code is not null and id_number is null)', ['NATURAL_PERSON', 'NATURAL_PERSON']);
  });
  await knex.raw('create index subjects_name_trgm on subjects using gin (name gin_trgm_ops)');

  const sourced = (t: Knex.CreateTableBuilder) => {
    t.text('source_agency').notNullable();
    t.text('source_system').notNullable();
    t.text('info_class').notNullable().defaultTo('PUBLIC').checkIn(['PUBLIC', 'NON_PUBLIC']);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  };

  await knex.schema.createTable('dishonesty_records', (t) => {
    t.bigIncrements('id');
    t.text('subject_id').notNullable().references('subjects.id').index();
    t.text('summary').notNullable();
    t.text('severity').notNullable().checkIn(['MINOR', 'GENERAL', 'SERIOUS']);
    t.text('owning_sector').notNullable();
    // Art. 33: only these kinds of documents may ground a dishonest act.
    t.text('basis_kind')
      .notNullable()
      .checkIn(['JUDICIAL_RULING', 'ARBITRAL_AWARD', 'ADMINISTRATIVE_PENALTY', 'ADMINISTRATIVE_ADJUDICATION', 'OTHER_LEGAL_DOCUMENT']);
    t.text('basis_document_number').notNullable();
    t.text('basis_sector').notNullable();
    t.text('legal_basis').notNullable();
    // Art. 34: the notice is part of the record, never optional.
    t.text('notice_nature').notNullable();
    t.text('notice_reason').notNullable();
    t.text('notice_basis').notNullable();
    t.text('notice_removal_conditions').notNullable();
    t.text('notice_remedies').notNullable();
    t.text('notice_lifting_conditions');
    t.timestamp('notice_served_at', { useTz: true }).notNullable();
    t.date('decided_on').notNullable();
    t.date('disclosure_until').notNullable();
    t.text('status').notNullable().defaultTo('ACTIVE').checkIn(['ACTIVE', 'REPAIRED', 'REMOVED']);
    t.timestamp('repaired_at', { useTz: true });
    t.timestamp('removed_at', { useTz: true });
    sourced(t);
  });

  await knex.schema.createTable('serious_dishonesty_listings', (t) => {
    t.bigIncrements('id');
    t.text('subject_id').notNullable().references('subjects.id').index();
    t.text('category')
      .notNullable()
      .checkIn(['PUBLIC_HEALTH_AND_SAFETY', 'MARKET_ORDER', 'REFUSING_LEGAL_DUTIES', 'NATIONAL_DEFENCE', 'OTHER_BY_LAW']);
    t.text('legal_basis').notNullable();
    t.text('cause').notNullable();
    t.text('status')
      .notNullable()
      .checkIn(['PROPOSED', 'NOTIFIED', 'OBJECTED', 'OBJECTION_ANSWERED', 'DECIDED', 'PUBLISHED', 'REMOVED']);
    t.text('decision_document_number');
    t.specificType('punishment_measures', 'text[]').notNullable().defaultTo('{}');
    t.text('removal_conditions');
    t.text('remedies');
    t.date('decided_on');
    t.date('published_on');
    t.date('disclosure_until');
    t.date('removed_on');
    sourced(t);
  });

  await knex.schema.createTable('incentive_listings', (t) => {
    t.bigIncrements('id');
    t.text('subject_id').notNullable().references('subjects.id').index();
    t.text('criterion_code').notNullable();
    t.text('criterion').notNullable();
    t.text('decision_document_number').notNullable();
    t.date('decided_on').notNullable();
    t.date('published_on');
    t.date('valid_until').notNullable();
    sourced(t);
  });

  await knex.schema.createTable('commitments', (t) => {
    t.bigIncrements('id');
    t.text('subject_id').notNullable().references('subjects.id').index();
    t.text('kind').notNullable().checkIn(['MARKET_ENTRY', 'LICENSING', 'CREDIT_REPAIR', 'SELF_DECLARATION']);
    t.text('content').notNullable();
    t.date('made_on').notNullable();
    t.boolean('published').notNullable().defaultTo(true);
    t.date('breached_on');
    sourced(t);
  });

  await knex.schema.createTable('objections', (t) => {
    t.bigIncrements('id');
    t.text('subject_id').notNullable().references('subjects.id').index();
    t.text('ground').notNullable().checkIn(['INACCURATE', 'INFRINGES_SECRETS_OR_PRIVACY', 'PAST_DISCLOSURE_PERIOD', 'DISCLOSURE_FORBIDDEN']);
    t.text('record_ref').notNullable();
    t.text('statement').notNullable();
    t.date('filed_on').notNullable();
    t.date('answer_due_on').notNullable();
    t.text('outcome').notNullable().defaultTo('PENDING').checkIn(['PENDING', 'CORRECTED', 'REMOVED', 'UPHELD']);
    t.text('answer_reason');
    t.date('answered_on');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  // Art. 40: no fee may be charged for repair, so the table has no fee column by design.
  await knex.schema.createTable('repairs', (t) => {
    t.bigIncrements('id');
    t.text('subject_id').notNullable().references('subjects.id').index();
    t.text('record_ref').notNullable();
    t.date('applied_on').notNullable();
    t.text('status').notNullable().defaultTo('PENDING').checkIn(['PENDING', 'APPROVED', 'REJECTED']);
    t.date('decided_on');
    t.text('decision_reason');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}
