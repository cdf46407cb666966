/** Social security resolvers: thin; the SQL is in ../store, batching in ../loaders. */
import type { SubgraphContext } from '@credit-hub/runtime';
import type { SocialSecurityLoaders } from '../loaders/index.js';

type Context = SubgraphContext<SocialSecurityLoaders>;
type SubjectRef = { id: string };

export const socialSecurityResolvers = {
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
    subject: (wageCase: { subjectId: string }) => ({ id: wageCase.subjectId }),
  },
  SocialInsurance: {
    arrears: (insurance: { subjectId: string }, _: unknown, context: Context) => context.loaders.arrears.load(insurance.subjectId),
  },
};
