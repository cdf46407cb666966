/**
 * The serious-dishonesty list (Art. 35-37) as a state machine: PROPOSED → NOTIFIED →
 * (OBJECTED → OBJECTION_ANSWERED) → DECIDED → PUBLISHED → REMOVED. Each step locks the
 * listing row, checks the caller's sector owns the step (the proposing sector, or the
 * platform where it is the platform's: rules.ts), checks the step is next, records who took
 * it, when and on which document, and commits all of it or nothing.
 */
import type { Knex } from 'knex';
import { errors, type SubgraphName } from '@credit-hub/schema';
import { callSubgraph, explainChange, type SubgraphContext } from '@credit-hub/runtime';
import { listingsById } from '../store/index.js';
import { lockListing, measuresByCodes, recordStep } from '../store/procedures.js';
import { agencyOf } from './dishonesty.js';
import { addWorkingDays, checkTransition, GOVERNMENT, ownsStep, requireActor, requireText, stepOwnerViolation, type ListingStatus } from './rules.js';

type Context = SubgraphContext<unknown>;

const actorOf = (context: Context) => ({
  sub: context.identity.caller.sub,
  role: context.identity.caller.role,
  sector: context.identity.caller.sector,
});

const OPERATORS = ['PLATFORM_OPERATOR'] as const;

async function reload(context: Context, id: string) {
  const [listing] = await listingsById(context.db, [id]);
  return listing;
}

/** One step: lock, check order, change, record the step; in one transaction. */
async function step(
  context: Context,
  id: string,
  to: ListingStatus,
  change: (trx: Knex.Transaction, listing: { id: string; subjectId: string; status: string }) => Promise<{ documentNumber?: string; note?: string }>,
  /** For a step only the subject takes: its own listing. Another's is refused as a missing one, before its status is told (design §5). */
  ownedBy?: string | null,
) {
  await context.db.transaction(async (trx) => {
    // A malformed id names no listing: refused as one, never as a database error.
    const listing = /^\d{1,18}$/.test(id) ? await lockListing(trx, id) : undefined;
    const { caller } = context.identity;
    // Art. 36: a step is its sector's, checked before the listing's status is told; to a sector
    // agency another sector's listing is refused as a missing one (design §5, Art. 42).
    if (ownedBy === undefined && to !== 'OBJECTED' && to !== 'PROPOSED' && (listing ? !ownsStep(listing, to, caller) : caller.role === 'SECTOR_AGENCY')) {
      throw stepOwnerViolation(id, to);
    }
    if (!listing || (ownedBy !== undefined && listing.subjectId !== ownedBy)) {
      throw errors.badUserInput(`No serious dishonesty listing ${id}${ownedBy !== undefined ? ' of yours' : ''}.`, { argument: 'id' });
    }
    checkTransition(listing.status as ListingStatus, to);
    await explainChange(trx, `listing procedure step ${listing.status} → ${to} (Art. 36)`);
    const recorded = await change(trx, listing);
    await trx('serious_dishonesty_listings').where('id', id).update({ status: to, updated_at: trx.fn.now() });
    await recordStep(trx, { listingId: id, from: listing.status, to, actor: actorOf(context), ...recorded });
  });
  return reload(context, id);
}

export async function proposeListing(context: Context, input: { subjectId: string; category: string; legalBasis: string; cause: string }) {
  requireActor(context, { roles: GOVERNMENT, purposes: ['JOINT_PUNISHMENT'], article: 'Art. 35', step: 'Proposing a listing' });
  requireText({ legalBasis: input.legalBasis, cause: input.cause }, 'Art. 35');
  const subject = await context.db('subjects').where('id', input.subjectId).first('id');
  if (!subject) throw errors.badUserInput(`No subject ${input.subjectId} in the register.`, { argument: 'input.subjectId' });
  const sector = context.identity.caller.sector ?? 'PLATFORM';
  const id = await context.db.transaction(async (trx) => {
    const [row] = await trx('serious_dishonesty_listings')
      .insert({
        subject_id: input.subjectId,
        category: input.category,
        legal_basis: input.legalBasis.trim(),
        cause: input.cause.trim(),
        status: 'PROPOSED',
        source_agency: agencyOf(sector),
        source_system: '严重失信主体名单管理',
      })
      .returning('id');
    const listingId = String(row.id);
    await recordStep(trx, { listingId, from: null, to: 'PROPOSED', actor: actorOf(context), note: input.cause.trim() });
    return listingId;
  });
  return reload(context, id);
}

export function notifyListing(context: Context, id: string, input: { documentNumber: string; cause: string; basis: string; rights: string }) {
  requireActor(context, { roles: GOVERNMENT, purposes: ['JOINT_PUNISHMENT'], article: 'Art. 36', step: 'Notifying the subject' });
  requireText(input, 'Art. 36');
  return step(context, id, 'NOTIFIED', async () => ({
    documentNumber: input.documentNumber,
    note: `事由：${input.cause}；依据：${input.basis}；权利：${input.rights}`,
  }));
}

export function objectToListing(context: Context, id: string, statement: string, answerDays: number) {
  const { caller } = context.identity;
  if (caller.role !== 'CREDIT_SUBJECT') {
    throw errors.forbidden('Only the subject itself objects to its listing (Art. 36).', { reason: 'NOT_THE_STEP_OWNER', purpose: context.identity.purpose, article: 'Art. 36' });
  }
  requireText({ statement }, 'Art. 36');
  // Art. 36: the subject objects to its own listing; whether another's exists, and where it stands, it does not learn.
  return step(context, id, 'OBJECTED', async (trx) => {
    await trx('listing_objections').insert({ listing_id: id, statement: statement.trim(), answer_due_on: addWorkingDays(context.today, answerDays) });
    return { note: statement.trim() };
  }, caller.sub);
}

export function answerObjection(context: Context, id: string, input: { documentNumber: string; answer: string }) {
  requireActor(context, { roles: GOVERNMENT, purposes: ['JOINT_PUNISHMENT', 'OBJECTION_HANDLING'], article: 'Art. 36', step: 'Answering an objection' });
  requireText(input, 'Art. 36');
  return step(context, id, 'OBJECTION_ANSWERED', async (trx) => {
    await trx('listing_objections').where({ listing_id: id }).whereNull('answered_at').update({
      answer: input.answer.trim(),
      answer_document_number: input.documentNumber.trim(),
      answered_at: trx.fn.now(),
    });
    return { documentNumber: input.documentNumber, note: input.answer.trim() };
  });
}

const KEY_PERSONS_QUERY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Subject {
  registration { legalRepresentative { id } principal { id } actualController { id } } } } }`;

/** Art. 37: the organisation's key persons as market regulation registers them right now. */
async function keyPersonsNow(context: Context, subjectId: string, urlOf: (name: SubgraphName) => string | undefined) {
  const url = urlOf('market');
  if (!url) throw errors.procedureViolation('The market subgraph is not reachable: the Art. 37 persons cannot be recorded.', 'Art. 37');
  const answer = await callSubgraph<any>(url, KEY_PERSONS_QUERY, { r: [{ __typename: 'Subject', id: subjectId }] }, {
    authorization: context.authorization,
    purpose: context.identity.purpose,
    requestHeaders: context.requestHeaders,
  });
  if (answer.errors.length) {
    throw errors.procedureViolation(`The Art. 37 persons could not be read from market regulation: ${answer.errors[0]!.message}`, 'Art. 37');
  }
  const registration = answer.data?._entities?.[0]?.registration;
  if (!registration) return [];
  return [
    ['LEGAL_REPRESENTATIVE', registration.legalRepresentative],
    ['PRINCIPAL', registration.principal],
    ['ACTUAL_CONTROLLER', registration.actualController],
  ]
    .filter(([, person]) => person?.id)
    .map(([role, person]) => ({ role: role as string, subjectId: (person as { id: string }).id }));
}

export async function decideListing(
  context: Context,
  id: string,
  input: { documentNumber: string; cause: string; basis: string; punishmentMeasures: string[]; removalConditions: string; remedies: string; disclosureYears?: number | null },
  urlOf: (name: SubgraphName) => string | undefined,
) {
  requireActor(context, { roles: OPERATORS, purposes: ['JOINT_PUNISHMENT'], article: 'Art. 36', step: 'Deciding a listing' });
  const { punishmentMeasures, disclosureYears, ...texts } = input;
  requireText(texts, 'Art. 36');
  if (punishmentMeasures.length === 0) throw errors.procedureViolation('The decision must state the punishment measures (Art. 36).', 'Art. 36');
  const known = await measuresByCodes(context.db, punishmentMeasures);
  const unknown = punishmentMeasures.filter((code) => !known.some((measure) => measure.code === code));
  if (unknown.length) {
    throw errors.procedureViolation(`Not in the punishment measure catalogue: ${unknown.join(', ')} (Art. 32: nothing beyond the list).`, 'Art. 32', { unknown });
  }
  const years = disclosureYears ?? 3;
  if (!Number.isInteger(years) || years < 1 || years > 3) {
    throw errors.badUserInput(`A serious listing is disclosed for 1 to 3 years, not ${years}.`, { argument: 'input.disclosureYears' });
  }
  // Read before locking: an HTTP call must not hold the row lock.
  const [current] = await listingsById(context.db, [id]);
  const subject = current ? await context.db('subjects').where('id', current.subjectId).first('kind') : undefined;
  const persons = subject && subject.kind !== 'NATURAL_PERSON' ? await keyPersonsNow(context, current!.subjectId, urlOf) : [];
  return step(context, id, 'DECIDED', async (trx) => {
    const until = new Date(`${context.today}T00:00:00Z`);
    until.setUTCFullYear(until.getUTCFullYear() + years);
    await trx('serious_dishonesty_listings').where('id', id).update({
      decision_document_number: input.documentNumber.trim(),
      cause: input.cause.trim(),
      punishment_measures: punishmentMeasures,
      removal_conditions: input.removalConditions.trim(),
      remedies: input.remedies.trim(),
      decided_on: context.today,
      disclosure_until: until.toISOString().slice(0, 10),
    });
    if (persons.length) {
      await trx('listing_key_persons')
        .insert(persons.map((person) => ({ listing_id: id, subject_id: person.subjectId, role: person.role })))
        .onConflict(['listing_id', 'subject_id', 'role'])
        .ignore();
    }
    return { documentNumber: input.documentNumber, note: `依据：${input.basis}` };
  });
}

export function publishListing(context: Context, id: string, documentNumber: string) {
  requireActor(context, { roles: OPERATORS, purposes: ['JOINT_PUNISHMENT'], article: 'Art. 36', step: 'Publishing a listing' });
  requireText({ documentNumber }, 'Art. 36');
  return step(context, id, 'PUBLISHED', async (trx) => {
    await trx('serious_dishonesty_listings').where('id', id).update({ published_on: context.today });
    return { documentNumber };
  });
}

export function removeListing(context: Context, id: string, input: { documentNumber: string; reason: string }) {
  requireActor(context, { roles: OPERATORS, purposes: ['JOINT_PUNISHMENT', 'CREDIT_REPAIR'], article: 'Art. 36', step: 'Removing a listing' });
  requireText(input, 'Art. 36');
  return step(context, id, 'REMOVED', async (trx) => {
    await trx('serious_dishonesty_listings').where('id', id).update({ removed_on: context.today });
    // Art. 32, 40: measures applied on the listing stop with it.
    await trx('applied_measures').where('listing_id', id).whereNull('stopped_at').update({ stopped_at: trx.fn.now(), stop_reason: `listing removed: ${input.reason.trim()}` });
    return { documentNumber: input.documentNumber, note: input.reason.trim() };
  });
}
