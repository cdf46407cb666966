/**
 * Objections (Art. 39): a subject objects to its record that is wrong or incomplete,
 * infringes trade secrets or privacy, is shown past its disclosure period, or may not be
 * disclosed by law. The record shows "under objection" while pending; the sector that owns
 * it answers within the deadline, and the outcome changes the record where it is kept.
 *
 * The platform keeps every objection. Its own dishonesty records it changes itself; for a
 * record another subgraph keeps, it tells that subgraph (as the platform, on its service
 * token) when the objection is filed and when it is answered, and commits only once the
 * subgraph has done its part, so both sides agree.
 */
import { errors, formatRecordRef, OBJECTABLE_RECORDS, parseBasisRef, parseRecordRef, subgraphInfo, SUBGRAPHS, type RecordRef, type RecordType, type SubgraphName } from '@credit-hub/schema';
import type { GraphQLError } from 'graphql';
import type { Knex } from 'knex';
import { callSubgraph, explainChange, requireActor, requireText, type ObjectionNotice, type SubgraphContext } from '@credit-hub/runtime';
import { addWorkingDays } from './rules.js';
import * as store from '../store/index.js';
import { recordsOnBasis, removeRecord as removeDishonestyRecord, standingRecords } from '../store/legal-documents.js';

type Context = SubgraphContext<unknown>;

/** The platform's own records keep the reference repairs also use. */
const dishonestyRef = (id: string | number) => `platform:dishonesty:${id}`;

/** Reaches the sector that keeps a record, as the platform itself (Art. 39). */
export interface SectorLink {
  urlOf: (name: SubgraphName) => string | undefined;
  serviceToken?: () => Promise<string>;
}

export interface FileObjectionInput {
  dishonestyRecordId?: string | null;
  penaltyDecisionNumber?: string | null;
  record?: { type: RecordType; id: string } | null;
  ground: string;
  statement: string;
}

export interface ObjectionAnswerInput {
  outcome: 'CORRECTED' | 'REMOVED' | 'UPHELD';
  reason: string;
  correctedSummary?: string | null;
  correction?: { field: string; value: string } | null;
}

const SETTLE = `mutation($input: ObjectionNotice!) { settleObjection(input: $input) { outcome effect dependents } }`;

interface Settled {
  effect: string;
  dependents: string[];
}

/** Tells the keeping subgraph; its coded refusal (a wrong record, a bad correction) reaches the caller as it is. */
async function settleInSector(link: SectorLink, ref: RecordRef, notice: Omit<ObjectionNotice, 'recordType' | 'recordId'>): Promise<Settled> {
  const url = link.urlOf(ref.subgraph);
  const unreachable = () => errors.subgraphUnavailable(ref.subgraph, `The ${ref.subgraph} subgraph, which keeps the record, did not answer; nothing was changed, try again.`);
  if (!url || !link.serviceToken) throw unreachable();
  const answer = await callSubgraph<{ settleObjection: Settled | null }>(
    url,
    SETTLE,
    { input: { ...notice, recordType: ref.typename, recordId: ref.id } },
    { authorization: `Bearer ${await link.serviceToken()}`, purpose: 'OBJECTION_HANDLING' },
  ).catch(() => null);
  if (!answer) throw unreachable();
  const refusal = answer.errors[0];
  if (refusal?.extensions?.code === 'BAD_USER_INPUT') throw errors.badUserInput(refusal.message, { argument: refusal.extensions.argument });
  if (refusal?.extensions?.code === 'PROCEDURE_VIOLATION') throw errors.procedureViolation(refusal.message, 'Art. 39');
  if (!answer.data?.settleObjection) throw unreachable();
  return { effect: answer.data.settleObjection.effect, dependents: answer.data.settleObjection.dependents ?? [] };
}

/** The one record an objection names: a dishonesty record here, or a record another subgraph keeps. */
async function namedRecord(context: Context, input: FileObjectionInput, subjectId: string, link: SectorLink): Promise<RecordRef> {
  const named = [input.dishonestyRecordId, input.penaltyDecisionNumber, input.record].filter((value) => value != null);
  if (named.length !== 1) {
    throw errors.badUserInput('Name exactly one record: record, dishonestyRecordId or penaltyDecisionNumber.', { argument: 'input' });
  }
  if (input.dishonestyRecordId != null) return { subgraph: 'platform', typename: 'DishonestyRecord', id: input.dishonestyRecordId.trim() };
  if (input.record) {
    const entry = OBJECTABLE_RECORDS[input.record.type];
    const id = input.record.id.trim();
    if (!/^\d{1,18}$/.test(id)) throw errors.badUserInput(`Record ids are numbers, got "${input.record.id}".`, { argument: 'input.record.id' });
    return { subgraph: entry.subgraph, typename: entry.typename, id };
  }
  // A penalty named by its decision number: market tells, on the subject's own token, which record it is.
  const number = input.penaltyDecisionNumber!.trim();
  const url = link.urlOf('market');
  const answer = url
    ? await callSubgraph<{ administrativePenalty: { id: string; subject: { id: string } | null } | null }>(
        url,
        `query($n: String!) { administrativePenalty(decisionNumber: $n) { id subject { id } } }`,
        { n: number },
        { authorization: context.authorization, requestHeaders: context.requestHeaders },
      ).catch(() => null)
    : null;
  if (!answer) throw errors.subgraphUnavailable('market', 'Market regulation, which keeps penalties, did not answer; nothing was filed, try again.');
  const penalty = answer.data?.administrativePenalty;
  if (!penalty || penalty.subject?.id !== subjectId) {
    throw errors.badUserInput(`No penalty ${number} of yours.`, { argument: 'input.penaltyDecisionNumber' });
  }
  return { subgraph: 'market', typename: 'AdministrativePenalty', id: penalty.id };
}

/** The sector's refusal of the record as the subject's own refusal: the sector names its input, the subject named the record in theirs. */
const asNamedRecordRefusal = (input: FileObjectionInput) => (error: GraphQLError): never => {
  if (error.extensions?.argument !== 'input.recordId') throw error;
  throw errors.badUserInput(error.message, { argument: input.record ? 'input.record.id' : 'input.penaltyDecisionNumber' });
};

export async function fileObjection(context: Context, input: FileObjectionInput, answerDays: number, link: SectorLink) {
  const { caller } = context.identity;
  if (caller.role !== 'CREDIT_SUBJECT' || !caller.sub) {
    throw errors.forbidden('Objections are filed by the subject itself (Art. 39).', { reason: 'NOT_THE_STEP_OWNER', purpose: context.identity.purpose, article: 'Art. 39' });
  }
  requireText({ statement: input.statement }, 'Art. 39');
  const subjectId = caller.sub;
  const target = await namedRecord(context, input, subjectId, link);
  const local = target.subgraph === 'platform';
  const ref = local ? dishonestyRef(target.id) : formatRecordRef(target);
  return context.db.transaction(async (trx) => {
    if (local) {
      const record = /^\d{1,18}$/.test(target.id) && (await trx('dishonesty_records').where({ id: target.id, subject_id: subjectId }).forUpdate().first('id'));
      if (!record) throw errors.badUserInput(`No dishonesty record ${target.id} of yours.`, { argument: input.record ? 'input.record.id' : 'input.dishonestyRecordId' });
    } else {
      await trx.raw(`select pg_advisory_xact_lock(hashtext(?))`, [ref]);
    }
    const pending = await trx('objections').where({ record_ref: ref, outcome: 'PENDING' }).first('id', 'subject_id');
    if (pending) {
      // Design §5, Art. 42: that another subject's record exists and is contested is not the
      // caller's to learn. Before saying "already under objection", the keeping sector says
      // whether the record concerns the caller at all, refusing exactly as for a missing record.
      // Repeating the pending objection's own notice changes nothing there (it is idempotent).
      if (!local && pending.subject_id !== subjectId) {
        await settleInSector(link, target, { objectionId: String(pending.id), subjectId, outcome: 'PENDING' }).catch(asNamedRecordRefusal(input));
      }
      // A co-party learns the record is contested (everyone who sees it does), not whose objection it is.
      const whose = pending.subject_id === subjectId ? ` (your objection ${pending.id})` : '';
      throw errors.procedureViolation(`${target.typename} ${target.id} is already under objection${whose}.`, 'Art. 39');
    }
    const [row] = await trx('objections')
      .insert({
        subject_id: subjectId,
        ground: input.ground,
        record_ref: ref,
        statement: input.statement.trim(),
        filed_on: context.today,
        answer_due_on: addWorkingDays(context.today, answerDays),
        effect: local ? 'shown under objection' : null,
      })
      .returning(store.OBJECTION_COLUMNS);
    if (local) return row;
    // The keeping subgraph checks the record is the subject's and shows it under objection
    // before we commit; if it cannot, nothing is filed.
    const { effect } = await settleInSector(link, target, { objectionId: String(row.id), subjectId, outcome: 'PENDING' }).catch(asNamedRecordRefusal(input));
    const [noted] = await trx('objections').where('id', row.id).update({ effect }).returning(store.OBJECTION_COLUMNS);
    return noted;
  });
}

export async function answerObjection(context: Context, id: string, input: ObjectionAnswerInput, link: SectorLink) {
  requireActor(context, { roles: ['SECTOR_AGENCY', 'PLATFORM_OPERATOR'], purposes: ['OBJECTION_HANDLING'], article: 'Art. 39', step: 'Answering an objection' });
  requireText({ reason: input.reason }, 'Art. 39');
  if (!/^\d{1,18}$/.test(id)) throw errors.badUserInput(`Objection ids are numbers, got "${id}".`, { argument: 'id' });
  return context.db.transaction(async (trx) => {
    // Design §5: an objection another sector answers for is refused exactly as a missing one,
    // before its status or its record is told (Art. 39: the keeping sector answers).
    const notYours = () => errors.badUserInput(`No objection ${id} for you to answer.`, { argument: 'id' });
    const objection = await trx('objections').where('id', id).forUpdate().first('id', 'record_ref', 'outcome', 'subject_id');
    if (!objection) throw notYours();
    const ref = await currentRef(trx, id, String(objection.record_ref), link);
    const target = parseRecordRef(ref);
    const local = ref.startsWith('platform:dishonesty:')
      ? await trx('dishonesty_records').where('id', ref.split(':').pop()).forUpdate().first('id', 'owning_sector')
      : null;
    // The sector that keeps (or determined) the record answers for it; the platform's operators for any.
    const owner = target ? subgraphInfo(target.subgraph).sector : local ? String(local.owning_sector) : null;
    const { caller } = context.identity;
    if (caller.role === 'SECTOR_AGENCY' && caller.sector !== owner) throw notYours();
    if (objection.outcome !== 'PENDING') throw errors.procedureViolation(`Objection ${id} was already answered (${objection.outcome}).`, 'Art. 39');
    if (!target && !local) throw errors.badUserInput(`Objection ${id} refers to no record this hub keeps (${ref}).`, { argument: 'id' });
    const typename = target?.typename ?? 'DishonestyRecord';
    const correction = correctionOf(typename, input);
    const answered = { outcome: input.outcome, answer_reason: input.reason.trim(), answered_on: context.today };
    if (target) {
      const settled = await settleInSector(link, target, { objectionId: id, subjectId: objection.subject_id, outcome: input.outcome, correction });
      // Records here that rest on the one removed there (a debtor entry's dishonesty record, every
      // record on a removed judgment, penalty, determination or contract) fall with it, in this step.
      const fallen = input.outcome === 'REMOVED' ? await removeRestingRecords(trx, settled.dependents, id) : [];
      const effect = [settled.effect, ...fallen.map((recordId) => `platform dishonesty record ${recordId} resting on it removed too`)].join('; ');
      const [row] = await trx('objections').where('id', id).update({ ...answered, effect }).returning(store.OBJECTION_COLUMNS);
      return row;
    }
    const recordId = String(local.id);
    await explainChange(trx, `objection ${id} (Art. 39) answered ${input.outcome}: ${input.reason.trim()}`);
    let effect = 'record upheld unchanged';
    if (input.outcome === 'CORRECTED') {
      await trx('dishonesty_records').where('id', recordId).update({ summary: correction!.value.trim(), updated_at: trx.fn.now() });
      effect = 'summary corrected';
    } else if (input.outcome === 'REMOVED') {
      await removeDishonestyRecord(trx, recordId, `record removed on objection ${id}`);
      effect = 'removed from view and sharing; its measures stopped';
    }
    const [row] = await trx('objections').where('id', id).update({ ...answered, effect }).returning(store.OBJECTION_COLUMNS);
    return row;
  });
}

const LEGACY_PENALTY_PREFIX = 'market:penalty:';

/**
 * Penalty objections filed before every sector took objections name the penalty by its
 * decision number; market tells its record id, and the objection is renamed the current way.
 */
async function currentRef(trx: Knex.Transaction, objectionId: string, ref: string, link: SectorLink): Promise<string> {
  if (!ref.startsWith(LEGACY_PENALTY_PREFIX)) return ref;
  const url = link.urlOf('market');
  const answer =
    url && link.serviceToken
      ? await callSubgraph<{ administrativePenalty: { id: string } | null }>(
          url,
          `query($n: String!) { administrativePenalty(decisionNumber: $n) { id } }`,
          { n: ref.slice(LEGACY_PENALTY_PREFIX.length) },
          { authorization: `Bearer ${await link.serviceToken()}`, purpose: 'OBJECTION_HANDLING' },
        ).catch(() => null)
      : null;
  if (!answer) throw errors.subgraphUnavailable('market', 'Market regulation, which keeps the penalty, did not answer; nothing was changed, try again.');
  const penaltyId = answer.data?.administrativePenalty?.id;
  if (!penaltyId) return ref; // no such penalty any more: refused below as naming no record
  const renamed = formatRecordRef({ subgraph: 'market', typename: 'AdministrativePenalty', id: penaltyId });
  await trx('objections').where('id', objectionId).update({ record_ref: renamed });
  return renamed;
}

/**
 * The platform's records among a sector's dependents that are still in force, removed with
 * the reason logged: records named one by one (`platform:dishonesty:<id>`), and every record
 * resting on a basis document that fell (`platform:basis:<sector>:<number>`, Art. 33, 39).
 */
async function removeRestingRecords(trx: Knex.Transaction, dependents: string[], objectionId: string): Promise<string[]> {
  const named = dependents.filter((ref) => ref.startsWith('platform:dishonesty:')).map((ref) => ref.slice('platform:dishonesty:'.length));
  const found = await standingRecords(trx, named);
  for (const basis of dependents.map(parseBasisRef)) if (basis) found.push(...(await recordsOnBasis(trx, basis.sector, basis.documentNumber)));
  const standing = [...new Set(found)].sort((a, b) => Number(a) - Number(b));
  if (standing.length === 0) return [];
  await explainChange(trx, `the record it rests on was removed on objection ${objectionId} (Art. 39)`);
  for (const recordId of standing) await removeDishonestyRecord(trx, recordId, `basis removed on objection ${objectionId}`);
  return standing;
}

/** CORRECTED states what is corrected: a field and value, or the record's summary text. */
function correctionOf(typename: string, input: ObjectionAnswerInput): { field: string; value: string } | null {
  if (input.outcome !== 'CORRECTED') return null;
  if (input.correction) {
    if (typename === 'DishonestyRecord' && input.correction.field !== 'summary') {
      throw errors.badUserInput(`DishonestyRecord.${input.correction.field} cannot be corrected on objection; correctable: summary.`, { argument: 'input.correction.field' });
    }
    if (typename === 'DishonestyRecord') requireText({ 'correction.value': input.correction.value }, 'Art. 39');
    return input.correction;
  }
  const summaryField = Object.values(OBJECTABLE_RECORDS).find((entry) => entry.typename === typename)?.summaryField;
  if (!input.correctedSummary?.trim() || !summaryField) {
    throw errors.badUserInput(
      summaryField
        ? 'A CORRECTED outcome states the correction: correctedSummary, or correction { field value }.'
        : `A CORRECTED outcome on a ${typename} names the field corrected and its value: correction { field value }.`,
      { argument: 'input.correction' },
    );
  }
  return { field: summaryField, value: input.correctedSummary };
}

/** The answering agency's queue (Art. 39: answered within the time limit). */
export function objectionsToAnswer(context: Context, args: { overdueOnly: boolean; first: number }) {
  requireActor(context, { roles: ['SECTOR_AGENCY', 'PLATFORM_OPERATOR'], purposes: ['OBJECTION_HANDLING'], article: 'Art. 39', step: 'Reading objections to answer' });
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > 500) {
    throw errors.badUserInput(`first must be between 1 and 500, got ${args.first}.`, { argument: 'first' });
  }
  const { caller } = context.identity;
  const sector = caller.role === 'SECTOR_AGENCY' ? caller.sector : null;
  const subgraph = sector && SUBGRAPHS.find((entry) => entry.sector === sector)?.name;
  return store.pendingObjections(context.db, { sector, subgraph: subgraph ?? null, overdueOn: args.overdueOnly ? context.today : null, first: args.first });
}
