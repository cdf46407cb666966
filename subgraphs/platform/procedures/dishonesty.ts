/**
 * Recording a dishonest act (Art. 33-34): only on a basis document of a kind Art. 33
 * allows, verified where it is held to bind the subject and to stand (basis.ts), never
 * without the notice to the subject that Art. 34 requires, and once per act: one document
 * grounds one standing record of a subject, whichever mutation records it, also when two
 * callers submit it at the same moment. The severity tier sets the disclosure period.
 */
import type { Knex } from 'knex';
import { errors, subgraphInfo, SUBGRAPHS, type Sector, type SubgraphName } from '@credit-hub/schema';
import type { SubgraphContext } from '@credit-hub/runtime';
import { dishonestyRecordsById } from '../store/index.js';
import { lockBasisOfSubject, ONE_ACT_INDEX, standingRecordOn } from '../store/legal-documents.js';
import { basisViolation, verifyBasis, type BasisKind } from './basis.js';
import { addMonths, DISCLOSURE_MONTHS, GOVERNMENT, requireActor, requireText } from './rules.js';

export interface RecordDishonestyInput {
  subjectId: string;
  summary: string;
  severity: keyof typeof DISCLOSURE_MONTHS;
  basisKind: BasisKind;
  basisDocumentNumber: string;
  legalBasis: string;
  notice: { nature: string; reason: string; removalConditions: string; remedies: string; liftingConditions?: string | null };
  disclosureMonths?: number | null;
}

export const agencyOf = (sector: Sector) => SUBGRAPHS.find((info) => info.sector === sector)?.agency ?? sector;

export async function recordDishonesty(
  context: SubgraphContext<unknown>,
  input: RecordDishonestyInput,
  urlOf: (name: SubgraphName) => string | undefined,
) {
  requireActor(context, { roles: GOVERNMENT, purposes: ['JOINT_PUNISHMENT'], article: 'Art. 33', step: 'Recording a dishonest act' });
  const { caller } = context.identity;
  const subject = await context.db('subjects').where('id', input.subjectId).first('id');
  if (!subject) throw errors.badUserInput(`No subject ${input.subjectId} in the register.`, { argument: 'input.subjectId' });
  // Art. 34: the notice is part of the record.
  requireText(
    { summary: input.summary, 'notice.nature': input.notice.nature, 'notice.reason': input.notice.reason, 'notice.removalConditions': input.notice.removalConditions, 'notice.remedies': input.notice.remedies, legalBasis: input.legalBasis },
    'Art. 34',
  );
  const tier = DISCLOSURE_MONTHS[input.severity];
  const months = input.disclosureMonths ?? tier.max;
  if (!Number.isInteger(months) || months < tier.min || months > tier.max) {
    throw errors.badUserInput(`A ${input.severity} act is disclosed for ${tier.min} to ${tier.max} months, not ${months}.`, { argument: 'input.disclosureMonths' });
  }
  const basis = await verifyBasis(input, {
    urlOf,
    identity: { authorization: context.authorization, purpose: context.identity.purpose, requestHeaders: context.requestHeaders },
    today: context.today,
    db: context.db,
  });
  // Art. 6: each sector determines the acts of its own field; the platform may record any.
  if (caller.role === 'SECTOR_AGENCY' && caller.sector !== basis.sector) {
    throw errors.forbidden(`A ${caller.sector} agency cannot record an act determined by ${basis.sector} (Art. 6).`, {
      reason: 'NOT_THE_STEP_OWNER',
      purpose: context.identity.purpose,
      article: 'Art. 6',
    });
  }
  const id = await insertOnce(context.db, input.subjectId, basis.documentNumber, (trx) =>
    trx('dishonesty_records')
      .insert({
        subject_id: input.subjectId,
        summary: input.summary.trim(),
        severity: input.severity,
        owning_sector: basis.sector,
        basis_kind: input.basisKind,
        basis_document_number: basis.documentNumber,
        basis_sector: basis.sector,
        legal_basis: input.legalBasis.trim(),
        notice_nature: input.notice.nature,
        notice_reason: input.notice.reason,
        notice_basis: `${input.legalBasis.trim()}；${basis.documentNumber}`,
        notice_removal_conditions: input.notice.removalConditions,
        notice_remedies: input.notice.remedies,
        notice_lifting_conditions: input.notice.liftingConditions ?? null,
        notice_served_at: new Date(),
        decided_on: basis.decidedOn,
        disclosure_until: addMonths(basis.decidedOn, months),
        source_agency: agencyOf(basis.sector),
        source_system: subgraphInfo('platform').agency === agencyOf(basis.sector) ? '信用信息共享平台' : `${agencyOf(basis.sector)}信用信息报送`,
      })
      .returning('id')
      .then(([row]) => String(row.id)),
  );
  const [record] = await dishonestyRecordsById(context.db, [id]);
  return record;
}

const isOneActViolation = (error: unknown) =>
  (error as { code?: string; constraint?: string }).code === '23505' && (error as { constraint?: string }).constraint === ONE_ACT_INDEX;

const oneActViolation = (documentNumber: string, subjectId: string, recordId?: string) =>
  basisViolation(
    `Document ${documentNumber} already grounds a dishonesty record of subject ${subjectId}${recordId ? ` (record ${recordId})` : ''}: one act, one record (Art. 33).`,
    'ONE_ACT_ONE_RECORD',
    documentNumber,
    recordId ? { recordId } : {},
  );

/**
 * Art. 33, one act one record: inserts the record unless the subject already has one on
 * the document, under a lock both recording mutations take, with the unique index behind
 * it. `existing` turns an existing record into the answer instead of a refusal (a
 * government default recorded again is the same default).
 */
export async function insertOnce(
  db: Knex,
  subjectId: string,
  documentNumber: string,
  insert: (trx: Knex.Transaction) => Promise<string>,
  existing?: (recordId: string) => string,
): Promise<string> {
  try {
    return await db.transaction(async (trx) => {
      await lockBasisOfSubject(trx, subjectId, documentNumber);
      const standing = await standingRecordOn(trx, subjectId, documentNumber);
      if (standing) {
        if (existing) return existing(String(standing.id));
        throw oneActViolation(documentNumber, subjectId, String(standing.id));
      }
      return insert(trx);
    });
  } catch (error) {
    if (!isOneActViolation(error)) throw error;
    // Another path got there first without the lock (a record written before this release's lock): the same answer.
    const standing = await standingRecordOn(db, subjectId, documentNumber);
    if (existing && standing) return existing(String(standing.id));
    throw oneActViolation(documentNumber, subjectId, standing ? String(standing.id) : undefined);
  }
}
