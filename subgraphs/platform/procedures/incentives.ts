/**
 * Trustworthiness incentives (Art. 30-31): only under a published criterion, decided on a
 * document and published on the platform at once; never for a subject with a dishonesty
 * record in force or on the serious-dishonesty list.
 */
import { errors } from '@credit-hub/schema';
import { SOURCE_COLUMNS, withSources, type SubgraphContext } from '@credit-hub/runtime';
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
    .returning([
      'id',
      'subject_id as subjectId',
      'criterion_code as criterionCode',
      'criterion',
      'decision_document_number as decisionDocumentNumber',
      'decided_on as decidedOn',
      'published_on as publishedOn',
      'valid_until as validUntil',
      ...SOURCE_COLUMNS,
    ]);
  return withSources(rows)[0];
}
