/** Market regulation SQL: registration, penalties, abnormal operations; named columns only. */
import type { Knex } from 'knex';
import { matchAny, SOURCE_COLUMNS, withSources } from '@credit-hub/runtime';

export interface RegistrationRow {
  subjectId: string;
  legalRepresentativeId: string | null;
  principalId: string | null;
  actualControllerId: string | null;
}

export function registrationsBySubject(db: Knex, subjectIds: readonly string[]) {
  return db('registrations')
    .select(
      'id',
      'subject_id as subjectId',
      'name',
      'legal_form as legalForm',
      'status',
      'registered_capital as registeredCapital',
      'established_on as establishedOn',
      'address',
      'business_scope as businessScope',
      'authority',
      'legal_representative_id as legalRepresentativeId',
      'principal_id as principalId',
      'actual_controller_id as actualControllerId',
      'removed_at as removedAt',
      ...SOURCE_COLUMNS,
    )
    .whereRaw(...matchAny('subject_id', subjectIds))
    .then(withSources<RegistrationRow>);
}

const PENALTY_COLUMNS = [
  'id',
  'subject_id as subjectId',
  'decision_number as decisionNumber',
  'violation',
  'basis',
  'penalty_kind as penaltyKind',
  'amount',
  'authority',
  'decided_on as decidedOn',
  'disclosure_until as disclosureUntil',
  'repaired_at as repairedAt',
  'removed_at as removedAt',
  ...SOURCE_COLUMNS,
];

export interface PenaltyRow {
  id: string;
  subjectId: string;
  decisionNumber: string;
  repairedAt: Date | null;
}

export function penaltiesBySubject(db: Knex, subjectIds: readonly string[]) {
  return db('administrative_penalties')
    .select(PENALTY_COLUMNS)
    .whereRaw(...matchAny('subject_id', subjectIds))
    .orderBy([{ column: 'decided_on', order: 'desc' }, 'id'])
    .then(withSources<PenaltyRow>);
}

export function penaltiesByDecisionNumber(db: Knex, numbers: readonly string[]) {
  return db('administrative_penalties')
    .select(PENALTY_COLUMNS)
    .whereRaw(...matchAny('decision_number', numbers))
    .then(withSources<PenaltyRow>);
}

export function abnormalOperationsBySubject(db: Knex, subjectIds: readonly string[]) {
  return db('abnormal_operations')
    .select(
      'id',
      'subject_id as subjectId',
      'reason',
      'authority',
      'listed_on as listedOn',
      'removed_on as removedOn',
      'removed_at as removedAt',
      'removal_reason as removalReason',
      ...SOURCE_COLUMNS,
    )
    .whereRaw(...matchAny('subject_id', subjectIds))
    .orderBy([{ column: 'listed_on', order: 'desc' }, 'id'])
    .then(withSources<{ subjectId: string }>);
}
