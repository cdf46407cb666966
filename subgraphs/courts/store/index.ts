/** Courts SQL: effective documents, enforcement, dishonest judgment debtors; named columns only. */
import type { Knex } from 'knex';
import { matchAny, withSources } from '@credit-hub/runtime';
import { PSEUDONYM_SQL_PATTERN } from '@credit-hub/schema';

const JUDGMENT_COLUMNS = [
  'j.id',
  'j.document_number as documentNumber',
  'j.kind',
  'j.court',
  'j.case_cause as caseCause',
  'j.effective_on as effectiveOn',
  'j.amount',
  'j.removed_at as removedAt',
  'j.source_agency as sourceAgency',
  'j.source_system as sourceSystem',
  'j.info_class as infoClass',
];

/** The natural-person parties' names (pseudonymous ids, design §5): masked inside the judgment's free text (Art. 24, 42). */
const personPartyNames = (db: Knex) =>
  db.raw(`array(select pp.party_name from judgment_parties pp where pp.judgment_id = j.id and pp.subject_id ~ ?) as "personNames"`, [PSEUDONYM_SQL_PATTERN]);

export interface JudgmentRow {
  id: string;
  documentNumber: string;
  subjectId?: string;
}

/** Judgments in which any of the subjects is a party (one row per subject and judgment). */
export function judgmentsByParty(db: Knex, subjectIds: readonly string[]) {
  return db('judgment_parties as p')
    .join('judgments as j', 'j.id', 'p.judgment_id')
    .distinct('p.subject_id as subjectId', ...JUDGMENT_COLUMNS, personPartyNames(db))
    .whereRaw(...matchAny('p.subject_id', subjectIds))
    .orderBy([{ column: 'effectiveOn', order: 'desc' }, 'id'])
    .then(withSources<JudgmentRow & { subjectId: string }>);
}

/** A judgment by its number is about every party to it (design §6: its disclosure is logged for each). */
export function judgmentsByDocumentNumber(db: Knex, numbers: readonly string[]) {
  return db('judgments as j')
    .select(
      ...JUDGMENT_COLUMNS,
      personPartyNames(db),
      db.raw('array(select p.subject_id from judgment_parties p where p.judgment_id = j.id order by p.subject_id) as "partyIds"'),
    )
    .whereRaw(...matchAny('j.document_number', numbers))
    .then(withSources<JudgmentRow & { partyIds: string[] }>);
}

export interface PartyRow {
  judgmentId: string;
  subjectId: string;
  name: string;
  role: string;
}

export function partiesOfJudgments(db: Knex, judgmentIds: readonly string[]): Promise<PartyRow[]> {
  return db('judgment_parties')
    .select('judgment_id as judgmentId', 'subject_id as subjectId', 'party_name as name', 'role')
    .whereRaw(...matchAny('judgment_id::text', judgmentIds))
    .orderBy(['judgment_id', 'role', 'subject_id']);
}

export function enforcementCasesByDebtor(db: Knex, subjectIds: readonly string[]) {
  return db('enforcement_cases as e')
    .join('judgments as j', 'j.id', 'e.judgment_id')
    .select(
      'e.id',
      'e.subject_id as subjectId',
      'e.case_number as caseNumber',
      'e.court',
      'j.document_number as basisDocumentNumber',
      'e.applicant_name as applicantName',
      'e.amount_due as amountDue',
      'e.amount_performed as amountPerformed',
      'e.filed_on as filedOn',
      'e.closed_on as closedOn',
      'e.status',
      'e.removed_at as removedAt',
      'e.source_agency as sourceAgency',
      'e.source_system as sourceSystem',
      'e.info_class as infoClass',
    )
    .whereRaw(...matchAny('e.subject_id', subjectIds))
    .orderBy([{ column: 'e.filed_on', order: 'desc' }, 'e.id'])
    .then(withSources<{ subjectId: string }>);
}

const DEBTOR_COLUMNS = [
  'd.subject_id as subjectId',
  'd.id',
  'e.case_number as caseNumber',
  'e.court',
  'd.obligation',
  'd.performance',
  'd.circumstances',
  'd.published_on as publishedOn',
  'd.disclosure_until as disclosureUntil',
  'd.removed_on as removedOn',
  'd.removed_at as removedAt',
  'd.source_agency as sourceAgency',
  'd.source_system as sourceSystem',
  'd.info_class as infoClass',
];

/** One list entry by id, current or removed. */
export function debtorEntryById(db: Knex, id: string) {
  return db('dishonest_judgment_debtors as d')
    .join('enforcement_cases as e', 'e.id', 'd.enforcement_case_id')
    .select(DEBTOR_COLUMNS)
    .where('d.id', id)
    .then(withSources<{ subjectId: string }>)
    .then((rows) => rows[0] ?? null);
}

/** Current entries only: one per subject, the latest not yet removed. */
export function currentDishonestDebtors(db: Knex, subjectIds: readonly string[]) {
  return db('dishonest_judgment_debtors as d')
    .join('enforcement_cases as e', 'e.id', 'd.enforcement_case_id')
    .distinctOn('d.subject_id')
    .select(DEBTOR_COLUMNS)
    .whereRaw(...matchAny('d.subject_id', subjectIds))
    .whereNull('d.removed_on')
    .orderBy([{ column: 'd.subject_id' }, { column: 'd.published_on', order: 'desc' }])
    .then(withSources<{ subjectId: string }>);
}

export function consumptionRestrictionsBySubject(db: Knex, subjectIds: readonly string[]) {
  return db('consumption_restrictions as r')
    .join('enforcement_cases as e', 'e.id', 'r.enforcement_case_id')
    .select(
      'r.id',
      'r.subject_id as subjectId',
      'e.case_number as caseNumber',
      'e.court',
      'r.measures',
      'r.issued_on as issuedOn',
      'r.lifted_on as liftedOn',
      'r.removed_at as removedAt',
      'r.source_agency as sourceAgency',
      'r.source_system as sourceSystem',
      'r.info_class as infoClass',
    )
    .whereRaw(...matchAny('r.subject_id', subjectIds))
    .orderBy([{ column: 'r.issued_on', order: 'desc' }, 'r.id'])
    .then(withSources<{ subjectId: string }>);
}

/** How a subject stands in a judgment: its party roles, and whether it is the debtor of an enforcement case on it (Art. 33). */
export async function standingInJudgment(db: Knex, judgmentId: string, subjectId: string): Promise<{ roles: string[]; enforcementDebtor: boolean }> {
  const [roles, debtor] = await Promise.all([
    db('judgment_parties').where({ judgment_id: judgmentId, subject_id: subjectId }).orderBy('role').pluck('role'),
    db('enforcement_cases').where({ judgment_id: judgmentId, subject_id: subjectId }).first('id'),
  ]);
  return { roles, enforcementDebtor: debtor !== undefined };
}

/** Debtor entries resting on a judgment (through its enforcement cases), still listed. */
export function listedDebtorsOnJudgment(db: Knex, judgmentId: string) {
  return db('dishonest_judgment_debtors as d')
    .join('enforcement_cases as e', 'e.id', 'd.enforcement_case_id')
    .where('e.judgment_id', judgmentId)
    .whereNull('d.removed_on')
    .select('d.id', 'd.enforcement_case_id as enforcementCaseId') as Promise<Array<{ id: string; enforcementCaseId: string }>>;
}
