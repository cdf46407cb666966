/** What an objection may change in social security's records (Art. 39). */
import type { ObjectableTable } from '@credit-hub/runtime';
import { basisRef } from '@credit-hub/schema';

export const SOCIAL_SECURITY_OBJECTABLE: Record<string, ObjectableTable> = {
  SocialInsurance: {
    table: 'insurance_registrations',
    subjectColumn: 'subject_id',
    correctable: {
      status: { column: 'status', kind: ['NORMAL', 'IN_ARREARS', 'SUSPENDED'] },
      lastPaidPeriod: { column: 'last_paid_period', kind: 'period' },
      insuredHeadcount: { column: 'insured_headcount', kind: 'count' },
    },
  },
  InsuranceArrear: {
    table: 'insurance_arrears',
    subjectColumn: 'subject_id',
    correctable: {
      amount: { column: 'amount', kind: 'money' },
      periodFrom: { column: 'period_from', kind: 'period' },
      periodTo: { column: 'period_to', kind: 'period' },
      status: { column: 'status', kind: ['OUTSTANDING', 'SETTLED'] },
    },
  },
  WageArrearsCase: {
    table: 'wage_arrears_cases',
    subjectColumn: 'subject_id',
    correctable: {
      workersAffected: { column: 'workers_affected', kind: 'count' },
      amount: { column: 'amount', kind: 'money' },
      status: { column: 'status', kind: ['OPEN', 'SETTLED'] },
      settledOn: { column: 'settled_on', kind: 'date' },
    },
    // Art. 33, 39: every platform record resting on a determination removed falls with it.
    restingOnIt: async (trx, id) => {
      const wageCase = await trx('wage_arrears_cases').where('id', id).first('case_number');
      return wageCase ? [basisRef('SOCIAL_SECURITY', wageCase.case_number)] : [];
    },
  },
};
