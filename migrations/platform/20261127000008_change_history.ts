import type { Knex } from 'knex';

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
    begin
      if tg_op = 'UPDATE' then
        select coalesce(array_agg(key order by key), '{}') into changed
          from jsonb_each(to_jsonb(new)) as n(key, value)
         where key not in ('updated_at') and n.value is distinct from to_jsonb(old)->key;
        if cardinality(changed) = 0 then return new; end if;
      end if;
      insert into record_changes (record_type, record_id, subject_id, tombstone, changed_fields, reason)
      values (tg_argv[0], new.id, new.subject_id,
              coalesce(to_jsonb(new)->>'status', '') in ('REPAIRED', 'REMOVED'),
              changed,
              coalesce(nullif(current_setting('credit_hub.change_reason', true), ''),
                       case when tg_op = 'INSERT' then 'recorded' else 'updated' end));
      return new;
    end $$`);
}
