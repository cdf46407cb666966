/**
 * Objections in the sector that keeps the record (Art. 39). The subject files on the
 * platform; the platform tells the keeping subgraph, which flags the record "under
 * objection" for everyone who sees it, and later applies the owning agency's answer to the
 * record itself: CORRECTED changes a field, REMOVED takes the record out of view (the
 * subject and the owning sector still see it), UPHELD leaves it. A repeated notice changes
 * nothing and answers with the same receipt.
 */
import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import { errors } from '@credit-hub/schema';
import { explainChange, historyLoader } from './change-log.js';
import { requirePlatformService } from './procedure-rules.js';
import type { SubgraphContext } from './subgraph-server.js';

export const OBJECTION_OUTCOMES = ['PENDING', 'CORRECTED', 'REMOVED', 'UPHELD'] as const;
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];

export interface ObjectionNotice {
  objectionId: string;
  subjectId: string;
  recordType: string;
  recordId: string;
  outcome: ObjectionOutcome;
  correction?: { field: string; value: string } | null;
}

/** How a corrected value is checked before it is written. */
export type CorrectionKind = 'text' | 'optionalText' | 'money' | 'count' | 'date' | 'period' | readonly string[];

export interface ObjectableTable {
  table: string;
  /** Column naming the subject the record is about. */
  subjectColumn?: string;
  /** Whether the record concerns the subject, where one column cannot say (a judgment's parties). */
  concerns?: (trx: Knex.Transaction, recordId: string, subjectId: string) => Promise<boolean>;
  /** Fields the owning agency may correct (GraphQL name → column and how it is checked). */
  correctable: Record<string, { column: string; kind: CorrectionKind }>;
  /** What else a removal stops here (e.g. a consumption restriction resting on a list entry). */
  onRemove?: (trx: Knex.Transaction, recordId: string, today: string) => Promise<string | null>;
  /** Records other subgraphs keep that rest on this one (`<subgraph>:<type>:<id>` refs): they fall with it. */
  restingOnIt?: (trx: Knex.Transaction, recordId: string) => Promise<string[]>;
}

const MONEY = /^\d{1,14}(\.\d{1,2})?$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The value to store, or a coded error naming the field and what it must be. */
function checkedValue(field: string, kind: CorrectionKind, raw: string): string | number | null {
  const value = raw.trim();
  const bad = (must: string) => errors.badUserInput(`correction.value for ${field} must be ${must}, got "${raw}".`, { argument: 'input.correction.value' });
  if (Array.isArray(kind)) {
    if (!kind.includes(value)) throw bad(`one of ${kind.join(', ')}`);
    return value;
  }
  switch (kind) {
    case 'text':
      if (value.length < 2) throw bad('a text of at least two characters');
      return value;
    case 'optionalText':
      return value === '' ? null : value;
    case 'money':
      if (!MONEY.test(value)) throw bad('an amount in CNY with at most two decimals, e.g. 1200.50');
      return value;
    case 'count':
      if (!/^\d{1,9}$/.test(value)) throw bad('a whole number');
      return Number(value);
    case 'date':
      if (!DATE.test(value) || Number.isNaN(Date.parse(value))) throw bad('a date YYYY-MM-DD');
      return value;
    case 'period':
      if (!PERIOD.test(value)) throw bad('a month YYYY-MM');
      return value;
  }
  throw bad('of a known kind');
}

export async function settleObjection(
  context: SubgraphContext<unknown>,
  subgraph: string,
  notice: ObjectionNotice,
  tables: Record<string, ObjectableTable>,
) {
  requirePlatformService(context, { purposes: ['OBJECTION_HANDLING'], article: 'Art. 39', step: 'Settling an objection' });
  if (!OBJECTION_OUTCOMES.includes(notice.outcome)) {
    throw errors.badUserInput(`outcome must be ${OBJECTION_OUTCOMES.join(', ')}, got ${notice.outcome}.`, { argument: 'input.outcome' });
  }
  const kept = Object.hasOwn(tables, notice.recordType) ? tables[notice.recordType]! : undefined;
  if (!kept) throw errors.badUserInput(`${subgraph} keeps no records of type ${notice.recordType}.`, { argument: 'input.recordType' });
  if (!/^\d{1,18}$/.test(notice.recordId)) throw errors.badUserInput(`${notice.recordType} ids are numbers, got "${notice.recordId}".`, { argument: 'input.recordId' });

  return context.db.transaction(async (trx) => {
    const record = await trx(kept.table).where('id', notice.recordId).forUpdate().first(kept.subjectColumn ? ['id', `${kept.subjectColumn} as subjectId`] : ['id']);
    const concerns = record && (kept.concerns ? await kept.concerns(trx, notice.recordId, notice.subjectId) : record.subjectId === notice.subjectId);
    // The same answer whether the record is missing or another subject's: nothing leaks.
    if (!concerns) throw errors.badUserInput(`No ${notice.recordType} ${notice.recordId} of subject ${notice.subjectId}.`, { argument: 'input.recordId' });

    const flag = await trx('objection_flags').where('objection_id', notice.objectionId).first();
    if (flag && (flag.record_type !== notice.recordType || String(flag.record_id) !== notice.recordId)) {
      throw errors.badUserInput(`Objection ${notice.objectionId} concerns ${flag.record_type} ${flag.record_id}, not this record.`, { argument: 'input.objectionId' });
    }
    if (flag?.outcome === notice.outcome) return receipt(subgraph, flag, await dependentsOf(trx, kept, flag));
    if (notice.outcome === 'PENDING') {
      if (flag) throw errors.procedureViolation(`Objection ${notice.objectionId} was already answered (${flag.outcome}).`, 'Art. 39');
      // The platform files under a lock after finding no pending objection to the record, so
      // another pending flag here is one whose filing the platform rolled back: drop it.
      await trx('objection_flags').where({ record_type: notice.recordType, record_id: notice.recordId, outcome: 'PENDING' }).delete();
      const [row] = await trx('objection_flags')
        .insert({ objection_id: notice.objectionId, subject_id: notice.subjectId, record_type: notice.recordType, record_id: notice.recordId, outcome: 'PENDING', effect: 'shown under objection' })
        .returning('*');
      return receipt(subgraph, row);
    }
    if (!flag) throw errors.procedureViolation(`Objection ${notice.objectionId} was never noted here; it must be filed before it is answered.`, 'Art. 39');
    if (flag.outcome !== 'PENDING') throw errors.procedureViolation(`Objection ${notice.objectionId} was already answered (${flag.outcome}).`, 'Art. 39');

    await explainChange(trx, `objection ${notice.objectionId} (Art. 39): ${notice.outcome}`);
    const effect = await applyOutcome(trx, kept, notice, context.today);
    const [row] = await trx('objection_flags')
      .where('objection_id', notice.objectionId)
      .update({ outcome: notice.outcome, effect, updated_at: trx.fn.now() })
      .returning('*');
    return receipt(subgraph, row, await dependentsOf(trx, kept, row));
  });
}

async function applyOutcome(trx: Knex.Transaction, kept: ObjectableTable, notice: ObjectionNotice, today: string): Promise<string> {
  if (notice.outcome === 'CORRECTED') {
    const { field, value } = notice.correction ?? {};
    if (!field || value === undefined) {
      throw errors.badUserInput('A CORRECTED outcome names the field corrected and its new value.', { argument: 'input.correction' });
    }
    const target = Object.hasOwn(kept.correctable, field) ? kept.correctable[field]! : undefined;
    if (!target) {
      throw errors.badUserInput(`${notice.recordType}.${field} cannot be corrected here; correctable: ${Object.keys(kept.correctable).join(', ')}.`, {
        argument: 'input.correction.field',
      });
    }
    await trx(kept.table).where('id', notice.recordId).update({ [target.column]: checkedValue(field, target.kind, value), updated_at: trx.fn.now() });
    return `${field} corrected`;
  }
  if (notice.outcome === 'REMOVED') {
    await trx(kept.table).where('id', notice.recordId).whereNull('removed_at').update({ removed_at: trx.fn.now(), updated_at: trx.fn.now() });
    const further = await kept.onRemove?.(trx, notice.recordId, today);
    return ['removed from view and sharing', further].filter(Boolean).join('; ');
  }
  return 'record upheld unchanged';
}

type FlagRow = { objection_id: string; record_type: string; record_id: string | number; outcome: string; effect: string; updated_at: Date };

/** Asked again on a repeated notice, so a retry learns them too. */
async function dependentsOf(trx: Knex.Transaction, kept: ObjectableTable, flag: FlagRow): Promise<string[]> {
  return flag.outcome === 'REMOVED' && kept.restingOnIt ? kept.restingOnIt(trx, String(flag.record_id)) : [];
}

function receipt(subgraph: string, row: FlagRow, dependents: string[] = []) {
  return {
    objectionId: row.objection_id,
    subgraph,
    recordType: row.record_type,
    recordId: String(row.record_id),
    outcome: row.outcome,
    effect: row.effect,
    updatedAt: row.updated_at,
    dependents,
  };
}

/** `underObjection` for records of any type, keyed `<type>:<id>`: one statement per request. */
export function underObjectionLoader(db: Knex) {
  return new DataLoader<string, boolean>(async (keys) => {
    const [types, ids] = [keys.map((key) => key.split(':')[0]!), keys.map((key) => key.split(':')[1]!)];
    const rows: Array<{ key: string }> = await db('objection_flags')
      .select(db.raw(`record_type || ':' || record_id as key`))
      .whereRaw(`(record_type, record_id) in (select t, i::bigint from unnest(?::text[], ?::text[]) as u(t, i))`, [types, ids])
      .where('outcome', 'PENDING');
    const pending = new Set(rows.map((row) => row.key));
    return keys.map((key) => pending.has(key));
  });
}

/** For a sector migration: objections to this sector's records and their outcome (Art. 39). */
export async function createObjectionFlags(knex: Knex): Promise<void> {
  await knex.schema.createTable('objection_flags', (t) => {
    t.text('objection_id').primary();
    t.text('subject_id').notNullable();
    t.text('record_type').notNullable();
    t.bigInteger('record_id').notNullable();
    t.text('outcome').notNullable().defaultTo('PENDING').checkIn(['PENDING', 'CORRECTED', 'REMOVED', 'UPHELD']);
    t.text('effect').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['record_type', 'record_id']);
  });
}

/** For a sector migration: the removal mark an objection's REMOVED outcome sets. */
export async function addRemovalMark(knex: Knex, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await knex.schema.alterTable(table, (t) => {
      t.timestamp('removed_at', { useTz: true });
    });
  }
}

export interface RecordLoaders {
  history: ReturnType<typeof historyLoader>;
  underObjection: ReturnType<typeof underObjectionLoader>;
}

/** Fields every sector record has: its change history (Art. 38) and whether an objection to it is pending (Art. 39). */
export function recordFields(typename: string) {
  return {
    history: (row: { id: string }, _: unknown, context: SubgraphContext<RecordLoaders>) => context.loaders.history.load(`${typename}:${row.id}`),
    underObjection: (row: { id: string }, _: unknown, context: SubgraphContext<RecordLoaders>) =>
      context.loaders.underObjection.load(`${typename}:${row.id}`),
  };
}
