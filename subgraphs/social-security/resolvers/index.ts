/** Social security resolvers: thin; the SQL is in ../store, batching in ../loaders. */
import { bindingOfParty, receiveRepair, recordFields, settleObjection, type ObjectionNotice, type RepairNotice, type SubgraphContext } from '@credit-hub/runtime';
import { SOCIAL_SECURITY_OBJECTABLE } from '../procedures/objections.js';
import type { SocialSecurityLoaders } from '../loaders/index.js';
import type { Knex } from 'knex';

/** Art. 40: social security holds no record resting on another sector's document. */
async function socialSecurityRepairEffect(trx: Knex.Transaction, notice: RepairNotice): Promise<string> {
  const wageCase = await trx('wage_arrears_cases').where({ case_number: notice.basisDocumentNumber, subject_id: notice.subjectId }).first('id');
  return wageCase ? `wage arrears case ${notice.basisDocumentNumber} noted as repaired` : 'no social security record rests on this document';
}

type Context = SubgraphContext<SocialSecurityLoaders>;
type SubjectRef = { id: string };

export const socialSecurityResolvers = {
  Mutation: {
    acknowledgeRepair: (_: unknown, args: { input: RepairNotice }, context: Context) =>
      receiveRepair(context, 'social-security', args.input, socialSecurityRepairEffect),
    settleObjection: (_: unknown, args: { input: ObjectionNotice }, context: Context) =>
      settleObjection(context, 'social-security', args.input, SOCIAL_SECURITY_OBJECTABLE),
  },
  Query: {
    wageArrearsCase: (_: unknown, args: { caseNumber: string }, context: Context) =>
      context.loaders.wageCaseByNumber.load(args.caseNumber.trim()),
  },
  Subject: {
    __resolveReference: (reference: SubjectRef) => ({ id: reference.id }),
    socialInsurance: (subject: SubjectRef, _: unknown, context: Context) => context.loaders.insurance.load(subject.id),
    wageArrears: (subject: SubjectRef, _: unknown, context: Context) => context.loaders.wageArrears.load(subject.id),
  },
  WageArrearsCase: {
    ...recordFields('WageArrearsCase'),
    subject: (wageCase: { subjectId: string }) => ({ id: wageCase.subjectId }),
    // Art. 33 (关联): the determination binds the employer found in arrears, while it stands.
    bindingOf: (wageCase: { subjectId: string; determinedOn: string; removedAt: Date | null }, args: { subjectId: string }, context: Context) =>
      bindingOfParty({ partyId: wageCase.subjectId, role: 'EMPLOYER', effectiveOn: wageCase.determinedOn, removedAt: wageCase.removedAt }, args.subjectId, context.today),
  },
  SocialInsurance: {
    ...recordFields('SocialInsurance'),
    arrears: (insurance: { subjectId: string }, _: unknown, context: Context) => context.loaders.arrears.load(insurance.subjectId),
  },
  InsuranceArrear: {
    ...recordFields('InsuranceArrear'),
  },
};
