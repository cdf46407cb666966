import type { Knex } from 'knex';

/**
 * Art. 39: objections reach records of every sector. What the keeping subgraph did with an
 * objection (shown under objection, a field corrected, removed) is kept beside the answer,
 * so the subject reads it with the outcome.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('objections', (t) => {
    t.text('effect');
  });
}
