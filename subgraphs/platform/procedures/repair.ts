/**
 * Credit repair (Art. 40): the subject applies (no fee, by design there is no fee field);
 * the owning sector decides; on approval the record leaves public view and sharing, the
 * measures on it stop, and the repair is delivered to every subgraph by an outbox that
 * retries until each acknowledges with a receipt — a subgraph that is down catches up.
 */
import type { Knex } from 'knex';
import { errors, SUBGRAPHS, type SubgraphName } from '@credit-hub/schema';
import { callSubgraph, explainChange, logger, requireActor, requireText, type SubgraphContext } from '@credit-hub/runtime';
import { addMonths } from './rules.js';
import { REPAIR_COLUMNS } from '../store/index.js';


type Context = SubgraphContext<unknown>;

/** Months of disclosure to serve before a repair, by severity (Art. 40 with design §5). */
export const MINIMUM_SERVED_MONTHS: Record<string, number> = { MINOR: 0, GENERAL: 3, SERIOUS: 12 };


export async function applyForRepair(context: Context, input: { dishonestyRecordId: string; fulfilmentStatement: string; commitment: string }) {
  const { caller } = context.identity;
  if (caller.role !== 'CREDIT_SUBJECT' || !caller.sub) {
    throw errors.forbidden('A repair is applied for by the subject itself (Art. 40).', { reason: 'NOT_THE_STEP_OWNER', purpose: context.identity.purpose, article: 'Art. 40' });
  }
  requireText({ fulfilmentStatement: input.fulfilmentStatement, commitment: input.commitment }, 'Art. 40');
  return context.db.transaction(async (trx) => {
    const record = await trx('dishonesty_records').where({ id: input.dishonestyRecordId, subject_id: caller.sub }).forUpdate().first('id', 'status', 'severity', 'decided_on');
    if (!record) throw errors.badUserInput(`No dishonesty record ${input.dishonestyRecordId} of yours.`, { argument: 'input.dishonestyRecordId' });
    if (record.status !== 'ACTIVE') throw errors.procedureViolation(`Record ${record.id} is ${record.status}: nothing to repair.`, 'Art. 40');
    const servedFrom = addMonths(record.decided_on, MINIMUM_SERVED_MONTHS[record.severity] ?? 0);
    if (servedFrom > context.today) {
      throw errors.procedureViolation(`A ${record.severity} record can be repaired from ${servedFrom}, after its minimum disclosure period (Art. 40).`, 'Art. 40', { from: servedFrom });
    }
    const ref = `platform:dishonesty:${record.id}`;
    const pending = await trx('repairs').where({ record_ref: ref, status: 'PENDING' }).first('id');
    if (pending) throw errors.procedureViolation(`A repair of record ${record.id} is already pending (${pending.id}).`, 'Art. 40');
    const [commitment] = await trx('commitments')
      .insert({
        subject_id: caller.sub,
        kind: 'CREDIT_REPAIR',
        content: input.commitment.trim(),
        made_on: context.today,
        published: true,
        source_agency: '信用主体自主申报',
        source_system: '信用修复',
        info_class: 'NON_PUBLIC',
      })
      .returning('id');
    const [repair] = await trx('repairs')
      .insert({ subject_id: caller.sub, record_ref: ref, applied_on: context.today, fulfilment_statement: input.fulfilmentStatement.trim(), commitment_id: commitment.id })
      .returning(REPAIR_COLUMNS);
    return repair;
  });
}

export async function decideRepair(context: Context, id: string, input: { approve: boolean; reason: string }, wake: () => void) {
  requireActor(context, { roles: ['SECTOR_AGENCY', 'PLATFORM_OPERATOR'], purposes: ['CREDIT_REPAIR'], article: 'Art. 40', step: 'Deciding a repair' });
  requireText({ reason: input.reason }, 'Art. 40');
  const repair = await context.db.transaction(async (trx) => {
    // Design §5: a repair another sector decides is refused exactly as a missing one, before
    // its status or its record is told (Art. 40: the sector that determined the record decides).
    const notYours = () => errors.badUserInput(`No repair ${id} for you to decide.`, { argument: 'id' });
    const application = /^\d{1,18}$/.test(id) && (await trx('repairs').where('id', id).forUpdate().first('id', 'record_ref', 'status', 'subject_id'));
    if (!application) throw notYours();
    const recordId = String(application.record_ref).split(':').pop()!;
    const record = await trx('dishonesty_records').where('id', recordId).forUpdate().first('id', 'owning_sector', 'basis_document_number');
    const { caller } = context.identity;
    if (caller.role === 'SECTOR_AGENCY' && caller.sector !== record?.owning_sector) throw notYours();
    if (application.status !== 'PENDING') throw errors.procedureViolation(`Repair ${id} was already decided (${application.status}).`, 'Art. 40');
    const [decided] = await trx('repairs')
      .where('id', id)
      .update({ status: input.approve ? 'APPROVED' : 'REJECTED', decided_on: context.today, decision_reason: input.reason.trim() })
      .returning(REPAIR_COLUMNS);
    if (input.approve) {
      await explainChange(trx, `credit repair ${id} approved (Art. 40): ${input.reason.trim()}`);
      await trx('dishonesty_records').where('id', recordId).update({ status: 'REPAIRED', repaired_at: trx.fn.now(), updated_at: trx.fn.now() });
      // Art. 40: punishment stops in every sector.
      await trx('applied_measures').where('dishonesty_record_id', recordId).whereNull('stopped_at').update({ stopped_at: trx.fn.now(), stop_reason: `repaired (repair ${id})` });
      await trx('repair_dispatches').insert(
        SUBGRAPHS.map((info) =>
          info.name === 'platform'
            ? { repair_id: id, subgraph: info.name, status: 'ACKNOWLEDGED', acknowledged_at: trx.fn.now(), effect: 'record repaired: no longer disclosed or shared; measures stopped' }
            : { repair_id: id, subgraph: info.name },
        ),
      );
    }
    return decided;
  });
  if (input.approve) wake(); // deliver now rather than at the next tick
  return repair;
}

export function receiptsOfRepairs(db: Knex, repairIds: readonly string[]) {
  return db('repair_dispatches')
    .select('repair_id as repairId', 'subgraph', 'status', 'acknowledged_at as receivedAt', 'effect')
    .whereIn('repair_id', [...repairIds])
    .orderBy(['repair_id', 'subgraph']) as Promise<Array<{ repairId: string }>>;
}

const ACKNOWLEDGE = `mutation($input: RepairNotice!) { acknowledgeRepair(input: $input) { repairId status effect } }`;

/**
 * The outbox: delivers approved repairs to every subgraph, retrying with backoff until each
 * acknowledges. Runs in the platform process, and only while deliveries are pending (woken
 * by each approval); a restart resumes from the table.
 */
export class RepairDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly log = logger.child({ component: 'repair-dispatcher' });

  constructor(
    private readonly db: Knex,
    private readonly urlOf: (name: SubgraphName) => string | undefined,
    /** A short-lived platform operator token, purpose CREDIT_REPAIR. */
    private readonly serviceToken: () => Promise<string>,
    private readonly intervalMs = 1000,
  ) {}

  private stopped = false;

  /** Resumes what a previous run left pending; then runs only when woken or something is due. */
  start(): void {
    this.wake();
  }

  /** Runs a delivery round now, unless one is running; re-arms while deliveries are pending. */
  wake(): void {
    if (this.stopped) return;
    this.running ??= this.deliverDue()
      .then(async (delivered) => {
        const next = delivered > 0 || (await this.pending()) ? this.intervalMs : undefined;
        if (next !== undefined && !this.stopped) {
          clearTimeout(this.timer);
          this.timer = setTimeout(() => this.wake(), next);
          this.timer.unref();
        }
      })
      .catch((error) => this.log.error({ err: error }, 'repair delivery round failed'))
      .finally(() => (this.running = undefined));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async pending(): Promise<boolean> {
    return (await this.db('repair_dispatches').where('status', 'PENDING').first('repair_id')) !== undefined;
  }

  async deliverDue(): Promise<number> {
    const due = (await this.db('repair_dispatches as d')
      .join('repairs as r', 'r.id', 'd.repair_id')
      .joinRaw(`join dishonesty_records as rec on 'platform:dishonesty:' || rec.id = r.record_ref`)
      .where('d.status', 'PENDING')
      .where('d.next_attempt_at', '<=', this.db.fn.now())
      .select('d.repair_id as repairId', 'd.subgraph', 'd.attempts', 'r.subject_id as subjectId', 'rec.basis_document_number as basisDocumentNumber')
      .orderBy('d.next_attempt_at')
      .limit(100)) as Array<{ repairId: string; subgraph: SubgraphName; attempts: number; subjectId: string; basisDocumentNumber: string }>;
    if (due.length === 0) return 0;
    const authorization = `Bearer ${await this.serviceToken()}`;
    await Promise.all(due.map((dispatch) => this.deliver(dispatch, authorization)));
    return due.length;
  }

  private async deliver(dispatch: { repairId: string; subgraph: SubgraphName; attempts: number; subjectId: string; basisDocumentNumber: string }, authorization: string) {
    const where = { repair_id: dispatch.repairId, subgraph: dispatch.subgraph };
    try {
      const url = this.urlOf(dispatch.subgraph);
      if (!url) throw new Error(`no URL for ${dispatch.subgraph}`);
      const answer = await callSubgraph<{ acknowledgeRepair: { effect: string } | null }>(
        url,
        ACKNOWLEDGE,
        { input: { repairId: String(dispatch.repairId), subjectId: dispatch.subjectId, basisDocumentNumber: dispatch.basisDocumentNumber } },
        { authorization, purpose: 'CREDIT_REPAIR' },
      );
      const receipt = answer.data?.acknowledgeRepair;
      if (!receipt) throw new Error(answer.errors[0]?.message ?? 'no receipt');
      await this.db('repair_dispatches').where(where).update({ status: 'ACKNOWLEDGED', acknowledged_at: this.db.fn.now(), effect: receipt.effect, last_error: null });
    } catch (error) {
      const backoffSeconds = Math.min(2 ** dispatch.attempts, 30);
      await this.db('repair_dispatches')
        .where(where)
        .update({
          attempts: dispatch.attempts + 1,
          last_error: (error as Error).message.slice(0, 500),
          next_attempt_at: this.db.raw(`now() + make_interval(secs => ?)`, [backoffSeconds]),
        });
      this.log.warn({ subgraph: dispatch.subgraph, repairId: dispatch.repairId, attempts: dispatch.attempts + 1 }, 'repair not yet acknowledged; will retry');
    }
  }
}
