import type { Knex } from 'knex';

/**
 * The caller's own request id, kept beside the hub's (design §4): `request_id` is the id the
 * subgraph generated (the audit key); `client_request_id` is the reference it was called
 * with (the gateway's id, or a direct caller's bounded X-Request-Id). The payload each hash
 * covers includes it when present (runtime/src/audit.ts, canonicalEntry), so rows written
 * before this migration keep their text and still verify.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('access_log', (t) => {
    t.text('client_request_id');
  });
  await knex.raw(`alter table access_log add constraint access_log_client_request_id_bounded
    check (client_request_id ~ '^[A-Za-z0-9._:-]{1,128}$')`);
  await knex.raw('create index access_log_request on access_log (subgraph, request_id)');

  // Same signature, so the writers' grant stays; the reference is stored beside the key.
  await knex.raw(`
    create or replace function access_log_append(chain text, entries jsonb) returns void
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
        insert into access_log (at, request_id, client_request_id, subgraph, caller_sub, caller_role, caller_sector, purpose,
                                subject_ids, fields_disclosed, fields_denied, payload, prev_hash, hash)
        values ((entry->>'at')::timestamptz, entry->>'requestId', entry->>'clientRequestId', chain, entry->>'callerSub',
                entry->>'callerRole', entry->>'callerSector', entry->>'purpose',
                array(select jsonb_array_elements_text(entry->'subjectIds')),
                array(select jsonb_array_elements_text(entry->'fieldsDisclosed')),
                array(select jsonb_array_elements_text(entry->'fieldsDenied')),
                entry->>'payload', head, link);
        head := link;
      end loop;
    end $$`);
}

