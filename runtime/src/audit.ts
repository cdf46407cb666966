/**
 * The access log (design §6, Art. 38, 42). Every subgraph collects, per request, which
 * fields of which subject it disclosed or denied, and appends one row per subject in one
 * batched write before the response leaves. Rows are hash-chained: each row's hash covers
 * the previous row's hash and its own content, so an altered or removed row breaks the
 * chain at the first place the verifier looks.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Caller } from './identity.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AccessLogEntry {
  at: Date;
  requestId: string;
  subgraph: string;
  callerSub: string | null;
  callerRole: string;
  callerSector: string | null;
  purpose: string | null;
  subjectId: string;
  fieldsDisclosed: string[];
  fieldsDenied: string[];
}

/** The chain link: sha256 over the previous hash and a canonical rendering of the entry. */
export function hashEntry(prevHash: string, entry: AccessLogEntry): string {
  const canonical = JSON.stringify([
    entry.at.toISOString(),
    entry.requestId,
    entry.subgraph,
    entry.callerSub,
    entry.callerRole,
    entry.callerSector,
    entry.purpose,
    entry.subjectId,
    entry.fieldsDisclosed,
    entry.fieldsDenied,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** Per-request record of what was disclosed and denied, per subject. */
export class DisclosureCollector {
  private readonly bySubject = new Map<string, { disclosed: Set<string>; denied: Set<string> }>();

  private entry(subjectId: string) {
    let entry = this.bySubject.get(subjectId);
    if (!entry) {
      entry = { disclosed: new Set(), denied: new Set() };
      this.bySubject.set(subjectId, entry);
    }
    return entry;
  }

  disclosed(subjectIds: readonly string[], field: string): void {
    for (const subjectId of subjectIds) this.entry(subjectId).disclosed.add(field);
  }

  denied(subjectIds: readonly string[], field: string): void {
    for (const subjectId of subjectIds) this.entry(subjectId).denied.add(field);
  }

  get size(): number {
    return this.bySubject.size;
  }

  entries(base: Omit<AccessLogEntry, 'subjectId' | 'fieldsDisclosed' | 'fieldsDenied' | 'purpose'>, purposeFor: (subjectId: string) => string | null): AccessLogEntry[] {
    return [...this.bySubject].map(([subjectId, fields]) => ({
      ...base,
      purpose: purposeFor(subjectId),
      subjectId,
      fieldsDisclosed: [...fields.disclosed].sort(),
      fieldsDenied: [...fields.denied].sort(),
    }));
  }
}

/**
 * Appends entries of one subgraph in one transaction: lock that subgraph's chain, read
 * its head, insert all rows. Each subgraph has its own chain, so they never wait on each other.
 */
export async function appendAccessLog(audit: Knex, entries: AccessLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const chain = entries[0]!.subgraph;
  if (entries.some((entry) => entry.subgraph !== chain)) throw new Error('appendAccessLog: entries of one subgraph at a time');
  await audit.transaction(async (trx) => {
    // One writer at a time extends a chain; the lock ends with the transaction.
    await trx.raw(`select pg_advisory_xact_lock(hashtext('access_log:' || ?))`, [chain]);
    const { rows } = (await trx.raw('select access_log_head(?) as head', [chain])) as { rows: Array<{ head: string }> };
    let prev = rows[0]!.head;
    const records = entries.map((entry) => {
      const hash = hashEntry(prev, entry);
      const record = {
        at: entry.at,
        request_id: entry.requestId,
        subgraph: entry.subgraph,
        caller_sub: entry.callerSub,
        caller_role: entry.callerRole,
        caller_sector: entry.callerSector,
        purpose: entry.purpose,
        subject_id: entry.subjectId,
        fields_disclosed: entry.fieldsDisclosed,
        fields_denied: entry.fieldsDenied,
        prev_hash: prev,
        hash,
      };
      prev = hash;
      return record;
    });
    await trx('access_log').insert(records);
  });
}

export function callerColumns(caller: Caller) {
  return { callerSub: caller.sub, callerRole: caller.role, callerSector: caller.sector };
}

interface AccessLogRow {
  seq: string;
  at: Date;
  request_id: string;
  subgraph: string;
  caller_sub: string | null;
  caller_role: string;
  caller_sector: string | null;
  purpose: string | null;
  subject_id: string;
  fields_disclosed: string[];
  fields_denied: string[];
  prev_hash: string;
  hash: string;
}

export type ChainVerdict =
  | { ok: true; rows: number; heads: Record<string, string> }
  | { ok: false; rows: number; brokenAt: string; reason: string };

/** Recomputes every subgraph's chain in order; names the first row whose link does not hold. */
export async function verifyAccessLog(audit: Knex, batchSize = 10_000): Promise<ChainVerdict> {
  const heads = new Map<string, string>();
  let after = '0';
  let rows = 0;
  for (;;) {
    const batch = (await audit('access_log')
      .select('*')
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(batchSize)) as AccessLogRow[];
    for (const row of batch) {
      rows++;
      const prev = heads.get(row.subgraph) ?? GENESIS_HASH;
      if (row.prev_hash !== prev) {
        return { ok: false, rows, brokenAt: row.seq, reason: 'its previous-hash does not match the row before it (a row was removed or inserted)' };
      }
      const expected = hashEntry(prev, {
        at: row.at,
        requestId: row.request_id,
        subgraph: row.subgraph,
        callerSub: row.caller_sub,
        callerRole: row.caller_role,
        callerSector: row.caller_sector,
        purpose: row.purpose,
        subjectId: row.subject_id,
        fieldsDisclosed: row.fields_disclosed,
        fieldsDenied: row.fields_denied,
      });
      if (row.hash !== expected) return { ok: false, rows, brokenAt: row.seq, reason: 'its content does not match its hash (the row was altered)' };
      heads.set(row.subgraph, row.hash);
      after = row.seq;
    }
    if (batch.length < batchSize) return { ok: true, rows, heads: Object.fromEntries(heads) };
  }
}
