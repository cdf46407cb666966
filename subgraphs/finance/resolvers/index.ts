/** Finance resolvers: thin; the SQL is in ../store, batching in ../loaders. */
import type { SubgraphContext } from '@credit-hub/runtime';
import type { FinanceLoaders } from '../loaders/index.js';
import type { ContractRow } from '../store/index.js';

type Context = SubgraphContext<FinanceLoaders>;
type SubjectRef = { id: string };

export const financeResolvers = {
  Query: {
    governmentContract: (_: unknown, args: { contractNumber: string }, context: Context) =>
      context.loaders.contractByNumber.load(args.contractNumber.trim()),
  },
  Subject: {
    __resolveReference: (reference: SubjectRef) => ({ id: reference.id }),
    procurementRecords: (subject: SubjectRef, _: unknown, context: Context) => context.loaders.procurement.load(subject.id),
    subsidies: (subject: SubjectRef, _: unknown, context: Context) => context.loaders.subsidies.load(subject.id),
    governmentContracts: (subject: SubjectRef, _: unknown, context: Context) => context.loaders.contracts.load(subject.id),
    financialCredit: (subject: SubjectRef, _: unknown, context: Context) => context.loaders.financialCredit.load(subject.id),
  },
  ProcurementRecord: {
    purchaser: (record: { purchaserId: string }) => ({ id: record.purchaserId }),
  },
  GovernmentContract: {
    agency: (contract: ContractRow) => ({ id: contract.agencyId }),
    enterprise: (contract: ContractRow) => ({ id: contract.enterpriseId }),
  },
};
