/** Platform SQL of basis documents (Art. 33): the register of third-kind documents, and the records resting on a basis. */
import type { Knex } from 'knex';
import { matchAny } from '@credit-hub/runtime';

const DOCUMENT_COLUMNS = [
  'd.id',
  'd.document_number as documentNumber',
  'd.title',
  'd.issuer',
  'd.issued_on as issuedOn',
  'd.legal_basis as legalBasis',
  'd.registering_sector as registeringSector',
  'd.registered_by as registeredBy',
  'd.registered_at as registeredAt',
  'd.status',
  'd.verified_by as verifiedBy',
  'd.verified_at as verifiedAt',
  'd.verification_note as verificationNote',
  'd.revoked_at as revokedAt',
  'd.revocation_reason as revocationReason',
];

export interface LegalDocumentRow {
  id: string;
  documentNumber: string;
  issuedOn: string;
  registeringSector: string;
  registeredBy: string;
  status: 'REGISTERED' | 'VERIFIED' | 'REVOKED';
  revokedAt: Date | null;
  /** The subjects it concerns (the policy's `partyIds`: the document is about each of them). */
  partyIds: string[];
}

const partyIds = (db: Knex) =>
  db.raw('array(select s.subject_id from legal_document_subjects s where s.document_id = d.id order by s.subject_id) as "partyIds"');

/** The natural persons' names among its subjects, kept beside the row: masked inside its free text for callers who may not see them whole (design §5). */
const personNames = (db: Knex) =>
  db.raw(`array(select p.name from legal_document_subjects s join subjects p on p.id = s.subject_id
                 where s.document_id = d.id and p.kind = 'NATURAL_PERSON') as "personNames"`);

function documents(db: Knex) {
  return db('legal_documents as d').select([...DOCUMENT_COLUMNS, partyIds(db), personNames(db)]);
}

export const legalDocumentByKey = (db: Knex, key: string): Promise<LegalDocumentRow | undefined> => documents(db).where('d.number_key', key).first();

export const legalDocumentsById = (db: Knex, ids: readonly string[]): Promise<LegalDocumentRow[]> =>
  documents(db).whereRaw(...matchAny('d.id::text', ids)).orderBy('d.id');

/** Locks a registered document for the rest of the transaction (verification and revocation are one at a time). */
export const lockLegalDocument = (trx: Knex.Transaction, id: string) =>
  trx('legal_documents').where('id', id).forUpdate().first('id', 'status', 'registered_by as registeredBy', 'registering_sector as registeringSector', 'document_number as documentNumber');

/** Documents waiting for an operator's verification, oldest first. */
export const documentsToVerify = (db: Knex, first: number): Promise<LegalDocumentRow[]> =>
  documents(db).where('d.status', 'REGISTERED').orderBy('d.registered_at').orderBy('d.id').limit(first);

export async function insertLegalDocument(
  trx: Knex.Transaction,
  document: { documentNumber: string; numberKey: string; title: string; issuer: string; issuedOn: string; legalBasis: string; sector: string; registeredBy: string; subjectIds: string[] },
): Promise<string> {
  const [row] = await trx('legal_documents')
    .insert({
      document_number: document.documentNumber,
      number_key: document.numberKey,
      title: document.title,
      issuer: document.issuer,
      issued_on: document.issuedOn,
      legal_basis: document.legalBasis,
      registering_sector: document.sector,
      registered_by: document.registeredBy,
    })
    .returning('id');
  await trx('legal_document_subjects').insert(document.subjectIds.map((subjectId) => ({ document_id: row.id, subject_id: subjectId })));
  return String(row.id);
}

export const markVerified = (trx: Knex.Transaction, id: string, by: string, note: string) =>
  trx('legal_documents').where('id', id).update({ status: 'VERIFIED', verified_by: by, verified_at: trx.fn.now(), verification_note: note, updated_at: trx.fn.now() });

export const markRevoked = (trx: Knex.Transaction, id: string, by: string, reason: string) =>
  trx('legal_documents').where('id', id).update({ status: 'REVOKED', revoked_by: by, revoked_at: trx.fn.now(), revocation_reason: reason, updated_at: trx.fn.now() });

// --- Records resting on a basis (Art. 33, 39) -----------------------------------------------

/** Serialises recording on one document for one subject: two callers at once meet here (one act, one record). */
export async function lockBasisOfSubject(trx: Knex.Transaction, subjectId: string, documentNumber: string): Promise<void> {
  await trx.raw(`select pg_advisory_xact_lock(hashtext(?))`, [`basis:${subjectId}:${documentNumber}`]);
}

/** The subject's record on the document that still counts (in force, repaired or past its period; not removed). */
export const standingRecordOn = (db: Knex, subjectId: string, documentNumber: string): Promise<{ id: string; status: string } | undefined> =>
  db('dishonesty_records').where({ subject_id: subjectId, basis_document_number: documentNumber }).whereNot('status', 'REMOVED').orderBy('id').first('id', 'status');

/** The unique index backing one act, one record (migration 20261204000011). */
export const ONE_ACT_INDEX = 'dishonesty_records_one_act';

/** Records resting on a sector's document that have not left view yet, locked. */
export const recordsOnBasis = (trx: Knex.Transaction, sector: string, documentNumber: string): Promise<string[]> =>
  trx('dishonesty_records')
    .where({ basis_sector: sector, basis_document_number: documentNumber })
    .whereNot('status', 'REMOVED')
    .orderBy('id')
    .forUpdate()
    .pluck('id')
    .then((ids: unknown[]) => ids.map(String));

/** Records among these ids that have not left view yet, locked. */
export const standingRecords = (trx: Knex.Transaction, ids: readonly string[]): Promise<string[]> =>
  ids.length
    ? trx('dishonesty_records').whereIn('id', [...ids]).whereNot('status', 'REMOVED').orderBy('id').forUpdate().pluck('id').then((rows: unknown[]) => rows.map(String))
    : Promise.resolve([]);

/** Out of view and sharing; Art. 32: the measures on it stop with it. */
export async function removeRecord(trx: Knex.Transaction, recordId: string, why: string): Promise<void> {
  await trx('dishonesty_records').where('id', recordId).update({ status: 'REMOVED', removed_at: trx.fn.now(), updated_at: trx.fn.now() });
  await trx('applied_measures').where('dishonesty_record_id', recordId).whereNull('stopped_at').update({ stopped_at: trx.fn.now(), stop_reason: why });
}
