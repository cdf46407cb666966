/**
 * Objections (Art. 39): a subject objects to its record that is wrong or incomplete,
 * infringes trade secrets or privacy, is shown past its disclosure period, or may not be
 * disclosed by law. The record shows "under objection" while pending; the sector that owns
 * it answers within the deadline, and the outcome changes the record.
 */
import { errors, type SubgraphName } from '@credit-hub/schema';
import { callSubgraph, explainChange, requireActor, requireText, type SubgraphContext } from '@credit-hub/runtime';
import { addWorkingDays } from './rules.js';
import { OBJECTION_COLUMNS } from '../store/index.js';


type Context = SubgraphContext<unknown>;


const recordRef = (id: string | number) => `platform:dishonesty:${id}`;
const PENALTY_PREFIX = 'market:penalty:';

/** Reaches the sector that keeps a record, as the platform itself (Art. 39). */
export interface SectorLink {
  urlOf: (name: SubgraphName) => string | undefined;
  serviceToken?: () => Promise<string>;
}

const SETTLE = `mutation($input: ObjectionSettlement!) { settleObjection(input: $input) }`;

async function settleInMarket(link: SectorLink, input: { objectionId: string; decisionNumber: string; outcome: string; correction?: string | null }) {
  const url = link.urlOf('market');
  if (!url || !link.serviceToken) throw errors.procedureViolation('Market regulation, which keeps the penalty, is not reachable now; try again.', 'Art. 39');
  const answer = await callSubgraph<{ settleObjection: boolean }>(url, SETTLE, { input }, {
    authorization: `Bearer ${await link.serviceToken()}`,
    purpose: 'OBJECTION_HANDLING',
  }).catch(() => ({ data: null, errors: [{ message: 'unreachable' }] }));
  if (!answer.data?.settleObjection) {
    throw errors.procedureViolation(`Market regulation did not take note of the objection: ${answer.errors[0]?.message ?? 'no answer'}; nothing was changed.`, 'Art. 39');
  }
}

export async function fileObjection(
  context: Context,
  input: { dishonestyRecordId?: string | null; penaltyDecisionNumber?: string | null; ground: string; statement: string },
  answerDays: number,
  link: SectorLink,
) {
  const { caller } = context.identity;
  if (caller.role !== 'CREDIT_SUBJECT' || !caller.sub) {
    throw errors.forbidden('Objections are filed by the subject itself (Art. 39).', { reason: 'NOT_THE_STEP_OWNER', purpose: context.identity.purpose, article: 'Art. 39' });
  }
  requireText({ statement: input.statement }, 'Art. 39');
  if (!input.dishonestyRecordId === !input.penaltyDecisionNumber) {
    throw errors.badUserInput('Name exactly one record: dishonestyRecordId or penaltyDecisionNumber.', { argument: 'input' });
  }
  if (input.penaltyDecisionNumber) return filePenaltyObjection(context, caller.sub, { ...input, penaltyDecisionNumber: input.penaltyDecisionNumber.trim() }, answerDays, link);
  return context.db.transaction(async (trx) => {
    const record = await trx('dishonesty_records').where({ id: input.dishonestyRecordId, subject_id: caller.sub }).forUpdate().first('id', 'status');
    if (!record) throw errors.badUserInput(`No dishonesty record ${input.dishonestyRecordId} of yours.`, { argument: 'input.dishonestyRecordId' });
    const pending = await trx('objections').where({ record_ref: recordRef(record.id), outcome: 'PENDING' }).first('id');
    if (pending) throw errors.procedureViolation(`Record ${record.id} is already under objection (objection ${pending.id}).`, 'Art. 39');
    const [row] = await trx('objections')
      .insert({
        subject_id: caller.sub,
        ground: input.ground,
        record_ref: recordRef(record.id),
        statement: input.statement.trim(),
        filed_on: context.today,
        answer_due_on: addWorkingDays(context.today, answerDays),
      })
      .returning(OBJECTION_COLUMNS);
    return row;
  });
}

/** A penalty is checked to be the subject's in market regulation, on the subject's own token. */
async function filePenaltyObjection(
  context: Context,
  subjectId: string,
  input: { penaltyDecisionNumber: string; ground: string; statement: string },
  answerDays: number,
  link: SectorLink,
) {
  const url = link.urlOf('market');
  const answer = url
    ? await callSubgraph<any>(url, `query($n: String!) { administrativePenalty(decisionNumber: $n) { subject { id } } }`, { n: input.penaltyDecisionNumber }, {
        authorization: context.authorization,
        requestId: context.requestId,
      })
    : { data: null, errors: [] };
  if (answer.data?.administrativePenalty?.subject?.id !== subjectId) {
    throw errors.badUserInput(`No penalty ${input.penaltyDecisionNumber} of yours.`, { argument: 'input.penaltyDecisionNumber' });
  }
  const ref = `${PENALTY_PREFIX}${input.penaltyDecisionNumber}`;
  return context.db.transaction(async (trx) => {
    await trx.raw(`select pg_advisory_xact_lock(hashtext(?))`, [ref]);
    const pending = await trx('objections').where({ record_ref: ref, outcome: 'PENDING' }).first('id');
    if (pending) throw errors.procedureViolation(`Penalty ${input.penaltyDecisionNumber} is already under objection (objection ${pending.id}).`, 'Art. 39');
    const [row] = await trx('objections')
      .insert({ subject_id: subjectId, ground: input.ground, record_ref: ref, statement: input.statement.trim(), filed_on: context.today, answer_due_on: addWorkingDays(context.today, answerDays) })
      .returning(OBJECTION_COLUMNS);
    // The sector shows it under objection before we commit; if it cannot, nothing is filed.
    await settleInMarket(link, { objectionId: String(row.id), decisionNumber: input.penaltyDecisionNumber, outcome: 'PENDING' });
    return row;
  });
}

export async function answerObjection(context: Context, id: string, input: { outcome: string; reason: string; correctedSummary?: string | null }, link: SectorLink) {
  requireActor(context, { roles: ['SECTOR_AGENCY', 'PLATFORM_OPERATOR'], purposes: ['OBJECTION_HANDLING'], article: 'Art. 39', step: 'Answering an objection' });
  requireText({ reason: input.reason }, 'Art. 39');
  if (input.outcome === 'CORRECTED') requireText({ correctedSummary: input.correctedSummary }, 'Art. 39');
  return context.db.transaction(async (trx) => {
    const objection = await trx('objections').where('id', id).forUpdate().first('id', 'record_ref', 'outcome');
    if (!objection) throw errors.badUserInput(`No objection ${id}.`, { argument: 'id' });
    if (objection.outcome !== 'PENDING') throw errors.procedureViolation(`Objection ${id} was already answered (${objection.outcome}).`, 'Art. 39');
    const ref = String(objection.record_ref);
    const { caller } = context.identity;
    if (ref.startsWith(PENALTY_PREFIX)) {
      if (caller.role === 'SECTOR_AGENCY' && caller.sector !== 'MARKET') {
        throw errors.forbidden(`The penalty is kept by MARKET; ${caller.sector} cannot answer for it (Art. 39).`, { reason: 'NOT_THE_STEP_OWNER', purpose: context.identity.purpose, article: 'Art. 39' });
      }
      const [row] = await trx('objections').where('id', id).update({ outcome: input.outcome, answer_reason: input.reason.trim(), answered_on: context.today }).returning(OBJECTION_COLUMNS);
      // The outcome changes the penalty where it is kept; if market cannot, nothing changes.
      await settleInMarket(link, { objectionId: id, decisionNumber: ref.slice(PENALTY_PREFIX.length), outcome: input.outcome, correction: input.correctedSummary });
      return row;
    }
    const recordId = ref.split(':').pop()!;
    const record = await trx('dishonesty_records').where('id', recordId).forUpdate().first('id', 'owning_sector');
    if (!record) throw errors.badUserInput(`Objection ${id} refers to no record.`, { argument: 'id' });
    // The sector that determined the act answers for it; the platform's operators for the platform's own.
    if (caller.role === 'SECTOR_AGENCY' && caller.sector !== record.owning_sector) {
      throw errors.forbidden(`Record ${recordId} belongs to ${record.owning_sector}; ${caller.sector} cannot answer for it (Art. 39).`, {
        reason: 'NOT_THE_STEP_OWNER',
        purpose: context.identity.purpose,
        article: 'Art. 39',
      });
    }
    await explainChange(trx, `objection ${id} (Art. 39) answered ${input.outcome}: ${input.reason.trim()}`);
    if (input.outcome === 'CORRECTED') {
      await trx('dishonesty_records').where('id', recordId).update({ summary: input.correctedSummary!.trim(), updated_at: trx.fn.now() });
    } else if (input.outcome === 'REMOVED') {
      await trx('dishonesty_records').where('id', recordId).update({ status: 'REMOVED', removed_at: trx.fn.now(), updated_at: trx.fn.now() });
      // Art. 32: measures on a removed record stop with it.
      await trx('applied_measures').where('dishonesty_record_id', recordId).whereNull('stopped_at').update({ stopped_at: trx.fn.now(), stop_reason: `record removed on objection ${id}` });
    }
    const [row] = await trx('objections')
      .where('id', id)
      .update({ outcome: input.outcome, answer_reason: input.reason.trim(), answered_on: context.today })
      .returning(OBJECTION_COLUMNS);
    return row;
  });
}
