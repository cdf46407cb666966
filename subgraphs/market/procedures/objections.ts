/** What an objection may change in market regulation's records (Art. 39). */
import type { ObjectableTable } from '@credit-hub/runtime';

export const MARKET_OBJECTABLE: Record<string, ObjectableTable> = {
  // How the register's data is recorded here; the registration itself changes by its own procedure.
  Registration: {
    table: 'registrations',
    subjectColumn: 'subject_id',
    correctable: {
      status: { column: 'status', kind: ['ACTIVE', 'REVOKED', 'CANCELLED'] },
      registeredCapital: { column: 'registered_capital', kind: 'money' },
      address: { column: 'address', kind: 'text' },
      businessScope: { column: 'business_scope', kind: 'text' },
    },
  },
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
