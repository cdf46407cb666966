/**
 * What a subject does about its own information (Art. 15, 26-27, 42) and the registry of
 * credit service agencies (Art. 44-48).
 */
import { errors } from '@credit-hub/schema';
import { requireActor, requireText, SOURCE_COLUMNS, withSources, type SubgraphContext } from '@credit-hub/runtime';
import { agencyOf } from './dishonesty.js';

type Context = SubgraphContext<unknown>;

/** The calling credit subject, or FORBIDDEN: these are a subject's own acts. */
function selfOf(context: Context, step: string, article: string): string {
  const { caller } = context.identity;
  if (caller.role !== 'CREDIT_SUBJECT' || !caller.sub) {
    throw errors.forbidden(`${step} is for the credit subject itself (${article}).`, { reason: 'NOT_THE_STEP_OWNER', purpose: context.identity.purpose, article });
  }
  return caller.sub;
}

/** Purposes a subject may open its AUTHORIZED information for: those agencies may declare. */
const AUTHORISABLE = ['CREDIT_REPORT', 'FINANCIAL_SERVICES'];
const MAX_AUTHORISATION_DAYS = 3 * 366;

const AUTHORISATION_COLUMNS = ['id', 'subject_id as subjectId', 'agency_id as agencyId', 'purposes', 'granted_at as grantedAt', 'expires_at as expiresAt', 'revoked_at as revokedAt'];

export async function grantAuthorisation(context: Context, input: { agencyId: string; purposes: string[]; expiresAt: string }) {
  const subjectId = selfOf(context, 'Granting an authorisation', 'Art. 26');
  const agency = await context.db('credit_service_agencies').where('id', input.agencyId).first('id');
  if (!agency) throw errors.badUserInput(`${input.agencyId} is not a registered credit service agency (Art. 44).`, { argument: 'input.agencyId' });
  const purposes = [...new Set(input.purposes)];
  const wrong = purposes.filter((purpose) => !AUTHORISABLE.includes(purpose));
  if (purposes.length === 0 || wrong.length) {
    throw errors.badUserInput(`An agency can be authorised for ${AUTHORISABLE.join(' and ')} only${wrong.length ? `, not ${wrong.join(', ')}` : ''}.`, { argument: 'input.purposes' });
  }
  const expires = new Date(input.expiresAt);
  const days = (expires.getTime() - Date.now()) / 86_400_000;
  if (!(days > 0) || days > MAX_AUTHORISATION_DAYS) {
    throw errors.badUserInput('expiresAt must be in the future and at most three years ahead (Art. 42: scope and term bound the use).', { argument: 'input.expiresAt' });
  }
  const [row] = await context.db('authorisations').insert({ subject_id: subjectId, agency_id: agency.id, purposes, expires_at: expires }).returning(AUTHORISATION_COLUMNS);
  return row;
}

export async function revokeAuthorisation(context: Context, id: string) {
  const subjectId = selfOf(context, 'Revoking an authorisation', 'Art. 26');
  const [row] = await context.db('authorisations')
    .where({ id, subject_id: subjectId })
    .update({ revoked_at: context.db.raw('coalesce(revoked_at, now())') })
    .returning(AUTHORISATION_COLUMNS);
  if (!row) throw errors.badUserInput(`No authorisation ${id} of yours.`, { argument: 'id' });
  return row;
}

export async function submitCommitment(context: Context, input: { kind: string; content: string }) {
  const subjectId = selfOf(context, 'Making a commitment', 'Art. 15, 27');
  if (input.kind === 'CREDIT_REPAIR') {
    throw errors.badUserInput('A credit repair commitment is made with the repair application (Art. 40).', { argument: 'input.kind' });
  }
  requireText({ content: input.content }, 'Art. 27');
  const rows = await context.db('commitments')
    .insert({
      subject_id: subjectId,
      kind: input.kind,
      content: input.content.trim(),
      made_on: context.today,
      published: true, // Art. 15: public commitments
      source_agency: '信用主体自主申报',
      source_system: '信用承诺与自主申报',
      info_class: 'NON_PUBLIC', // Art. 3: self-declarations are non-public credit information
    })
    .returning(['id', 'subject_id as subjectId', 'kind', 'content', 'made_on as madeOn', 'published', 'breached_on as breachedOn', ...SOURCE_COLUMNS]);
  return withSources(rows)[0];
}

const OPERATOR_RULE = { roles: ['PLATFORM_OPERATOR'] as const, purposes: ['REGULATORY_SUPERVISION'], article: 'Art. 44' };

export async function registerAgency(context: Context, input: { agencyId: string; commitment: string }) {
  requireActor(context, { ...OPERATOR_RULE, step: 'Registering a credit service agency' });
  requireText({ commitment: input.commitment }, 'Art. 44');
  const subject = await context.db('subjects').where('id', input.agencyId).whereNot('kind', 'NATURAL_PERSON').first('id', 'name');
  if (!subject) throw errors.badUserInput(`${input.agencyId} is not a registered organisation.`, { argument: 'input.agencyId' });
  const [row] = await context.db('credit_service_agencies')
    .insert({ id: subject.id, name: subject.name, registered_on: context.today, commitment: input.commitment.trim(), registered_by: context.identity.caller.sub })
    .onConflict('id')
    .merge(['commitment'])
    .returning(['id', 'name', 'registered_on as registeredOn', 'commitment']);
  return row;
}

/** Art. 48: the fine ranges, by who is penalised. */
export const FINE_RANGES = { UNIT: [20_000, 200_000], INDIVIDUAL: [10_000, 50_000] } as const;

export async function recordAgencyViolation(
  context: Context,
  input: { agencyId: string; kind: string; description: string; offenderKind: string; fine: string; confiscatedGains?: string | null; decisionDocumentNumber: string },
) {
  requireActor(context, { ...OPERATOR_RULE, article: 'Art. 48', step: 'Recording an agency violation' });
  requireText({ description: input.description, decisionDocumentNumber: input.decisionDocumentNumber }, 'Art. 48');
  if (!['FALSE_PROMISE', 'MALICIOUS_RATING', 'FALSE_REPORT'].includes(input.kind)) {
    throw errors.badUserInput(`kind must be one of the Art. 45 violations FALSE_PROMISE, MALICIOUS_RATING, FALSE_REPORT; got ${input.kind}.`, { argument: 'input.kind' });
  }
  const range = FINE_RANGES[input.offenderKind as keyof typeof FINE_RANGES];
  if (!range) throw errors.badUserInput(`offenderKind must be UNIT or INDIVIDUAL, got ${input.offenderKind}.`, { argument: 'input.offenderKind' });
  const fine = Number(input.fine);
  if (fine < range[0] || fine > range[1]) {
    throw errors.procedureViolation(
      `A fine on ${input.offenderKind === 'UNIT' ? 'a unit' : 'an individual'} under Art. 48 is CNY ${range[0]}-${range[1]}, not ${input.fine}.`,
      'Art. 48',
      { min: range[0], max: range[1] },
    );
  }
  const agency = await context.db('credit_service_agencies').where('id', input.agencyId).first('id');
  if (!agency) throw errors.badUserInput(`${input.agencyId} is not a registered credit service agency.`, { argument: 'input.agencyId' });
  const [row] = await context.db('agency_violations')
    .insert({
      agency_id: agency.id,
      kind: input.kind,
      description: input.description.trim(),
      offender_kind: input.offenderKind,
      fine: input.fine,
      confiscated_gains: input.confiscatedGains ?? '0',
      decision_document_number: input.decisionDocumentNumber.trim(),
      decided_on: context.today,
      decided_by: context.identity.caller.sub ?? agencyOf('PLATFORM'),
    })
    .returning(['id', 'agency_id as agencyId', 'kind', 'description', 'offender_kind as offenderKind', 'fine', 'confiscated_gains as confiscatedGains', 'decision_document_number as decisionDocumentNumber', 'decided_on as decidedOn']);
  return row;
}

/** Art. 15: a commitment is tracked for breach; an agency records one on a document. */
export async function recordCommitmentBreach(context: Context, id: string, documentNumber: string) {
  requireActor(context, { roles: ['SECTOR_AGENCY', 'PLATFORM_OPERATOR'], purposes: ['REGULATORY_SUPERVISION', 'JOINT_PUNISHMENT'], article: 'Art. 15', step: 'Recording a broken commitment' });
  requireText({ documentNumber }, 'Art. 15');
  return context.db.transaction(async (trx) => {
    const commitment = await trx('commitments').where('id', id).forUpdate().first('id', 'breached_on');
    if (!commitment) throw errors.badUserInput(`No commitment ${id}.`, { argument: 'id' });
    if (commitment.breached_on) throw errors.procedureViolation(`Commitment ${id} was already found broken on ${commitment.breached_on}.`, 'Art. 15');
    const rows = await trx('commitments')
      .where('id', id)
      .update({ breached_on: context.today, updated_at: trx.fn.now() })
      .returning(['id', 'subject_id as subjectId', 'kind', 'content', 'made_on as madeOn', 'published', 'breached_on as breachedOn', ...SOURCE_COLUMNS]);
    return withSources(rows)[0];
  });
}
