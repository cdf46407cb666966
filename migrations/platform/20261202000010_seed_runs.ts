import type { Knex } from 'knex';

/**
 * Demo data loads: a run is written before the first row is loaded and finished after the
 * last, so a start interrupted while seeding (Ctrl-C, a kill) is seen by the next start,
 * which empties the half-loaded register and seeds again instead of serving it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('seed_runs', (t) => {
    t.increments('id');
    t.integer('subjects').notNullable();
    t.integer('seed').notNullable();
    t.date('as_of').notNullable();
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true });
  });
}
