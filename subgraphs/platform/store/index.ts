/** Platform SQL: the subject register and the platform's records, named columns only. */
import type { Knex } from 'knex';
import { matchAny, SOURCE_COLUMNS, withSource, withSources, type SourceColumns } from '@credit-hub/runtime';

export interface SubjectRow {
  id: string;
  kind: 'NATURAL_PERSON' | 'LEGAL_PERSON' | 'UNINCORPORATED_ORG' | 'GOVERNMENT_AGENCY';
  name: string;
  region: string;
  creditCode: string | null;
  idNumber: string | null;
  registeredAt: Date;
  source: { agency: string; system: string; infoClass: 'PUBLIC' | 'NON_PUBLIC' };
}

const SUBJECT_COLUMNS = [
  'id',
  'kind',
  'name',
  'region',
  'credit_code as creditCode',
  'id_number as idNumber',
  'registered_at as registeredAt',
  'source_agency as sourceAgency',
  'source_system as sourceSystem',
];

// The register itself is public credit information from registration authorities (Art. 3).
const REGISTER_INFO_CLASS = `'PUBLIC' as "infoClass"`;

type Row<T> = T & SourceColumns & { subjectId: string };

export function subjectsById(db: Knex, ids: readonly string[]): Promise<SubjectRow[]> {
  return db('subjects')
    .select(SUBJECT_COLUMNS)
    .select(db.raw(REGISTER_INFO_CLASS))
    .whereRaw(...matchAny('id', ids))
    .then((rows: Array<Row<Omit<SubjectRow, 'source'>>>) => rows.map(withSource) as SubjectRow[]);
}

/** Name search: substring match on a trigram index, closest names first. */
/** Whose natural persons' names a name search may match: every person's, and/or the caller's own. */
export interface NameSearchScope {
  allPersons: boolean;
  ownId: string | null;
}

/**
 * Subjects whose name contains the text, among the names the scope allows: organisations
 * always, natural persons only as the scope says, so no match rests on a name the caller is
 * shown masked. Ranked by similarity among those names alone, then id.
 */
export function searchSubjectsByName(db: Knex, name: string, limit: number, scope: NameSearchScope): Promise<SubjectRow[]> {
  const pattern = `%${name.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  return db('subjects')
    .select(SUBJECT_COLUMNS)
    .select(db.raw(REGISTER_INFO_CLASS))
    .where('name', 'ilike', pattern)
    .where((visible) => {
      visible.whereNot('kind', 'NATURAL_PERSON');
      if (scope.allPersons) visible.orWhere('kind', 'NATURAL_PERSON');
      else if (scope.ownId) visible.orWhere('id', scope.ownId);
    })
    .orderByRaw('similarity(name, ?) desc, id', [name])
    .limit(limit)
    .then((rows: Array<Row<Omit<SubjectRow, 'source'>>>) => rows.map(withSource) as SubjectRow[]);
}

export const dishonestyRecordsBySubject = (db: Knex, subjectIds: readonly string[]) => dishonestyRecords(db, 'subject_id', subjectIds);
export const dishonestyRecordsById = (db: Knex, ids: readonly string[]) => dishonestyRecords(db, 'id::text', ids);

/**
 * The name of the subject a row is about, kept beside the row (not a field of the graph):
 * free text naming that person is masked with it for callers who may not see names whole (design §5).
 */
const subjectName = (db: Knex, table: string) => db.raw(`(select name from subjects where subjects.id = ${table}.subject_id) as "subjectName"`);

function dishonestyRecords(db: Knex, column: string, keys: readonly string[]) {
  return db('dishonesty_records')
    .select(
      subjectName(db, 'dishonesty_records'),
      'id',
      'subject_id as subjectId',
      'summary',
      'severity',
      'owning_sector as owningSector',
      'basis_kind as basisKind',
      'basis_document_number as basisDocumentNumber',
      'basis_sector as basisSector',
      'legal_basis as legalBasis',
      'notice_nature as noticeNature',
      'notice_reason as noticeReason',
      'notice_basis as noticeBasis',
      'notice_removal_conditions as noticeRemovalConditions',
      'notice_remedies as noticeRemedies',
      'notice_lifting_conditions as noticeLiftingConditions',
      'notice_served_at as noticeServedAt',
      'decided_on as decidedOn',
      'disclosure_until as disclosureUntil',
      'status',
      'repaired_at as repairedAt',
      'removed_at as removedAt',
      ...SOURCE_COLUMNS,
    )
    .select(
      db.raw(
        `exists (select 1 from objections o where o.subject_id = dishonesty_records.subject_id
           and o.record_ref = 'platform:dishonesty:' || dishonesty_records.id and o.outcome = 'PENDING') as "underObjection"`,
      ),
    )
    .whereRaw(...matchAny(column, keys))
    .orderBy([{ column: 'decided_on', order: 'desc' }, 'id'])
    .then(withSources<DishonestyRecordRow>);
}

export interface DishonestyRecordRow {
  id: string;
  subjectId: string;
  summary: string;
  severity: string;
  owningSector: string;
  basisKind: string;
  basisDocumentNumber: string;
  basisSector: string;
  legalBasis: string;
  noticeNature: string;
  noticeReason: string;
  noticeBasis: string;
  noticeRemovalConditions: string;
  noticeRemedies: string;
  noticeLiftingConditions: string | null;
  noticeServedAt: Date;
  decidedOn: string;
  disclosureUntil: string;
  status: string;
  repairedAt: Date | null;
  removedAt: Date | null;
  underObjection: boolean;
}

const LISTING_COLUMNS = [
  'id',
  'subject_id as subjectId',
  'category',
  'legal_basis as legalBasis',
  'cause',
  'status',
  'decision_document_number as decisionDocumentNumber',
  'punishment_measures as punishmentMeasures',
  'removal_conditions as removalConditions',
  'remedies',
  'decided_on as decidedOn',
  'published_on as publishedOn',
  'disclosure_until as disclosureUntil',
  'removed_on as removedOn',
  ...SOURCE_COLUMNS,
];

/** The sector whose agency proposed the listing (its first step): it follows its proposal before publication (Art. 36). */
const proposingSector = (db: Knex) =>
  db.raw(
    `(select actor_sector from listing_steps where listing_steps.listing_id = serious_dishonesty_listings.id and to_status = 'PROPOSED' order by listing_steps.id limit 1) as "proposingSector"`,
  );

export function listingsById(db: Knex, ids: readonly string[]) {
  return db('serious_dishonesty_listings')
    .select([...LISTING_COLUMNS, proposingSector(db), subjectName(db, 'serious_dishonesty_listings')])
    .whereRaw(...matchAny('id::text', ids))
    .then(withSources<{ id: string; subjectId: string }>);
}

export function seriousListingsBySubject(db: Knex, subjectIds: readonly string[]) {
  return db('serious_dishonesty_listings')
    .select([...LISTING_COLUMNS, proposingSector(db), subjectName(db, 'serious_dishonesty_listings')])
    .whereRaw(...matchAny('subject_id', subjectIds))
    .orderBy('id')
    .then(withSources<{ subjectId: string }>);
}

export const INCENTIVE_COLUMNS = [
  'id',
  'subject_id as subjectId',
  'criterion_code as criterionCode',
  'criterion',
  'decision_document_number as decisionDocumentNumber',
  'decided_on as decidedOn',
  'published_on as publishedOn',
  'valid_until as validUntil',
  // An incentive ended because its subject stopped meeting the criterion (Art. 30) leaves view as removed.
  'ended_on as removedOn',
  ...SOURCE_COLUMNS,
];

export function incentiveListingsBySubject(db: Knex, subjectIds: readonly string[]) {
  return db('incentive_listings')
    .select(INCENTIVE_COLUMNS)
    .whereRaw(...matchAny('subject_id', subjectIds))
    .orderBy('id')
    .then(withSources<{ subjectId: string }>);
}

export function commitmentsBySubject(db: Knex, subjectIds: readonly string[]) {
  return db('commitments')
    .select(
      subjectName(db, 'commitments'),
      'id',
      'subject_id as subjectId',
      'kind',
      'content',
      'made_on as madeOn',
      'published',
      'breached_on as breachedOn',
      ...SOURCE_COLUMNS,
    )
    .whereRaw(...matchAny('subject_id', subjectIds))
    .orderBy('id')
    .then(withSources<{ subjectId: string }>);
}

export const OBJECTION_COLUMNS = [
  'id',
  'subject_id as subjectId',
  'ground',
  'record_ref as recordRef',
  'statement',
  'filed_on as filedOn',
  'answer_due_on as answerDueOn',
  'outcome',
  'answer_reason as answerReason',
  'answered_on as answeredOn',
  'effect',
];

/** Pending objections an answering sector must see (all, for operators: sector null). */
export function pendingObjections(db: Knex, options: { sector: string | null; subgraph: string | null; overdueOn: string | null; first: number }) {
  return db('objections as o')
    .select(OBJECTION_COLUMNS.map((column) => `o.${column}`))
    .where('o.outcome', 'PENDING')
    .modify((query) => {
      if (options.overdueOn) query.where('o.answer_due_on', '<', options.overdueOn);
      if (options.sector === null) return;
      query.where((mine) =>
        mine
          .where('o.record_ref', 'like', `${options.subgraph}:%`)
          .orWhereExists((owned) =>
            owned.from('dishonesty_records as d').whereRaw(`'platform:dishonesty:' || d.id = o.record_ref`).where('d.owning_sector', options.sector!),
          ),
      );
    })
    .orderBy([{ column: 'o.answer_due_on' }, { column: 'o.id' }])
    .limit(options.first) as Promise<Array<{ subjectId: string }>>;
}

export function objectionsBySubject(db: Knex, subjectIds: readonly string[]) {
  return db('objections')
    .select([...OBJECTION_COLUMNS, subjectName(db, 'objections')])
    .whereRaw(...matchAny('subject_id', subjectIds))
    .orderBy('id') as Promise<Array<{ subjectId: string }>>;
}

export const REPAIR_COLUMNS = [
  'id',
  'subject_id as subjectId',
  'record_ref as recordRef',
  'applied_on as appliedOn',
  'status',
  'decided_on as decidedOn',
  'decision_reason as decisionReason',
];

export function repairsBySubject(db: Knex, subjectIds: readonly string[]) {
  return db('repairs')
    .select([...REPAIR_COLUMNS, subjectName(db, 'repairs')])
    .whereRaw(...matchAny('subject_id', subjectIds))
    .orderBy('id') as Promise<Array<{ subjectId: string }>>;
}

/** Subjects that authorised the agency for the purpose, unexpired and unrevoked (Art. 26, 42). */
export async function authorisedSubjects(
  db: Knex,
  agencyId: string,
  purpose: string,
  subjectIds: readonly string[],
): Promise<string[]> {
  const rows = (await db('authorisations')
    .distinct('subject_id as subjectId')
    .where('agency_id', agencyId)
    .whereRaw(...matchAny('subject_id', subjectIds))
    .whereRaw('? = any(purposes)', [purpose])
    .where('expires_at', '>', db.fn.now())
    .whereNull('revoked_at')) as Array<{ subjectId: string }>;
  return rows.map((row) => row.subjectId);
}

export const ACCESS_LOG_PAGE = 100;

/** The newest access-log entries of each subject, from the audit database (design §6). */
export function accessLogBySubject(audit: Knex, subjectIds: readonly string[]) {
  const ids = [...subjectIds];
  return audit
    .select(
      'seq',
      'at',
      'request_id as requestId',
      'client_request_id as clientRequestId',
      'subgraph',
      'caller_sub as callerSub',
      'caller_role as callerRole',
      'caller_sector as callerSector',
      'purpose',
      'subjectId',
      'fields_disclosed as fieldsDisclosed',
      'fields_denied as fieldsDenied',
    )
    .from(
      audit('access_log as l')
        .select('l.*', 'asked.id as subjectId')
        .select(audit.raw('row_number() over (partition by asked.id order by l.seq desc) as rank'))
        .joinRaw('cross join lateral unnest(l.subject_ids) as asked(id)')
        .whereRaw('l.subject_ids && ?::text[]', [ids])
        .whereRaw('asked.id = any(?::text[])', [ids])
        .as('ranked'),
    )
    .where('rank', '<=', ACCESS_LOG_PAGE)
    .orderBy([{ column: 'subjectId' }, { column: 'seq', order: 'desc' }]) as Promise<Array<{ subjectId: string }>>;
}

export function incentiveListingsById(db: Knex, ids: readonly string[]) {
  return db('incentive_listings')
    .select(INCENTIVE_COLUMNS)
    .whereRaw(...matchAny('id::text', ids))
    .then(withSources<{ id: string; subjectId: string }>);
}
