import type { Knex } from 'knex';
import { CHANGE_REASON_SQL, CHANGED_FIELDS_SQL } from '@credit-hub/runtime';

/**
 * Art. 38: a subject may know the reasons for changes to its credit information. Each
 * logged change now says which fields changed and why: procedures state the reason in the
 * transaction (`credit_hub.change_reason`), the trigger records it with the change.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('record_changes', (t) => {
    t.specificType('changed_fields', 'text[]').notNullable().defaultTo('{}');
    t.text('reason');
  });
  await knex.raw('create index record_changes_record on record_changes (record_type, record_id, seq)');
  await knex.raw(`
    create or replace function log_record_change() returns trigger language plpgsql as $$
    declare
      changed text[] := '{}';
    begin${CHANGED_FIELDS_SQL}
      insert into record_changes (record_type, record_id, subject_id, tombstone, changed_fields, reason)
      values (tg_argv[0], new.id, new.subject_id,
              coalesce(to_jsonb(new)->>'status', '') in ('REPAIRED', 'REMOVED'),
              changed, ${CHANGE_REASON_SQL});
      return new;
    end $$`);
}
