import type { Knex } from 'knex';

/**
 * Audit database (design §6, Art. 38, 42): the append-only, hash-chained access log.
 * Each subgraph appends what it disclosed; the platform reads it for subjects.
 * Production grants: subgraphs log in as members of credit_audit_writer (INSERT and the
 * chain head only), the platform as a member of credit_audit_reader.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('access_log', (t) => {
    t.specificType('seq', 'bigint generated always as identity').primary();
    t.timestamp('at', { useTz: true }).notNullable();
    t.text('request_id').notNullable();
    t.text('subgraph').notNullable();
    t.text('caller_sub');
    t.text('caller_role').notNullable();
    t.text('caller_sector');
    t.text('purpose');
    t.text('subject_id').notNullable();
    t.specificType('fields_disclosed', 'text[]').notNullable();
    t.specificType('fields_denied', 'text[]').notNullable();
    t.specificType('prev_hash', 'char(64)').notNullable();
    t.specificType('hash', 'char(64)').notNullable().unique();
  });
  await knex.raw('create index access_log_subject on access_log (subject_id, seq desc)');

  // Art. 42: no tampering and no deletion. Even the owner cannot update, delete or truncate
  // without first disabling these triggers, and the verifier catches what that would allow.
  await knex.raw(`
    create function access_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'access_log is append-only (Art. 42): % refused', tg_op;
    end $$`);
  await knex.raw(`create trigger access_log_no_update before update or delete on access_log
    for each row execute function access_log_append_only()`);
  await knex.raw(`create trigger access_log_no_truncate before truncate on access_log
    for each statement execute function access_log_append_only()`);

  // Each subgraph extends its own chain, so five subgraphs write in parallel, not in turn.
  // The head of a chain, for writers that may not read the log itself:
  await knex.raw('create index access_log_chain on access_log (subgraph, seq desc)');
  await knex.raw(`
    create function access_log_head(chain text) returns char(64) language sql stable security definer as $$
      select coalesce((select hash from access_log where subgraph = chain order by seq desc limit 1), repeat('0', 64))::char(64)
    $$`);

  await knex.raw(`do $$ begin
    if not exists (select 1 from pg_roles where rolname = 'credit_audit_writer') then create role credit_audit_writer nologin; end if;
    if not exists (select 1 from pg_roles where rolname = 'credit_audit_reader') then create role credit_audit_reader nologin; end if;
  end $$`);
  await knex.raw('revoke all on access_log from public');
  await knex.raw('grant insert on access_log to credit_audit_writer');
  await knex.raw('grant execute on function access_log_head(text) to credit_audit_writer');
  await knex.raw('grant select on access_log to credit_audit_reader');
}
