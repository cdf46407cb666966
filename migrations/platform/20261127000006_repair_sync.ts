import type { Knex } from 'knex';

/**
 * Credit repair (Art. 40): what the application states, and its synchronisation to every
 * subgraph: one dispatch per subgraph, retried until the subgraph acknowledges with a receipt.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('repairs', (t) => {
    t.text('fulfilment_statement');
    t.bigInteger('commitment_id').references('commitments.id');
  });
  await knex.schema.createTable('repair_dispatches', (t) => {
    t.bigInteger('repair_id').notNullable().references('repairs.id');
    t.text('subgraph').notNullable();
    t.text('status').notNullable().defaultTo('PENDING').checkIn(['PENDING', 'ACKNOWLEDGED']);
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    t.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('acknowledged_at', { useTz: true });
    t.text('effect'); // what the subgraph did, from its receipt
    t.primary(['repair_id', 'subgraph']);
  });
  await knex.raw(`create index repair_dispatches_due on repair_dispatches (next_attempt_at) where status = 'PENDING'`);
}
