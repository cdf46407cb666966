/** Market resolvers: thin; the SQL is in ../store, batching in ../loaders. */
import { bindingOfParty, receiveRepair, recordFields, settleObjection, type ObjectionNotice, type RepairNotice, type SubgraphContext } from '@credit-hub/runtime';
import type { MarketLoaders } from '../loaders/index.js';
import type { PenaltyRow, RegistrationRow } from '../store/index.js';
import { enterAbnormalOperations, exitAbnormalOperations } from '../procedures/abnormal.js';
import { MARKET_OBJECTABLE } from '../procedures/objections.js';
import type { Knex } from 'knex';

/** Art. 40: a repaired penalty leaves public view and sharing here too. */
async function marketRepairEffect(trx: Knex.Transaction, notice: RepairNotice): Promise<string> {
  const changed = await trx('administrative_penalties')
    .where({ decision_number: notice.basisDocumentNumber, subject_id: notice.subjectId })
    .whereNull('repaired_at')
    .update({ repaired_at: trx.fn.now(), updated_at: trx.fn.now() });
  return changed ? `administrative penalty ${notice.basisDocumentNumber} marked repaired: no longer disclosed or shared` : 'no penalty of market regulation to change';
}

type Context = SubgraphContext<MarketLoaders>;
type SubjectRef = { id: string };

/** Key persons are returned as references; the gateway resolves them in the platform (Art. 37). */
const personRef = (id: string | null) => (id ? { id } : null);

export const marketResolvers = {
  Mutation: {
    settleObjection: (_: unknown, args: { input: ObjectionNotice }, context: Context) => settleObjection(context, 'market', args.input, MARKET_OBJECTABLE),
    acknowledgeRepair: (_: unknown, args: { input: RepairNotice }, context: Context) =>
      receiveRepair(context, 'market', args.input, marketRepairEffect),
    enterAbnormalOperations: (_: unknown, args: { subjectId: string; reason: string }, context: Context) =>
      enterAbnormalOperations(context, args.subjectId, args.reason),
    exitAbnormalOperations: (_: unknown, args: { id: string; reason: string }, context: Context) =>
      exitAbnormalOperations(context, args.id, args.reason),
  },
  Query: {
    administrativePenalty: (_: unknown, args: { decisionNumber: string }, context: Context) =>
      context.loaders.penaltyByNumber.load(args.decisionNumber.trim()),
  },
  Subject: {
    __resolveReference: (reference: SubjectRef) => ({ id: reference.id }),
    registration: (subject: SubjectRef, _: unknown, context: Context) => context.loaders.registration.load(subject.id),
    administrativePenalties: (subject: SubjectRef, _: unknown, context: Context) => context.loaders.penalties.load(subject.id),
    abnormalOperations: (subject: SubjectRef, _: unknown, context: Context) =>
      context.loaders.abnormalOperations.load(subject.id),
  },
  Registration: {
    ...recordFields('Registration'),
    legalRepresentative: (registration: RegistrationRow) => personRef(registration.legalRepresentativeId),
    principal: (registration: RegistrationRow) => personRef(registration.principalId),
    actualController: (registration: RegistrationRow) => personRef(registration.actualControllerId),
  },
  AdministrativePenalty: {
    ...recordFields('AdministrativePenalty'),
    subject: (penalty: PenaltyRow) => ({ id: penalty.subjectId }),
    repaired: (penalty: PenaltyRow) => penalty.repairedAt !== null,
    // Art. 33 (关联): a penalty decision binds the party it punishes, while it stands.
    bindingOf: (penalty: PenaltyRow & { decidedOn: string; removedAt: Date | null }, args: { subjectId: string }, context: Context) =>
      bindingOfParty({ partyId: penalty.subjectId, role: 'PUNISHED_PARTY', effectiveOn: penalty.decidedOn, removedAt: penalty.removedAt, repairedAt: penalty.repairedAt }, args.subjectId, context.today),
  },
  AbnormalOperation: {
    ...recordFields('AbnormalOperation'),
  },
};
