import type { Knex } from 'knex';

/** Art. 30-31: the published criteria for trustworthiness incentives, and the measures sectors apply. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('incentive_criteria', (t) => {
    t.text('code').primary();
    t.text('name').notNullable();
    t.text('description').notNullable();
    t.text('legal_basis').notNullable();
    t.date('published_on').notNullable();
    t.date('withdrawn_on');
  });
  await knex('incentive_criteria').insert([
    { code: 'A_GRADE_TAXPAYER', name: '纳税信用A级纳税人', description: '连续三年被评为纳税信用A级', legal_basis: '《条例》第三十条、第三十一条', published_on: '2024-09-01' },
    { code: 'CONTRACT_KEEPING', name: '守合同重信用企业', description: '连续两年获评自治区守合同重信用企业', legal_basis: '《条例》第三十条', published_on: '2024-09-01' },
    { code: 'NO_DISHONESTY_5Y', name: '五年无失信记录', description: '近五年无失信记录且无严重失信主体名单记录', legal_basis: '《条例》第三十条', published_on: '2024-09-01' },
  ]);
  await upIncentiveMeasures(knex);
}

/** Art. 31: measures organs may apply to listed trustworthy subjects, within their powers. */
async function upIncentiveMeasures(knex: Knex): Promise<void> {
  await knex.schema.createTable('incentive_measures', (t) => {
    t.text('code').primary();
    t.text('name').notNullable();
    t.text('legal_basis').notNullable();
    t.text('sector').notNullable();
  });
  await knex('incentive_measures').insert([
    { code: 'FAST_TRACK_LICENSING', name: '行政审批“绿色通道”、容缺受理', legal_basis: '《条例》第三十一条', sector: 'MARKET' },
    { code: 'REDUCED_INSPECTIONS', name: '降低“双随机”抽查比例和频次', legal_basis: '《条例》第十六条、第三十一条', sector: 'MARKET' },
    { code: 'PROCUREMENT_BONUS', name: '政府采购评审中信用加分', legal_basis: '《条例》第三十一条', sector: 'FINANCE' },
    { code: 'DEPOSIT_WAIVER', name: '减免投标保证金、履约保证金', legal_basis: '《条例》第三十一条', sector: 'FINANCE' },
    { code: 'SOCIAL_INSURANCE_FAST_SERVICE', name: '社会保险业务优先办理', legal_basis: '《条例》第三十一条', sector: 'SOCIAL_SECURITY' },
  ]);
  await knex.schema.createTable('applied_incentives', (t) => {
    t.bigIncrements('id');
    t.text('subject_id').notNullable().references('subjects.id').index();
    t.text('measure_code').notNullable().references('incentive_measures.code');
    t.bigInteger('incentive_listing_id').notNullable().references('incentive_listings.id');
    t.text('applied_by_sector').notNullable();
    t.text('applied_by').notNullable();
    t.timestamp('applied_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}
