/**
 * Recording a dishonest act (Art. 33-34): only on a basis document of a kind Art. 33
 * allows, verified in the sector subgraph that holds it, and never without the notice to
 * the subject that Art. 34 requires. The severity tier sets the disclosure period.
 */
import { errors, subgraphInfo, SUBGRAPHS, type Sector, type SubgraphName } from '@credit-hub/schema';
import type { SubgraphContext } from '@credit-hub/runtime';
import { dishonestyRecordsById } from '../store/index.js';
import { verifyBasis, type BasisKind } from './basis.js';
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
    callerSector: caller.sector,
  });
  // Art. 6: each sector determines the acts of its own field; the platform may record any.
  if (caller.role === 'SECTOR_AGENCY' && caller.sector !== basis.sector) {
    throw errors.forbidden(`A ${caller.sector} agency cannot record an act determined by ${basis.sector} (Art. 6).`, {
      reason: 'NOT_THE_STEP_OWNER',
      purpose: context.identity.purpose,
      article: 'Art. 6',
    });
  }
  const [row] = await context.db('dishonesty_records')
    .insert({
      subject_id: input.subjectId,
      summary: input.summary.trim(),
      severity: input.severity,
      owning_sector: basis.sector,
      basis_kind: input.basisKind,
      basis_document_number: input.basisDocumentNumber.trim(),
      basis_sector: basis.sector,
      legal_basis: input.legalBasis.trim(),
      notice_nature: input.notice.nature,
      notice_reason: input.notice.reason,
      notice_basis: `${input.legalBasis.trim()}；${input.basisDocumentNumber.trim()}`,
      notice_removal_conditions: input.notice.removalConditions,
      notice_remedies: input.notice.remedies,
      notice_lifting_conditions: input.notice.liftingConditions ?? null,
      notice_served_at: new Date(),
      decided_on: basis.decidedOn,
      disclosure_until: addMonths(basis.decidedOn, months),
      source_agency: agencyOf(basis.sector),
      source_system: subgraphInfo('platform').agency === agencyOf(basis.sector) ? '信用信息共享平台' : `${agencyOf(basis.sector)}信用信息报送`,
    })
    .returning('id');
  const [record] = await dishonestyRecordsById(context.db, [String(row.id)]);
  return record;
}
