/** What an objection may change in market regulation's records (Art. 39). */
import type { ObjectableTable } from '@credit-hub/runtime';
import { basisRef } from '@credit-hub/schema';

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
    // Art. 33, 39: every platform record resting on a penalty decision removed falls with it.
    restingOnIt: async (trx, id) => {
      const penalty = await trx('administrative_penalties').where('id', id).first('decision_number');
      return penalty ? [basisRef('MARKET', penalty.decision_number)] : [];
    },
  },
  AbnormalOperation: {
    table: 'abnormal_operations',
    subjectColumn: 'subject_id',
    correctable: { reason: { column: 'reason', kind: 'text' } },
  },
};
