/**
 * Trustworthiness incentives (Art. 30-31): only under a published criterion, decided on a
 * document and published on the platform at once; never for a subject with a dishonesty
 * record in force or on the serious-dishonesty list.
 */
import { errors } from '@credit-hub/schema';
import { withSources, type SubgraphContext } from '@credit-hub/runtime';
import { INCENTIVE_COLUMNS } from '../store/index.js';
import { agencyOf } from './dishonesty.js';
import { GOVERNMENT, requireActor, requireText } from './rules.js';

export async function grantIncentive(
  context: SubgraphContext<unknown>,
  input: { subjectId: string; criterionCode: string; decisionDocumentNumber: string; validYears?: number | null },
) {
  requireActor(context, { roles: GOVERNMENT, purposes: ['INCENTIVE_REVIEW'], article: 'Art. 31', step: 'Granting an incentive' });
  requireText({ decisionDocumentNumber: input.decisionDocumentNumber }, 'Art. 31');
  const years = input.validYears ?? 2;
  if (!Number.isInteger(years) || years < 1 || years > 3) {
    throw errors.badUserInput(`An incentive listing is valid for 1 to 3 years, not ${years}.`, { argument: 'input.validYears' });
  }
  const criterion = await context.db('incentive_criteria')
    .where('code', input.criterionCode)
    .where('published_on', '<=', context.today)
    .whereNull('withdrawn_on')
    .first('code', 'name');
  if (!criterion) {
    throw errors.procedureViolation(`${input.criterionCode} is not a published incentive criterion (Art. 30: criteria are published first).`, 'Art. 30');
  }
  const subject = await context.db('subjects').where('id', input.subjectId).first('id');
  if (!subject) throw errors.badUserInput(`No subject ${input.subjectId} in the register.`, { argument: 'input.subjectId' });
  const dishonest = await context.db('dishonesty_records')
    .where({ subject_id: input.subjectId, status: 'ACTIVE' })
    .where('disclosure_until', '>=', context.today)
    .first('id');
  const listed = await context.db('serious_dishonesty_listings').where('subject_id', input.subjectId).whereNot('status', 'REMOVED').first('id');
  if (dishonest || listed) {
    throw errors.procedureViolation(
      `Subject ${input.subjectId} has ${dishonest ? 'a dishonesty record in force' : 'a serious-dishonesty listing'}: no incentive (Art. 30).`,
      'Art. 30',
    );
  }
  const validUntil = new Date(`${context.today}T00:00:00Z`);
  validUntil.setUTCFullYear(validUntil.getUTCFullYear() + years);
  const sector = context.identity.caller.sector ?? 'PLATFORM';
  const rows = await context.db('incentive_listings')
    .insert({
      subject_id: input.subjectId,
      criterion_code: criterion.code,
      criterion: criterion.name,
      decision_document_number: input.decisionDocumentNumber.trim(),
      decided_on: context.today,
      published_on: context.today, // Art. 31: published on the platform
      valid_until: validUntil.toISOString().slice(0, 10),
      source_agency: agencyOf(sector),
      source_system: '守信激励对象名单管理',
    })
    .returning(INCENTIVE_COLUMNS);
  return withSources(rows)[0];
}

/** Art. 31: a sector applies one of its own incentive measures on a valid incentive listing. */
export async function applyIncentiveMeasure(
  context: SubgraphContext<unknown>,
  input: { subjectId: string; measureCode: string; incentiveListingId: string },
) {
  requireActor(context, { roles: ['SECTOR_AGENCY'], purposes: ['INCENTIVE_REVIEW'], article: 'Art. 31', step: 'Applying an incentive measure' });
  const measure = await context.db('incentive_measures').where('code', input.measureCode).first('code', 'sector');
  if (!measure) throw errors.procedureViolation(`${input.measureCode} is not a published incentive measure (Art. 31).`, 'Art. 31');
  const { caller } = context.identity;
  if (measure.sector !== caller.sector) {
    throw errors.forbidden(`${measure.code} is applied by ${measure.sector}, not ${caller.sector} (Art. 31: within their powers).`, {
      reason: 'NOT_THE_STEP_OWNER',
      purpose: context.identity.purpose,
      article: 'Art. 31',
    });
  }
  const listing = await context.db('incentive_listings')
    .where({ id: input.incentiveListingId, subject_id: input.subjectId })
    .where('valid_until', '>=', context.today)
    .whereNotNull('published_on')
    .first('id');
  if (!listing) {
    throw errors.procedureViolation(`Subject ${input.subjectId} has no valid incentive listing ${input.incentiveListingId} (Art. 31).`, 'Art. 31');
  }
  const [row] = await context.db('applied_incentives')
    .insert({ subject_id: input.subjectId, measure_code: measure.code, incentive_listing_id: listing.id, applied_by_sector: caller.sector, applied_by: caller.sub })
    .returning(['id', 'subject_id as subjectId', 'measure_code as measureCode', 'applied_by_sector as appliedBySector', 'applied_at as appliedAt']);
  return row;
}
