/** Finance resolvers: thin; the SQL is in ../store, batching in ../loaders. */
import { errors, regionName } from '@credit-hub/schema';
import { basisBinding, receiveRepair, recordFields, settleObjection, type ObjectionNotice, type RepairNotice, type SubgraphContext } from '@credit-hub/runtime';
import { FINANCE_OBJECTABLE } from '../procedures/objections.js';
import * as store from '../store/index.js';
import type { FinanceLoaders } from '../loaders/index.js';
import type { ContractRow } from '../store/index.js';
import type { Knex } from 'knex';

/** Art. 40: finance applies no measure of its own outside the platform's catalogue. */
async function financeRepairEffect(_trx: Knex.Transaction, notice: RepairNotice): Promise<string> {
  return `repair of ${notice.basisDocumentNumber} received; procurement restrictions are stopped on the platform`;
}

type Context = SubgraphContext<FinanceLoaders>;
type SubjectRef = { id: string };

export const financeResolvers = {
  Mutation: {
    acknowledgeRepair: (_: unknown, args: { input: RepairNotice }, context: Context) =>
      receiveRepair(context, 'finance', args.input, financeRepairEffect),
    settleObjection: (_: unknown, args: { input: ObjectionNotice }, context: Context) => settleObjection(context, 'finance', args.input, FINANCE_OBJECTABLE),
  },
  Query: {
    governmentContract: (_: unknown, args: { contractNumber: string }, context: Context) =>
      context.loaders.contractByNumber.load(args.contractNumber.trim()),
    governmentIntegrity: (_: unknown, args: { region?: string | null; first: number }, context: Context) => {
      if (args.region && !regionName(args.region)) {
        throw errors.badUserInput(`region must be one of the 12 league/city codes (e.g. 150200), got ${args.region}.`, { argument: 'region' });
      }
      if (!Number.isInteger(args.first) || args.first < 1 || args.first > 200) {
        throw errors.badUserInput(`first must be between 1 and 200, got ${args.first}.`, { argument: 'first' });
      }
      return store.governmentIntegrity(context.db, args.region ?? null, args.first);
    },
  },
  AgencyIntegrity: {
    id: (row: { agencyId: string }) => row.agencyId,
    agency: (row: { agencyId: string }) => ({ id: row.agencyId }),
  },
  Subject: {
    __resolveReference: (reference: SubjectRef) => ({ id: reference.id }),
    procurementRecords: (subject: SubjectRef, _: unknown, context: Context) => context.loaders.procurement.load(subject.id),
    subsidies: (subject: SubjectRef, _: unknown, context: Context) => context.loaders.subsidies.load(subject.id),
    governmentContracts: (subject: SubjectRef, _: unknown, context: Context) => context.loaders.contracts.load(subject.id),
    financialCredit: (subject: SubjectRef, _: unknown, context: Context) => context.loaders.financialCredit.load(subject.id),
  },
  ProcurementRecord: {
    ...recordFields('ProcurementRecord'),
    purchaser: (record: { purchaserId: string }) => ({ id: record.purchaserId }),
  },
  GovernmentContract: {
    ...recordFields('GovernmentContract'),
    agency: (contract: ContractRow) => ({ id: contract.agencyId }),
    enterprise: (contract: ContractRow) => ({ id: contract.enterpriseId }),
    // Art. 12, 33: a contract grounds a government dishonesty record of the body that owes, while a payment is overdue past its term.
    bindingOf: (contract: ContractRow & { signedOn: string; dueOn: string; overdueAmount: string | number; removedAt: Date | null }, args: { subjectId: string }, context: Context) =>
      basisBinding({
        subjectId: args.subjectId,
        role: contract.agencyId === args.subjectId ? 'DEBTOR' : contract.enterpriseId === args.subjectId ? 'CREDITOR' : null,
        binds: contract.agencyId === args.subjectId,
        effectiveOn: contract.signedOn,
        today: context.today,
        removed: contract.removedAt != null,
        otherwise: Number(contract.overdueAmount) > 0 && contract.dueOn < context.today ? null : 'NOTHING_OVERDUE',
      }),
  },
  FinancialCredit: recordFields('FinancialCredit'),
  Subsidy: {
    ...recordFields('Subsidy'),
  },
};
