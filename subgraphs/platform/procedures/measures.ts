/**
 * Applying punishment (Art. 32): only measures of the catalogue, only by the sector that
 * applies them, only on a dishonesty record in force or a published listing of the subject,
 * only where the record's tier reaches the measure's minimum tier (Art. 35), its notice
 * gives lifting conditions (Art. 34), and a listing's decision names the measure (Art. 36).
 */
import { errors } from '@credit-hub/schema';
import type { SubgraphContext } from '@credit-hub/runtime';
import { insertAppliedMeasure, measureBasis, measuresByCodes } from '../store/procedures.js';
import { requireActor } from './rules.js';

export async function applyMeasure(
  context: SubgraphContext<unknown>,
  input: { subjectId: string; measureCode: string; dishonestyRecordId?: string | null; listingId?: string | null },
) {
  requireActor(context, { roles: ['SECTOR_AGENCY'], purposes: ['JOINT_PUNISHMENT'], article: 'Art. 32', step: 'Applying a punishment measure' });
  const [measure] = await measuresByCodes(context.db, [input.measureCode]);
  if (!measure) {
    throw errors.procedureViolation(`${input.measureCode} is not in the punishment measure catalogue (Art. 32: nothing beyond the list).`, 'Art. 32');
  }
  const { caller } = context.identity;
  if (measure.sector !== caller.sector) {
    throw errors.forbidden(`${measure.code} is applied by ${measure.sector}, not ${caller.sector} (Art. 32).`, {
      reason: 'NOT_THE_STEP_OWNER',
      purpose: context.identity.purpose,
      article: 'Art. 32',
    });
  }
  if (!input.dishonestyRecordId === !input.listingId) {
    throw errors.badUserInput('Name exactly one of dishonestyRecordId and listingId: the record the measure rests on.', { argument: 'input' });
  }
  const basis = await measureBasis(context.db, input.subjectId, context.today, input);
  const what = input.dishonestyRecordId ? `dishonesty record ${input.dishonestyRecordId}` : `listing ${input.listingId}`;
  if (!basis) {
    throw errors.procedureViolation(
      `Subject ${input.subjectId} has no ${input.dishonestyRecordId ? 'dishonesty record in force' : 'published listing'} numbered ${input.dishonestyRecordId ?? input.listingId}: no measure without one (Art. 32, 33).`,
      'Art. 32',
      { rule: 'MEASURE_NEEDS_BASIS' },
    );
  }
  // Art. 32, 35: a measure answers to a tier; a lighter record cannot carry it.
  if (TIERS.indexOf(basis.severity) < TIERS.indexOf(measure.severity)) {
    throw errors.procedureViolation(
      `${measure.code} rests only on a ${measure.severity} record or heavier; ${what} is ${basis.severity} (Art. 32, 35: proportionate to the tier).`,
      'Art. 32',
      { rule: 'MEASURE_ABOVE_TIER', measure: measure.code, minimumTier: measure.severity, tier: basis.severity },
    );
  }
  // Art. 34: where measures are imposed, the notice states the conditions for lifting them.
  if (!basis.liftingConditions?.trim()) {
    throw errors.procedureViolation(
      `${what} gives no conditions for lifting measures: none may be imposed on it (Art. 34).`,
      'Art. 34',
      { rule: 'MEASURE_WITHOUT_LIFTING_CONDITIONS' },
    );
  }
  // Art. 36: a listing carries the measures its decision names, and no others.
  const decided = 'decidedMeasures' in basis ? (basis.decidedMeasures as string[] | null) ?? [] : null;
  if (decided && !decided.includes(measure.code)) {
    throw errors.procedureViolation(
      `The decision on ${what} names ${decided.join(', ') || 'no measures'}, not ${measure.code} (Art. 36).`,
      'Art. 36',
      { rule: 'MEASURE_NOT_DECIDED', measure: measure.code },
    );
  }
  const [row] = await insertAppliedMeasure(context.db, {
    subject_id: input.subjectId,
    measure_code: measure.code,
    dishonesty_record_id: input.dishonestyRecordId ?? null,
    listing_id: input.listingId ?? null,
    applied_by_sector: caller.sector,
    applied_by: caller.sub,
  });
  return row;
}

/** Dishonesty tiers, lightest first (Art. 35). */
const TIERS = ['MINOR', 'GENERAL', 'SERIOUS'];
