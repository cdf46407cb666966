/**
 * The change log of a sector database (Art. 38: a subject may know the reasons for changes
 * to its credit information). A trigger records each insert and each update of a record
 * table: which fields changed, and why, as the procedure stated it in its transaction.
 */
import type { Knex } from 'knex';
import { listLoader } from './loaders.js';

export interface LoggedTable {
  table: string;
  /** GraphQL type name of its records. */
  type: string;
}

/**
 * The SQL every change-log trigger shares: in a plpgsql trigger with a `changed text[]`
 * variable, sets it to the fields an UPDATE changed (none: no entry), and the reason the
 * procedure stated in its transaction, else "recorded" / "updated". Migrations embed it: to
 * change it, a new migration replaces the functions, never an edit here (forward-only).
 */
export const CHANGED_FIELDS_SQL = `
      if tg_op = 'UPDATE' then
        select coalesce(array_agg(key order by key), '{}') into changed
          from jsonb_each(to_jsonb(new)) as n(key, value)
         where key not in ('updated_at') and n.value is distinct from to_jsonb(old)->key;
        if cardinality(changed) = 0 then return new; end if;
      end if;`;

export const CHANGE_REASON_SQL = `coalesce(nullif(current_setting('credit_hub.change_reason', true), ''),
                       case when tg_op = 'INSERT' then 'recorded' else 'updated' end)`;

/** For a migration: the log table, the trigger function and one trigger per record table. */
export async function createChangeLog(knex: Knex, tables: readonly LoggedTable[]): Promise<void> {
  await knex.schema.createTable('record_changes', (t) => {
    t.bigIncrements('seq');
    t.text('record_type').notNullable();
    t.bigInteger('record_id').notNullable();
    t.specificType('changed_fields', 'text[]').notNullable();
    t.text('reason').notNullable();
    t.timestamp('changed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create index record_changes_record on record_changes (record_type, record_id, seq)');
  await knex.raw(`
    create function log_record_change() returns trigger language plpgsql as $$
    declare
      changed text[] := '{}';
    begin${CHANGED_FIELDS_SQL}
      insert into record_changes (record_type, record_id, changed_fields, reason)
      values (tg_argv[0], new.id, changed, ${CHANGE_REASON_SQL});
      return new;
    end $$`);
  for (const { table, type } of tables) {
    await knex.raw(`create trigger ${table}_changes after insert or update on ${table} for each row execute function log_record_change('${type}')`);
  }
}

/** States why the records this transaction changes are changed; the change log keeps it. */
export async function explainChange(trx: Knex.Transaction, reason: string): Promise<void> {
  await trx.raw(`select set_config('credit_hub.change_reason', ?, true)`, [reason]);
}

/** Changed columns as the graph names the fields (case_cause → caseCause), for the subject reading them. */
export function fieldNamesOf<R extends { fields: string[] }>(rows: R[]): R[] {
  for (const row of rows) row.fields = row.fields.map((column) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()));
  return rows;
}

/**
 * History of records by "<Type>:<id>", oldest first. Rows name no subject: they are judged
 * as part of the record they belong to.
 */
export function historyLoader(db: Knex) {
  return listLoader(
    (keys: readonly string[]) =>
      db('record_changes')
        .select(db.raw(`record_type || ':' || record_id as key`), 'changed_at as at', 'changed_fields as fields', 'reason', db.raw('false as tombstone'))
        .whereRaw(`record_type || ':' || record_id = any(?::text[])`, [[...keys]])
        .orderBy('seq')
        .then(fieldNamesOf<{ key: string; fields: string[] }>),
    (row) => row.key,
  );
}
