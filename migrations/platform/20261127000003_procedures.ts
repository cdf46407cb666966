import type { Knex } from 'knex';

/**
 * The regulation's procedures (Art. 32-37): the catalogue of punishment measures, each step
 * of the serious-dishonesty listing procedure with who took it, when and on which document,
 * objections to a proposed listing, the persons linked to a listed organisation, and the
 * measures sectors apply.
 */
export async function up(knex: Knex): Promise<void> {
  // Art. 32: punishment is managed as a list; nothing outside it may be applied.
  await knex.schema.createTable('punishment_measures', (t) => {
    t.text('code').primary();
    t.text('name').notNullable();
    t.text('legal_basis').notNullable();
    t.text('severity').notNullable().checkIn(['MINOR', 'GENERAL', 'SERIOUS']);
    t.text('sector').notNullable(); // the sector that applies it
    t.text('description').notNullable();
  });
  await knex('punishment_measures').insert([
    { code: 'RESTRICT_PROCUREMENT', name: '限制参加政府采购活动', legal_basis: '《中华人民共和国政府采购法》第二十二条；《条例》第三十二条', severity: 'SERIOUS', sector: 'FINANCE', description: 'Barred from government procurement for the listing period.' },
    { code: 'RESTRICT_SUBSIDIES', name: '限制申请财政性资金项目', legal_basis: '《条例》第三十二条', severity: 'GENERAL', sector: 'FINANCE', description: 'No new government subsidies or fiscal support.' },
    { code: 'RESTRICT_HIGH_CONSUMPTION', name: '限制高消费', legal_basis: '《最高人民法院关于限制被执行人高消费及有关消费的若干规定》', severity: 'SERIOUS', sector: 'COURTS', description: 'No air or first-class rail travel, luxury hotels or similar.' },
    { code: 'KEY_SUPERVISION', name: '列为重点监管对象', legal_basis: '《条例》第十六条、第三十二条', severity: 'GENERAL', sector: 'MARKET', description: 'Higher inspection frequency under graded, classified supervision.' },
    { code: 'RESTRICT_QUALIFICATIONS', name: '限制取得相关资质、许可', legal_basis: '《中华人民共和国行政许可法》；《条例》第三十二条', severity: 'SERIOUS', sector: 'MARKET', description: 'Licences and qualifications are refused or reviewed strictly.' },
    { code: 'RESTRICT_OFFICE', name: '限制担任企业法定代表人、董事、监事、高级管理人员', legal_basis: '《中华人民共和国公司法》第一百七十八条', severity: 'SERIOUS', sector: 'MARKET', description: 'May not serve as legal representative or senior manager.' },
    { code: 'NO_SIMPLIFIED_PROCEDURE', name: '不适用告知承诺制等便利措施', legal_basis: '《条例》第三十二条', severity: 'MINOR', sector: 'SOCIAL_SECURITY', description: 'Commitment-based simplified procedures are not available.' },
    { code: 'STRICT_SOCIAL_INSURANCE_AUDIT', name: '加强社会保险缴费稽核', legal_basis: '《中华人民共和国社会保险法》第八十六条', severity: 'GENERAL', sector: 'SOCIAL_SECURITY', description: 'Contribution audits at a higher frequency.' },
  ]);

  // Art. 36: every step of the listing procedure, in order, with who, when and which document.
  await knex.schema.createTable('listing_steps', (t) => {
    t.bigIncrements('id');
    t.bigInteger('listing_id').notNullable().references('serious_dishonesty_listings.id').index();
    t.text('from_status');
    t.text('to_status').notNullable();
    t.text('actor_sub').notNullable();
    t.text('actor_role').notNullable();
    t.text('actor_sector');
    t.text('document_number');
    t.text('note');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  // Art. 36: the subject's objection before listing, verified and answered in time.
  await knex.schema.createTable('listing_objections', (t) => {
    t.bigIncrements('id');
    t.bigInteger('listing_id').notNullable().references('serious_dishonesty_listings.id').index();
    t.text('statement').notNullable();
    t.timestamp('filed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.date('answer_due_on').notNullable();
    t.text('answer');
    t.text('answer_document_number');
    t.timestamp('answered_at', { useTz: true });
  });

  // Art. 37: a listed organisation's legal representative, principal and actual controller.
  await knex.schema.createTable('listing_key_persons', (t) => {
    t.bigInteger('listing_id').notNullable().references('serious_dishonesty_listings.id');
    t.text('subject_id').notNullable().references('subjects.id').index();
    t.text('role').notNullable().checkIn(['LEGAL_REPRESENTATIVE', 'PRINCIPAL', 'ACTUAL_CONTROLLER']);
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['listing_id', 'subject_id', 'role']);
  });

  // Art. 32, 40: measures applied on a record or listing; they stop when it is removed or repaired.
  await knex.schema.createTable('applied_measures', (t) => {
    t.bigIncrements('id');
    t.text('subject_id').notNullable().references('subjects.id').index();
    t.text('measure_code').notNullable().references('punishment_measures.code');
    t.bigInteger('dishonesty_record_id').references('dishonesty_records.id');
    t.bigInteger('listing_id').references('serious_dishonesty_listings.id');
    t.text('applied_by_sector').notNullable();
    t.text('applied_by').notNullable();
    t.timestamp('applied_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('stopped_at', { useTz: true });
    t.text('stop_reason');
    t.check('(dishonesty_record_id is not null) <> (listing_id is not null)');
  });
}
