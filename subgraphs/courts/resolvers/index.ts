/** Courts resolvers: thin; the SQL is in ../store, batching in ../loaders. */
import { basisBinding, receiveRepair, recordFields, settleObjection, type ObjectionNotice, type RepairNotice, type SubgraphContext } from '@credit-hub/runtime';
import type { CourtsLoaders } from '../loaders/index.js';
import { standingInJudgment, type PartyRow } from '../store/index.js';
import { listDishonestDebtor, removeDishonestDebtor, type ListDebtorInput } from '../procedures/debtors.js';
import { COURTS_OBJECTABLE } from '../procedures/objections.js';
import type { Knex } from 'knex';

/** Art. 40: judgments stay public court documents; what stops are the platform's measures. */
async function courtsRepairEffect(trx: Knex.Transaction, notice: RepairNotice): Promise<string> {
  const judgment = await trx('judgments').where('document_number', notice.basisDocumentNumber).first('id');
  return judgment
    ? `judgment ${notice.basisDocumentNumber} stays a public court document; punishment based on it stopped on the platform`
    : 'no record of the courts rests on this document';
}

type Context = SubgraphContext<CourtsLoaders>;
type SubjectRef = { id: string };

/**
 * Art. 33 (关联): a judgment or award binds the party it orders to perform. In the courts'
 * records that is the defendant or respondent (the losing party: every enforcement case of
 * the register is against one), or whoever an enforcement case on the document names as
 * its debtor. The plaintiff or applicant who won it is not bound by it.
 */
const BINDING_ROLES = new Set(['DEFENDANT', 'RESPONDENT']);

async function judgmentBinding(judgment: { id: string; effectiveOn: string; removedAt: Date | null }, subjectId: string, context: Context) {
  const { roles, enforcementDebtor } = await standingInJudgment(context.db, String(judgment.id), subjectId);
  const bound = roles.find((role) => BINDING_ROLES.has(role));
  return basisBinding({
    subjectId,
    role: bound ?? (enforcementDebtor ? 'ENFORCEMENT_DEBTOR' : (roles[0] ?? null)),
    binds: bound !== undefined || enforcementDebtor,
    effectiveOn: judgment.effectiveOn,
    today: context.today,
    removed: judgment.removedAt != null,
  });
}

export const createCourtsResolvers = (config: { platformUrl: () => string | undefined }) => ({
  Mutation: {
    acknowledgeRepair: (_: unknown, args: { input: RepairNotice }, context: Context) =>
      receiveRepair(context, 'courts', args.input, courtsRepairEffect),
    settleObjection: (_: unknown, args: { input: ObjectionNotice }, context: Context) => settleObjection(context, 'courts', args.input, COURTS_OBJECTABLE),
    listDishonestJudgmentDebtor: (_: unknown, args: { input: ListDebtorInput }, context: Context) =>
      listDishonestDebtor(context, args.input, config.platformUrl()),
    removeDishonestJudgmentDebtor: (_: unknown, args: { id: string; reason: string }, context: Context) =>
      removeDishonestDebtor(context, args.id, args.reason),
  },
  Query: {
    judgment: (_: unknown, args: { documentNumber: string }, context: Context) =>
      context.loaders.judgmentByNumber.load(args.documentNumber.trim()),
  },
  Subject: {
    // The platform owns the register; courts answer for any key with their own records.
    __resolveReference: (reference: SubjectRef) => ({ id: reference.id }),
    judgments: (subject: SubjectRef, _: unknown, context: Context) => context.loaders.judgmentsBySubject.load(subject.id),
    enforcementCases: (subject: SubjectRef, _: unknown, context: Context) => context.loaders.enforcementCases.load(subject.id),
    dishonestJudgmentDebtor: (subject: SubjectRef, _: unknown, context: Context) =>
      context.loaders.dishonestDebtor.load(subject.id),
    consumptionRestrictions: (subject: SubjectRef, _: unknown, context: Context) =>
      context.loaders.consumptionRestrictions.load(subject.id),
  },
  Judgment: {
    ...recordFields('Judgment'),
    bindingOf: (judgment: { id: string; effectiveOn: string; removedAt: Date | null }, args: { subjectId: string }, context: Context) =>
      judgmentBinding(judgment, args.subjectId, context),
    parties: (judgment: { id: string }, _: unknown, context: Context) => context.loaders.partiesByJudgment.load(judgment.id),
  },
  Party: {
    subject: (party: PartyRow) => ({ id: party.subjectId }),
  },
  EnforcementCase: {
    ...recordFields('EnforcementCase'),
  },
  DishonestJudgmentDebtor: {
    ...recordFields('DishonestJudgmentDebtor'),
  },
  ConsumptionRestriction: {
    ...recordFields('ConsumptionRestriction'),
  },
});
