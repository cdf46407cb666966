/** Platform SQL of the procedures (Art. 32-37): named columns, one transaction per step. */
import type { Knex } from 'knex';
import type { Sector } from '@credit-hub/schema';
import { fieldNamesOf, matchAny } from '@credit-hub/runtime';
import { INCENTIVE_COLUMNS } from './index.js';

export interface ListingRow {
  id: string;
  subjectId: string;
  status: string;
  category: string;
  /** The sector whose agency proposed it (PLATFORM when an operator did): its steps are that sector's (Art. 36). */
  proposingSector: Sector | null;
}

/** Locks the listing row for the rest of the transaction: two deciders never both pass (Art. 36). */
export async function lockListing(trx: Knex.Transaction, id: string): Promise<ListingRow | undefined> {
  return trx('serious_dishonesty_listings as l')
    .select(
      'l.id',
      'l.subject_id as subjectId',
      'l.status',
      'l.category',
      trx.raw(`(select case when s.actor_role = 'PLATFORM_OPERATOR' then 'PLATFORM' else s.actor_sector end
                  from listing_steps s where s.listing_id = l.id and s.to_status = 'PROPOSED' order by s.id limit 1) as "proposingSector"`),
    )
    .where('l.id', id)
    .forUpdate()
    .first();
}

export async function recordStep(
  trx: Knex.Transaction,
  step: { listingId: string; from: string | null; to: string; actor: { sub: string | null; role: string; sector: string | null }; documentNumber?: string; note?: string },
): Promise<void> {
  await trx('listing_steps').insert({
    listing_id: step.listingId,
    from_status: step.from,
    to_status: step.to,
    actor_sub: step.actor.sub ?? 'unknown',
    actor_role: step.actor.role,
    actor_sector: step.actor.sector,
    document_number: step.documentNumber ?? null,
    note: step.note ?? null,
  });
}

export function measuresByCodes(db: Knex, codes: readonly string[]) {
  return db('punishment_measures')
    .select('code', 'name', 'legal_basis as legalBasis', 'severity', 'sector', 'description')
    .whereRaw(...matchAny('code', codes))
    .orderBy('code') as Promise<Array<{ code: string; sector: string; severity: string }>>;
}

/** What a measure may rest on: a dishonesty record in force (its tier, its Art. 34 lifting conditions) or a published listing (the measures its decision names). */
export function measureBasis(db: Knex, subjectId: string, today: string, basis: { dishonestyRecordId?: string | null; listingId?: string | null }) {
  return basis.dishonestyRecordId
    ? (db('dishonesty_records')
        .where({ id: basis.dishonestyRecordId, subject_id: subjectId, status: 'ACTIVE' })
        .where('disclosure_until', '>=', today)
        .first('id', 'severity', 'notice_lifting_conditions as liftingConditions') as Promise<{ id: string; severity: string; liftingConditions: string | null } | undefined>)
    : (db('serious_dishonesty_listings')
        .where({ id: basis.listingId, subject_id: subjectId, status: 'PUBLISHED' })
        .first('id', db.raw(`'SERIOUS' as severity`), 'removal_conditions as liftingConditions', 'punishment_measures as decidedMeasures') as Promise<
        { id: string; severity: string; liftingConditions: string | null; decidedMeasures: string[] } | undefined
      >);
}

export function insertAppliedMeasure(db: Knex, row: Record<string, unknown>) {
  return db('applied_measures')
    .insert(row)
    .returning(['id', 'subject_id as subjectId', 'measure_code as measureCode', 'applied_by_sector as appliedBySector', 'applied_at as appliedAt', 'stopped_at as stoppedAt', 'stop_reason as stopReason']);
}

export function allMeasures(db: Knex) {
  return db('punishment_measures').select('code', 'name', 'legal_basis as legalBasis', 'severity', 'sector', 'description').orderBy('code');
}

export function stepsByListing(db: Knex, listingIds: readonly string[]) {
  return db('listing_steps')
    .select(
      'listing_id as listingId',
      'from_status as fromStatus',
      'to_status as toStatus',
      'actor_sub as actorSub',
      'actor_role as actorRole',
      'actor_sector as actorSector',
      'document_number as documentNumber',
      'note',
      'at',
    )
    .whereRaw(...matchAny('listing_id::text', listingIds))
    .orderBy(['listing_id', 'id']) as Promise<Array<{ listingId: string }>>;
}

export function keyPersonsByListing(db: Knex, listingIds: readonly string[]) {
  return db('listing_key_persons')
    .select('listing_id as listingId', 'subject_id as personId', 'role', 'recorded_at as recordedAt')
    .whereRaw(...matchAny('listing_id::text', listingIds))
    .orderBy(['listing_id', 'role']) as Promise<Array<{ listingId: string; personId: string }>>;
}

export function objectionsByListing(db: Knex, listingIds: readonly string[]) {
  return db('listing_objections')
    .select(
      'listing_id as listingId',
      'statement',
      'filed_at as filedAt',
      'answer_due_on as answerDueOn',
      'answer',
      'answer_document_number as answerDocumentNumber',
      'answered_at as answeredAt',
    )
    .whereRaw(...matchAny('listing_id::text', listingIds))
    .orderBy(['listing_id', 'id']) as Promise<Array<{ listingId: string }>>;
}

export function measuresByListing(db: Knex, listingIds: readonly string[]) {
  return db('applied_measures')
    .select(
      'id',
      'listing_id as listingId',
      'measure_code as measureCode',
      'applied_by_sector as appliedBySector',
      'applied_at as appliedAt',
      'stopped_at as stoppedAt',
      'stop_reason as stopReason',
    )
    .whereRaw(...matchAny('listing_id::text', listingIds))
    .orderBy('id') as Promise<Array<{ listingId: string }>>;
}

/** Listings whose objection is unanswered past its deadline (Art. 36). */
export function overdueObjections(db: Knex, today: string) {
  return db('serious_dishonesty_listings as l')
    .join('listing_objections as o', 'o.listing_id', 'l.id')
    .whereNull('o.answered_at')
    .where('o.answer_due_on', '<', today)
    .select('l.id')
    .orderBy('o.answer_due_on') as Promise<Array<{ id: string }>>;
}

export function publishedCriteria(db: Knex, today: string) {
  return db('incentive_criteria')
    .select('code', 'name', 'description', 'legal_basis as legalBasis', 'published_on as publishedOn')
    .where('published_on', '<=', today)
    .whereNull('withdrawn_on')
    .orderBy('code');
}

export function incentiveMeasures(db: Knex) {
  return db('incentive_measures').select('code', 'name', 'legal_basis as legalBasis', 'sector').orderBy('code');
}

export function authorisationsBySubject(db: Knex, subjectIds: readonly string[]) {
  return db('authorisations')
    .select('id', 'subject_id as subjectId', 'agency_id as agencyId', 'purposes', 'granted_at as grantedAt', 'expires_at as expiresAt', 'revoked_at as revokedAt')
    .whereRaw(...matchAny('subject_id', subjectIds))
    .orderBy('id') as Promise<Array<{ subjectId: string }>>;
}

export function creditServiceAgencies(db: Knex) {
  return db('credit_service_agencies').select('id', 'name', 'registered_on as registeredOn', 'commitment').orderBy('id');
}

export function violationsByAgency(db: Knex, agencyIds: readonly string[]) {
  return db('agency_violations')
    .select('id', 'agency_id as agencyId', 'kind', 'description', 'offender_kind as offenderKind', 'fine', 'confiscated_gains as confiscatedGains', 'decision_document_number as decisionDocumentNumber', 'decided_on as decidedOn')
    .whereRaw(...matchAny('agency_id', agencyIds))
    .orderBy('id') as Promise<Array<{ agencyId: string }>>;
}

export function historyOfRecords(db: Knex, keys: readonly string[]) {
  // keys are "<RecordType>:<id>"
  return db('record_changes')
    .select(db.raw(`record_type || ':' || record_id as key`), 'changed_at as at', 'changed_fields as fields', 'reason', 'tombstone', 'subject_id as subjectId')
    .whereRaw(`record_type || ':' || record_id = any(?::text[])`, [[...keys]])
    .orderBy('seq')
    .then(fieldNamesOf<{ key: string; fields: string[] }>);
}

/** A published criterion with the checks a grant must pass (migrations/catalogue.json). */
export function criterionForGrant(db: Knex, code: string, today: string) {
  return db('incentive_criteria')
    .where('code', code)
    .where('published_on', '<=', today)
    .whereNull('withdrawn_on')
    .first('code', 'name', 'checks', 'subjects') as Promise<{ code: string; name: string; checks: Array<{ kind: string; years?: number }>; subjects: string } | undefined>;
}

/** The latest dishonesty record decided on or after `since`, removed-on-objection ones excepted (Art. 30). */
export function dishonestyDecidedSince(db: Knex, subjectId: string, since: string) {
  return db('dishonesty_records').where('subject_id', subjectId).where('decided_on', '>=', since).whereNot('status', 'REMOVED').orderBy('decided_on', 'desc').first('id', 'decided_on as decidedOn');
}

/** A listing of the subject not removed, or decided on or after `since` (Art. 30, 36). */
export function listingSince(db: Knex, subjectId: string, since: string) {
  return db('serious_dishonesty_listings')
    .where('subject_id', subjectId)
    .where((where) => where.whereNot('status', 'REMOVED').orWhere('decided_on', '>=', since))
    .orderBy('id', 'desc')
    .first('id', 'status');
}

export function subjectKind(db: Knex, subjectId: string) {
  return db('subjects').where('id', subjectId).first('id', 'kind') as Promise<{ id: string; kind: string } | undefined>;
}

/** A dishonesty record in force, and a listing not removed, of the subject (Art. 30: no incentive while either stands). */
export async function dishonestNow(db: Knex, subjectId: string, today: string) {
  const [dishonest, listed] = await Promise.all([
    db('dishonesty_records').where({ subject_id: subjectId, status: 'ACTIVE' }).where('disclosure_until', '>=', today).first('id'),
    db('serious_dishonesty_listings').where('subject_id', subjectId).whereNot('status', 'REMOVED').first('id'),
  ]);
  return { dishonest, listed };
}

export function insertIncentiveListing(db: Knex, row: Record<string, unknown>) {
  return db('incentive_listings').insert(row).returning(INCENTIVE_COLUMNS);
}

export function incentiveMeasureByCode(db: Knex, code: string) {
  return db('incentive_measures').where('code', code).first('code', 'sector') as Promise<{ code: string; sector: string } | undefined>;
}

/** A published incentive listing of the subject, within its validity and not ended (Art. 30-31). */
export function validIncentiveListing(db: Knex, subjectId: string, id: string, today: string) {
  return db('incentive_listings')
    .where({ id, subject_id: subjectId })
    .where('valid_until', '>=', today)
    .whereNull('ended_on') // Art. 30: ended when its subject stopped meeting the criterion
    .whereNotNull('published_on')
    .first('id') as Promise<{ id: string } | undefined>;
}

export function insertAppliedIncentive(db: Knex, row: Record<string, unknown>) {
  return db('applied_incentives')
    .insert(row)
    .returning(['id', 'subject_id as subjectId', 'measure_code as measureCode', 'applied_by_sector as appliedBySector', 'applied_at as appliedAt']);
}
