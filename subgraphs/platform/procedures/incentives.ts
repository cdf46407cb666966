/**
 * Trustworthiness incentives (Art. 30-31): only under a published criterion, decided on a
 * document and published on the platform at once; never for a subject with a dishonesty
 * record in force or on the serious-dishonesty list; and only where the criterion's own
 * checks (migrations/catalogue.json) hold against the records they speak of, across sectors,
 * at the moment of the grant. A new dishonesty record or listing ends the subject's
 * incentives (the platform's migration 20261203000001: a trigger, whichever step writes it).
 */
import { errors, type SubgraphName } from '@credit-hub/schema';
import { callSubgraph, withSources, type IncentiveCheck, type SubgraphContext } from '@credit-hub/runtime';
import {
  criterionForGrant,
  dishonestNow,
  dishonestyDecidedSince,
  incentiveMeasureByCode,
  insertAppliedIncentive,
  insertIncentiveListing,
  listingSince,
  subjectKind,
  validIncentiveListing,
} from '../store/procedures.js';
import { agencyOf } from './dishonesty.js';
import { GOVERNMENT, requireActor, requireText } from './rules.js';

export async function grantIncentive(
  context: SubgraphContext<unknown>,
  input: { subjectId: string; criterionCode: string; decisionDocumentNumber: string; validYears?: number | null },
  urlOf: (name: SubgraphName) => string | undefined,
) {
  requireActor(context, { roles: GOVERNMENT, purposes: ['INCENTIVE_REVIEW'], article: 'Art. 31', step: 'Granting an incentive' });
  requireText({ decisionDocumentNumber: input.decisionDocumentNumber }, 'Art. 31');
  const years = input.validYears ?? 2;
  if (!Number.isInteger(years) || years < 1 || years > 3) {
    throw errors.badUserInput(`An incentive listing is valid for 1 to 3 years, not ${years}.`, { argument: 'input.validYears' });
  }
  const criterion = await criterionForGrant(context.db, input.criterionCode, context.today);
  if (!criterion) {
    throw errors.procedureViolation(`${input.criterionCode} is not a published incentive criterion (Art. 30: criteria are published first).`, 'Art. 30');
  }
  const subject = await subjectKind(context.db, input.subjectId);
  if (!subject) throw errors.badUserInput(`No subject ${input.subjectId} in the register.`, { argument: 'input.subjectId' });
  if ((criterion.subjects === 'PERSON') !== (subject.kind === 'NATURAL_PERSON') && criterion.subjects !== 'ANY') {
    throw errors.procedureViolation(`${criterion.code} is a criterion for ${criterion.subjects === 'PERSON' ? 'natural persons' : 'organisations'} (Art. 30).`, 'Art. 30', { rule: 'CRITERION_NOT_FOR_SUBJECT' });
  }
  const { dishonest, listed } = await dishonestNow(context.db, input.subjectId, context.today);
  if (dishonest || listed) {
    throw errors.procedureViolation(
      `Subject ${input.subjectId} has ${dishonest ? 'a dishonesty record in force' : 'a serious-dishonesty listing'}: no incentive (Art. 30).`,
      'Art. 30',
      { rule: 'INCENTIVE_WHILE_DISHONEST' },
    );
  }
  // Art. 30: the criterion's own checks, against the records they speak of, at the moment of the grant.
  for (const check of criterion.checks) await passCheck(context, input.subjectId, criterion.code, check, urlOf);
  const validUntil = new Date(`${context.today}T00:00:00Z`);
  validUntil.setUTCFullYear(validUntil.getUTCFullYear() + years);
  const sector = context.identity.caller.sector ?? 'PLATFORM';
  const rows = await insertIncentiveListing(context.db, {
    subject_id: input.subjectId,
    criterion_code: criterion.code,
    criterion: criterion.name,
    decision_document_number: input.decisionDocumentNumber.trim(),
    decided_on: context.today,
    published_on: context.today, // Art. 31: published on the platform
    valid_until: validUntil.toISOString().slice(0, 10),
    source_agency: agencyOf(sector),
    source_system: '守信激励对象名单管理',
  });
  return withSources(rows)[0];
}

/** Art. 31: a sector applies one of its own incentive measures on a valid incentive listing. */
export async function applyIncentiveMeasure(
  context: SubgraphContext<unknown>,
  input: { subjectId: string; measureCode: string; incentiveListingId: string },
) {
  requireActor(context, { roles: ['SECTOR_AGENCY'], purposes: ['INCENTIVE_REVIEW'], article: 'Art. 31', step: 'Applying an incentive measure' });
  const measure = await incentiveMeasureByCode(context.db, input.measureCode);
  if (!measure) throw errors.procedureViolation(`${input.measureCode} is not a published incentive measure (Art. 31).`, 'Art. 31');
  const { caller } = context.identity;
  if (measure.sector !== caller.sector) {
    throw errors.forbidden(`${measure.code} is applied by ${measure.sector}, not ${caller.sector} (Art. 31: within their powers).`, {
      reason: 'NOT_THE_STEP_OWNER',
      purpose: context.identity.purpose,
      article: 'Art. 31',
    });
  }
  const listing = await validIncentiveListing(context.db, input.subjectId, input.incentiveListingId, context.today);
  if (!listing) {
    throw errors.procedureViolation(`Subject ${input.subjectId} has no valid incentive listing ${input.incentiveListingId} (Art. 31).`, 'Art. 31');
  }
  const [row] = await insertAppliedIncentive(context.db, { subject_id: input.subjectId, measure_code: measure.code, incentive_listing_id: listing.id, applied_by_sector: caller.sector, applied_by: caller.sub });
  return row;
}

const yearsAgo = (today: string, years: number) => `${Number(today.slice(0, 4)) - years}${today.slice(4)}`;

/** One check of a criterion, or the refusal naming it (Art. 30). */
async function passCheck(context: SubgraphContext<unknown>, subjectId: string, criterion: string, check: IncentiveCheck | { kind: string; years?: number }, urlOf: (name: SubgraphName) => string | undefined) {
  const refuse = (what: string) =>
    errors.procedureViolation(`${criterion} is not met by subject ${subjectId}: ${what} (Art. 30).`, 'Art. 30', { rule: 'CRITERION_NOT_MET', criterion, check: check.kind });
  if (check.kind === 'NO_DISHONESTY_RECORD') {
    const record = await dishonestyDecidedSince(context.db, subjectId, yearsAgo(context.today, check.years!));
    if (record) throw refuse(`dishonesty record ${record.id} was decided on ${record.decidedOn}, within ${check.years} years`);
  } else if (check.kind === 'NO_SERIOUS_LISTING') {
    const listing = await listingSince(context.db, subjectId, yearsAgo(context.today, check.years!));
    if (listing) throw refuse(`serious-dishonesty listing ${listing.id} (${listing.status}) lies within ${check.years} years`);
  } else if (check.kind === 'NOT_A_DISHONEST_JUDGMENT_DEBTOR') {
    // Asked of the courts on the caller's own rights: the policy and the audit apply there.
    const url = urlOf('courts');
    const answer = url
      ? await callSubgraph<{ _entities: Array<{ dishonestJudgmentDebtor: { caseNumber: string } | null } | null> }>(
          url,
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on Subject { dishonestJudgmentDebtor { caseNumber } } } }`,
          { r: [{ __typename: 'Subject', id: subjectId }] },
          { authorization: context.authorization, purpose: context.identity.purpose, requestHeaders: context.requestHeaders },
        ).catch(() => null)
      : null;
    if (!answer || answer.errors.length) throw errors.subgraphUnavailable('courts', 'The courts could not say whether the subject is a dishonest judgment debtor; no incentive is granted without it (Art. 30).');
    const entry = answer.data?._entities?.[0]?.dishonestJudgmentDebtor;
    if (entry) throw refuse(`it is a dishonest judgment debtor (case ${entry.caseNumber})`);
  } else {
    throw refuse(`the catalogue's check ${check.kind} is unknown to this hub`);
  }
}
