import type { Knex } from 'knex';

/**
 * Art. 33 (三): documents of the third kind ("other documents the law names") are
 * registered with the platform, with their issuer, date, the subjects they concern and the
 * law that makes them a basis, and verified by an operator (never the one who registered
 * it) before they ground a record; revoked, they ground nothing more. The number is kept as
 * issued and, for uniqueness, as a key without the spellings that make one number look
 * like two (full-width brackets, spaces).
 *
 * One act, one record (Art. 33): one document grounds at most one standing dishonesty
 * record of one subject, whichever mutation records it. Where earlier releases let a
 * second one in, the later ones leave view (REMOVED, with the reason logged) and their
 * measures stop, so the constraint can hold.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('legal_documents', (t) => {
    t.bigIncrements('id');
    t.text('document_number').notNullable();
    t.text('number_key').notNullable().unique();
    t.text('title').notNullable();
    t.text('issuer').notNullable();
    t.date('issued_on').notNullable();
    t.text('legal_basis').notNullable();
    t.text('registering_sector').notNullable();
    t.text('registered_by').notNullable();
    t.timestamp('registered_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('status').notNullable().defaultTo('REGISTERED').checkIn(['REGISTERED', 'VERIFIED', 'REVOKED']);
    t.text('verified_by');
    t.timestamp('verified_at', { useTz: true });
    t.text('verification_note');
    t.text('revoked_by');
    t.timestamp('revoked_at', { useTz: true });
    t.text('revocation_reason');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // 审慎: a second person verifies what the first registered.
    t.check('verified_by is null or verified_by <> registered_by');
    t.check(`status <> 'VERIFIED' or verified_at is not null`);
    t.check(`status <> 'REVOKED' or revoked_at is not null`);
  });

  // The subjects a document concerns: the only ones a record on it may be made against (关联).
  await knex.schema.createTable('legal_document_subjects', (t) => {
    t.bigInteger('document_id').notNullable().references('legal_documents.id');
    t.text('subject_id').notNullable().references('subjects.id').index();
    t.primary(['document_id', 'subject_id']);
  });

  await knex.raw(`select set_config('credit_hub.change_reason', ?, true)`, [
    'one act, one record (Art. 33): a later record of the same subject on the same basis document',
  ]);
  await knex.raw(`
    with later as (
      select id from (
        select id, row_number() over (partition by subject_id, basis_document_number order by id) as n
          from dishonesty_records where status <> 'REMOVED'
      ) ranked where n > 1
    ), stopped as (
      update applied_measures set stopped_at = now(), stop_reason = 'record removed: one act, one record (Art. 33)'
       where stopped_at is null and dishonesty_record_id in (select id from later)
    )
    update dishonesty_records set status = 'REMOVED', removed_at = now(), updated_at = now()
     where id in (select id from later)`);
  await knex.raw(`create unique index dishonesty_records_one_act on dishonesty_records (subject_id, basis_document_number) where status <> 'REMOVED'`);
}
