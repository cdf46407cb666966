/** Social security SQL: insurance registration, arrears, wage arrears cases; named columns only. */
import type { Knex } from 'knex';
import { matchAny, SOURCE_COLUMNS, withSources } from '@credit-hub/runtime';

export function insuranceBySubject(db: Knex, subjectIds: readonly string[]) {
  return db('insurance_registrations')
    .select(
      'id',
      'subject_id as subjectId',
      'registration_number as registrationNumber',
      'registered_on as registeredOn',
      'status',
      'insured_headcount as insuredHeadcount',
      'last_paid_period as lastPaidPeriod',
      'contribution_base as contributionBase',
      'removed_at as removedAt',
      ...SOURCE_COLUMNS,
    )
    .whereRaw(...matchAny('subject_id', subjectIds))
    .then(withSources<{ subjectId: string }>);
}

export function arrearsBySubject(db: Knex, subjectIds: readonly string[]) {
  return db('insurance_arrears')
    .select(
      'id',
      'subject_id as subjectId',
      'scheme',
      'period_from as periodFrom',
      'period_to as periodTo',
      'amount',
      'determined_on as determinedOn',
      'status',
      'removed_at as removedAt',
      ...SOURCE_COLUMNS,
    )
    .whereRaw(...matchAny('subject_id', subjectIds))
    .orderBy([{ column: 'determined_on', order: 'desc' }, 'id'])
    .then(withSources<{ subjectId: string }>);
}

const WAGE_CASE_COLUMNS = [
  'id',
  'subject_id as subjectId',
  'case_number as caseNumber',
  'authority',
  'workers_affected as workersAffected',
  'amount',
  'determined_on as determinedOn',
  'status',
  'settled_on as settledOn',
  'disclosure_until as disclosureUntil',
  'removed_at as removedAt',
  ...SOURCE_COLUMNS,
];

export function wageArrearsBySubject(db: Knex, subjectIds: readonly string[]) {
  return db('wage_arrears_cases')
    .select(WAGE_CASE_COLUMNS)
    .whereRaw(...matchAny('subject_id', subjectIds))
    .orderBy([{ column: 'determined_on', order: 'desc' }, 'id'])
    .then(withSources<{ subjectId: string }>);
}

export function wageArrearsByCaseNumber(db: Knex, numbers: readonly string[]) {
  return db('wage_arrears_cases')
    .select(WAGE_CASE_COLUMNS)
    .whereRaw(...matchAny('case_number', numbers))
    .then(withSources<{ subjectId: string; caseNumber: string }>);
}
