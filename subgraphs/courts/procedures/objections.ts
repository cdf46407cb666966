/**
 * What an objection may change in the courts' records (Art. 39). A judgment is the court's
 * document: an objection corrects how it is recorded here (cause, amount), never the ruling.
 */
import type { ObjectableTable } from '@credit-hub/runtime';
import { basisRef } from '@credit-hub/schema';
import { listedDebtorsOnJudgment } from '../store/index.js';

/** Art. 33, 39: the platform's records on a court document fall with it, whichever kind cites it. */
const recordsOnDocument = async (trx: Parameters<NonNullable<ObjectableTable['restingOnIt']>>[0], id: string) => {
  const judgment = await trx('judgments').where('id', id).first('document_number');
  return judgment ? [basisRef('COURTS', judgment.document_number)] : [];
};

export const COURTS_OBJECTABLE: Record<string, ObjectableTable> = {
  Judgment: {
    table: 'judgments',
    concerns: async (trx, id, subjectId) => Boolean(await trx('judgment_parties').where({ judgment_id: id, subject_id: subjectId }).first('judgment_id')),
    correctable: { caseCause: { column: 'case_cause', kind: 'text' }, court: { column: 'court', kind: 'text' }, amount: { column: 'amount', kind: 'money' } },
    // A judgment removed (set aside, made in error) takes the court's list entries resting on it
    // off the list, with their consumption restrictions (Art. 33, 39).
    onRemove: async (trx, id, today) => {
      const entries = await listedDebtorsOnJudgment(trx, id);
      if (entries.length === 0) return null;
      await trx('dishonest_judgment_debtors').whereIn('id', entries.map((entry) => entry.id)).update({ removed_on: today, updated_at: trx.fn.now() });
      const lifted = await trx('consumption_restrictions')
        .whereIn('enforcement_case_id', entries.map((entry) => entry.enforcementCaseId))
        .whereNull('lifted_on')
        .update({ lifted_on: today, updated_at: trx.fn.now() });
      return `${entries.length} dishonest judgment debtor entr${entries.length === 1 ? 'y' : 'ies'} resting on it removed${lifted ? `, ${lifted} consumption restriction(s) lifted` : ''}`;
    },
    restingOnIt: recordsOnDocument,
  },
  EnforcementCase: {
    table: 'enforcement_cases',
    subjectColumn: 'subject_id',
    correctable: {
      amountDue: { column: 'amount_due', kind: 'money' },
      amountPerformed: { column: 'amount_performed', kind: 'money' },
      status: { column: 'status', kind: ['OPEN', 'CLOSED_PERFORMED', 'TERMINATED'] },
      closedOn: { column: 'closed_on', kind: 'date' },
    },
  },
  DishonestJudgmentDebtor: {
    table: 'dishonest_judgment_debtors',
    subjectColumn: 'subject_id',
    correctable: {
      obligation: { column: 'obligation', kind: 'text' },
      performance: { column: 'performance', kind: ['NOT_PERFORMED', 'PARTLY_PERFORMED'] },
      circumstances: { column: 'circumstances', kind: 'text' },
    },
    // An entry made in error comes off the list, and the restriction resting on it is lifted.
    onRemove: async (trx, id, today) => {
      const entry = await trx('dishonest_judgment_debtors').where('id', id).first('enforcement_case_id');
      const lifted = await trx('consumption_restrictions')
        .where('enforcement_case_id', entry.enforcement_case_id)
        .whereNull('lifted_on')
        .update({ lifted_on: today, updated_at: trx.fn.now() });
      await trx('dishonest_judgment_debtors').where('id', id).whereNull('removed_on').update({ removed_on: today });
      return lifted ? `${lifted} consumption restriction(s) lifted` : null;
    },
    // The platform's dishonesty record the entry fed (Art. 33) rests on it: made in error, it goes too.
    restingOnIt: async (trx, id) => {
      const entry = await trx('dishonest_judgment_debtors').where('id', id).first('platform_record_id');
      return entry?.platform_record_id ? [`platform:dishonesty:${entry.platform_record_id}`] : [];
    },
  },
  ConsumptionRestriction: {
    table: 'consumption_restrictions',
    subjectColumn: 'subject_id',
    correctable: { measures: { column: 'measures', kind: 'text' }, liftedOn: { column: 'lifted_on', kind: 'date' } },
  },
};
