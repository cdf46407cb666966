import type { Knex } from 'knex';
import { addRemovalMark } from '@credit-hub/runtime';

/**
 * Art. 39: objections to any of market regulation's records, not only penalties. The flags
 * name the record by type and id (as the other sectors' do) and keep what was done; the
 * abnormal-operations list gets the mark a REMOVED outcome sets.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('objection_flags', (t) => {
    t.text('subject_id');
    t.text('record_type');
    t.bigInteger('record_id');
    t.text('effect');
  });
  await knex.raw(`
    update objection_flags f
       set subject_id = p.subject_id, record_type = 'AdministrativePenalty', record_id = p.id,
           effect = case f.outcome when 'PENDING' then 'shown under objection' else 'outcome ' || f.outcome end
      from administrative_penalties p
     where p.decision_number = f.decision_number`);
  await knex.schema.alterTable('objection_flags', (t) => {
    t.dropColumn('decision_number');
    t.dropNullable('subject_id');
    t.dropNullable('record_type');
    t.dropNullable('record_id');
    t.dropNullable('effect');
    t.index(['record_type', 'record_id']);
  });
  await addRemovalMark(knex, ['abnormal_operations']);
}
