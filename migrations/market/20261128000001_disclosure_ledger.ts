import type { Knex } from 'knex';

/**
 * The subgraph's own count of the requests it answered with subject data (design §6): one
 * row per request with the number of access-log rows it appended. Kept here, beside the
 * records and apart from the audit database, so `npm run audit:verify` can prove the log
 * complete (every request that disclosed has its rows), not only intact.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('disclosure_ledger', (t) => {
    t.text('request_id').primary();
    t.timestamp('at', { useTz: true }).notNullable();
    t.integer('log_rows').notNullable();
  });
  await knex.raw('create index disclosure_ledger_at on disclosure_ledger (at)');
}
