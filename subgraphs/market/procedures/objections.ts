/** What an objection may change in market regulation's records (Art. 39). */
import type { ObjectableTable } from '@credit-hub/runtime';

export const MARKET_OBJECTABLE: Record<string, ObjectableTable> = {
  AdministrativePenalty: {
    table: 'administrative_penalties',
    subjectColumn: 'subject_id',
    correctable: {
      violation: { column: 'violation', kind: 'text' },
      basis: { column: 'basis', kind: 'text' },
      amount: { column: 'amount', kind: 'money' },
    },
  },
  AbnormalOperation: {
    table: 'abnormal_operations',
    subjectColumn: 'subject_id',
    correctable: { reason: { column: 'reason', kind: 'text' } },
  },
};
