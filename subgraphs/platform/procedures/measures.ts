/**
 * Applying punishment (Art. 32): only measures of the catalogue, only by the sector that
 * applies them, only on a dishonesty record in force or a published listing of the subject.
 */
import { errors } from '@credit-hub/schema';
import type { SubgraphContext } from '@credit-hub/runtime';
import { measuresByCodes } from '../store/procedures.js';
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
  const basis = input.dishonestyRecordId
    ? await context.db('dishonesty_records')
        .where({ id: input.dishonestyRecordId, subject_id: input.subjectId, status: 'ACTIVE' })
        .where('disclosure_until', '>=', context.today)
        .first('id')
    : await context.db('serious_dishonesty_listings').where({ id: input.listingId, subject_id: input.subjectId, status: 'PUBLISHED' }).first('id');
  if (!basis) {
    throw errors.procedureViolation(
      `Subject ${input.subjectId} has no ${input.dishonestyRecordId ? 'dishonesty record in force' : 'published listing'} numbered ${input.dishonestyRecordId ?? input.listingId}: no measure without one (Art. 32, 33).`,
      'Art. 32',
    );
  }
  const [row] = await context.db('applied_measures')
    .insert({
      subject_id: input.subjectId,
      measure_code: measure.code,
      dishonesty_record_id: input.dishonestyRecordId ?? null,
      listing_id: input.listingId ?? null,
      applied_by_sector: caller.sector,
      applied_by: caller.sub,
    })
    .returning(['id', 'subject_id as subjectId', 'measure_code as measureCode', 'applied_by_sector as appliedBySector', 'applied_at as appliedAt', 'stopped_at as stoppedAt', 'stop_reason as stopReason']);
  return row;
}
