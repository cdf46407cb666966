/** What an objection may change in the finance bureau's records (Art. 39). */
import type { ObjectableTable } from '@credit-hub/runtime';
import { basisRef } from '@credit-hub/schema';

export const FINANCE_OBJECTABLE: Record<string, ObjectableTable> = {
  // As shared here under the Art. 26 agreement; the credit reference system corrects its own copy.
  FinancialCredit: {
    table: 'financial_credit_summaries',
    subjectColumn: 'subject_id',
    correctable: {
      overdueCount: { column: 'overdue_count', kind: 'count' },
      worstClassification: { column: 'worst_classification', kind: ['NORMAL', 'SPECIAL_MENTION', 'SUBSTANDARD', 'DOUBTFUL', 'LOSS'] },
      outstandingBalance: { column: 'outstanding_balance', kind: 'money' },
    },
  },
  ProcurementRecord: {
    table: 'procurement_records',
    subjectColumn: 'subject_id',
    correctable: {
      badConduct: { column: 'bad_conduct', kind: 'optionalText' },
      barredUntil: { column: 'barred_until', kind: 'date' },
      amount: { column: 'amount', kind: 'money' },
    },
  },
  Subsidy: {
    table: 'subsidies',
    subjectColumn: 'subject_id',
    correctable: { programme: { column: 'programme', kind: 'text' }, amount: { column: 'amount', kind: 'money' } },
  },
  // Either party may object to how a contract is recorded: the enterprise, or the body that owes (Art. 12-14).
  GovernmentContract: {
    table: 'government_contracts',
    concerns: async (trx, id, subjectId) =>
      Boolean(await trx('government_contracts').where('id', id).andWhere((q) => q.where('enterprise_id', subjectId).orWhere('agency_id', subjectId)).first('id')),
    correctable: {
      paidAmount: { column: 'paid_amount', kind: 'money' },
      dueOn: { column: 'due_on', kind: 'date' },
      status: { column: 'status', kind: ['PERFORMING', 'COMPLETED', 'OVERDUE'] },
    },
    // Art. 12, 33, 39: the government dishonesty record of a contract removed falls with it.
    restingOnIt: async (trx, id) => {
      const contract = await trx('government_contracts').where('id', id).first('contract_number');
      return contract ? [basisRef('FINANCE', contract.contract_number)] : [];
    },
  },
};
