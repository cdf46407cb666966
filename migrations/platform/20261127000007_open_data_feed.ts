import type { Knex } from 'knex';

/**
 * The open-data change feed (Art. 44): every change to a public platform record is logged
 * by trigger with the id of its transaction. Readers page in (transaction, seq) order and
 * only below the oldest transaction still running, so a page never skips a change that
 * commits later, and never repeats one.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('record_changes', (t) => {
    t.bigIncrements('seq');
    t.specificType('txid', 'xid8').notNullable().defaultTo(knex.raw('pg_current_xact_id()'));
    t.text('record_type').notNullable();
    t.bigInteger('record_id').notNullable();
    t.text('subject_id').notNullable();
    // A tombstone: the record left public view (repaired or removed, Art. 40).
    t.boolean('tombstone').notNullable();
    t.timestamp('changed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create index record_changes_order on record_changes (txid, seq)');
  await knex.raw(`
    create function log_record_change() returns trigger language plpgsql as $$
    begin
      insert into record_changes (record_type, record_id, subject_id, tombstone)
      values (tg_argv[0], new.id, new.subject_id,
              coalesce(to_jsonb(new)->>'status', '') in ('REPAIRED', 'REMOVED'));
      return new;
    end $$`);
  for (const [table, type] of [
    ['dishonesty_records', 'DishonestyRecord'],
    ['serious_dishonesty_listings', 'SeriousDishonestyListing'],
    ['incentive_listings', 'IncentiveListing'],
  ] as const) {
    await knex.raw(`create trigger ${table}_changes after insert or update on ${table}
      for each row execute function log_record_change('${type}')`);
  }
  // Records already there enter the feed once, in one transaction.
  await knex.raw(`insert into record_changes (record_type, record_id, subject_id, tombstone)
    select 'DishonestyRecord', id, subject_id, status in ('REPAIRED', 'REMOVED') from dishonesty_records
    union all select 'SeriousDishonestyListing', id, subject_id, status = 'REMOVED' from serious_dishonesty_listings
    union all select 'IncentiveListing', id, subject_id, false from incentive_listings
    order by 1, 2`);
}
