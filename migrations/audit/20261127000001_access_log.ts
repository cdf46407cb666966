import type { Knex } from 'knex';

/**
 * Audit database (design §6, Art. 38, 42): the append-only, hash-chained access log.
 * Each subgraph appends what it disclosed, one row per request and group of subjects
 * shown the same fields for the same purpose; the platform reads it for subjects.
 * Production grants: subgraphs log in as members of credit_audit_writer (they may call
 * access_log_append and nothing else), the platform as a member of credit_audit_reader.
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
    // The subjects whose data this row's fields are: a 1,000-subject batch check that
    // disclosed the same fields of each is one row, not a thousand.
    t.specificType('subject_ids', 'text[]').notNullable();
    t.specificType('fields_disclosed', 'text[]').notNullable();
    t.specificType('fields_denied', 'text[]').notNullable();
    // The canonical text the hash covers (schema: runtime/src/audit.ts, canonicalEntry).
    t.text('payload').notNullable();
    t.specificType('prev_hash', 'char(64)').notNullable();
    t.specificType('hash', 'char(64)').notNullable().unique();
  });
  await knex.raw('create index access_log_subjects on access_log using gin (subject_ids)');

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
  await knex.raw('create index access_log_chain on access_log (subgraph, seq desc)');

  // Appending is one call: lock the chain, read its head, link and insert the rows. Each
  // statement inside takes a fresh snapshot after the lock, so it sees the last writer's
  // commit. Writers may call this and nothing else (security definer).
  await knex.raw(`
    create function access_log_append(chain text, entries jsonb) returns void
    language plpgsql security definer set search_path = public as $$
    declare
      head char(64);
      entry jsonb;
      link char(64);
    begin
      perform pg_advisory_xact_lock(hashtext('access_log:' || chain));
      select coalesce((select hash from access_log where subgraph = chain order by seq desc limit 1), repeat('0', 64)) into head;
      for entry in select value from jsonb_array_elements(entries) loop
        if entry->>'subgraph' <> chain then raise exception 'entry of % in chain %', entry->>'subgraph', chain; end if;
        link := encode(sha256(convert_to(head || E'\\n' || (entry->>'payload'), 'UTF8')), 'hex');
        insert into access_log (at, request_id, subgraph, caller_sub, caller_role, caller_sector, purpose,
                                subject_ids, fields_disclosed, fields_denied, payload, prev_hash, hash)
        values ((entry->>'at')::timestamptz, entry->>'requestId', chain, entry->>'callerSub', entry->>'callerRole',
                entry->>'callerSector', entry->>'purpose',
                array(select jsonb_array_elements_text(entry->'subjectIds')),
                array(select jsonb_array_elements_text(entry->'fieldsDisclosed')),
                array(select jsonb_array_elements_text(entry->'fieldsDenied')),
                entry->>'payload', head, link);
        head := link;
      end loop;
    end $$`);

  // Roles are cluster-wide: several audit databases on one server (tests) may create them at once.
  for (const role of ['credit_audit_writer', 'credit_audit_reader']) {
    await knex.raw(`do $$ begin
      create role ${role} nologin;
    exception when duplicate_object or unique_violation then null;
    end $$`);
  }
  await knex.raw('revoke all on access_log from public');
  await knex.raw('revoke all on function access_log_append(text, jsonb) from public');
  await knex.raw('grant execute on function access_log_append(text, jsonb) to credit_audit_writer');
  await knex.raw('grant select on access_log to credit_audit_reader');
}
