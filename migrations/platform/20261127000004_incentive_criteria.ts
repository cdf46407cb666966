import type { Knex } from 'knex';

/** Art. 30-31: the published criteria for trustworthiness incentives. */
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
}
