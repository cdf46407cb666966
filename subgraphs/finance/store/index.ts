/** Finance SQL: procurement, subsidies, government contracts, financial credit; named columns only. */
import type { Knex } from 'knex';
import { matchAny, SOURCE_COLUMNS, withSources } from '@credit-hub/runtime';

export function procurementBySubject(db: Knex, subjectIds: readonly string[]) {
  return db('procurement_records')
    .select(
      'id',
      'subject_id as subjectId',
      'project_number as projectNumber',
      'project_name as projectName',
      'purchaser_id as purchaserId',
      'role',
      'amount',
      'awarded_on as awardedOn',
      'bad_conduct as badConduct',
      'barred_until as barredUntil',
      'removed_at as removedAt',
      ...SOURCE_COLUMNS,
    )
    .whereRaw(...matchAny('subject_id', subjectIds))
    .orderBy([{ column: 'awarded_on', order: 'desc' }, 'id'])
    .then(withSources<{ subjectId: string; purchaserId: string }>);
}

export function subsidiesBySubject(db: Knex, subjectIds: readonly string[]) {
  return db('subsidies')
    .select(
      'id',
      'subject_id as subjectId',
      'programme',
      'granting_agency as grantingAgency',
      'amount',
      'granted_on as grantedOn',
      'removed_at as removedAt',
      ...SOURCE_COLUMNS,
    )
    .whereRaw(...matchAny('subject_id', subjectIds))
    .orderBy([{ column: 'granted_on', order: 'desc' }, 'id'])
    .then(withSources<{ subjectId: string }>);
}

export interface ContractRow {
  id: string;
  contractNumber: string;
  agencyId: string;
  enterpriseId: string;
  /** The subject the row was fetched for (as agency or as enterprise). */
  partyId: string;
}

const CONTRACT_COLUMNS = [
  'c.id',
  'c.contract_number as contractNumber',
  'c.kind',
  'c.title',
  'c.agency_id as agencyId',
  'c.enterprise_id as enterpriseId',
  'c.amount',
  'c.signed_on as signedOn',
  'c.due_on as dueOn',
  'c.paid_amount as paidAmount',
  // Art. 12: what a government body owes past the due date is overdue, whatever the status says.
  'c.status',
  'c.removed_at as removedAt',
  'c.source_agency as sourceAgency',
  'c.source_system as sourceSystem',
  'c.info_class as infoClass',
];

/** Contracts where a subject is the government party or the enterprise, one statement for all. */
export function contractsByParty(db: Knex, subjectIds: readonly string[]) {
  const ids = [...subjectIds];
  return db
    .select(db.raw('party.id as "partyId"'), ...CONTRACT_COLUMNS)
    .select(db.raw(`case when c.due_on < current_date then c.amount - c.paid_amount else 0 end as "overdueAmount"`))
    .from(db.raw('unnest(?::text[]) as party(id)', [ids]))
    .join('government_contracts as c', (join) => join.on('c.agency_id', '=', 'party.id').orOn('c.enterprise_id', '=', 'party.id'))
    .orderBy([{ column: 'c.due_on', order: 'desc' }, 'c.id'])
    .then(withSources<ContractRow>);
}

export function contractsByNumber(db: Knex, numbers: readonly string[]) {
  return db('government_contracts as c')
    .select(CONTRACT_COLUMNS)
    .select(db.raw(`case when c.due_on < current_date then c.amount - c.paid_amount else 0 end as "overdueAmount"`))
    .whereRaw(...matchAny('c.contract_number', numbers))
    .then(withSources<Omit<ContractRow, 'partyId'>>);
}

export function financialCreditBySubject(db: Knex, subjectIds: readonly string[]) {
  return db('financial_credit_summaries')
    .select(
      'id',
      'subject_id as subjectId',
      'loan_count as loanCount',
      'outstanding_balance as outstandingBalance',
      'overdue_count as overdueCount',
      'worst_classification as worstClassification',
      'reported_on as reportedOn',
      'agreement_reference as agreementReference',
      'removed_at as removedAt',
      ...SOURCE_COLUMNS,
    )
    .whereRaw(...matchAny('subject_id', subjectIds))
    .then(withSources<{ subjectId: string }>);
}

/** Art. 14: per government body, contracts and what is overdue; region = league/city code. */
export function governmentIntegrity(db: Knex, region: string | null, first: number) {
  const overdue = 'c.due_on < current_date and c.amount > c.paid_amount';
  return db('government_contracts as c')
    .select(
      'c.agency_id as agencyId',
      db.raw(`substr(c.agency_id, 3, 4) || '00' as region`),
      db.raw('count(*)::int as contracts'),
      db.raw(`(count(*) filter (where ${overdue}))::int as "overdueContracts"`),
      db.raw(`coalesce(sum(c.amount - c.paid_amount) filter (where ${overdue}), 0) as "overdueAmount"`),
    )
    .whereNull('c.removed_at') // removed on objection (Art. 39): no longer counted
    .modify((query) => {
      if (region) query.whereRaw('substr(c.agency_id, 3, 4) = ?', [region.slice(0, 4)]);
    })
    .groupBy('c.agency_id')
    .orderByRaw('"overdueAmount" desc, c.agency_id')
    .limit(first) as Promise<Array<{ agencyId: string }>>;
}
