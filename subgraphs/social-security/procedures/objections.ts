/** What an objection may change in social security's records (Art. 39). */
import type { ObjectableTable } from '@credit-hub/runtime';

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
  },
};
