/**
 * The access log (design §6, Art. 38, 42). Every subgraph collects, per request, which
 * fields of which subject it disclosed or denied, and appends them in one batched write
 * before the response leaves: one row per group of subjects that were shown the same
 * fields for the same purpose (a 1,000-subject batch check is usually one row). Rows are hash-chained: each row's hash covers
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
  subjectIds: string[];
  fieldsDisclosed: string[];
  fieldsDenied: string[];
}

/** The canonical text of an entry: what its link in the chain covers. */
export function canonicalEntry(entry: AccessLogEntry): string {
  return JSON.stringify([
    entry.at.toISOString(),
    entry.requestId,
    entry.subgraph,
    entry.callerSub,
    entry.callerRole,
    entry.callerSector,
    entry.purpose,
    entry.subjectIds,
    entry.fieldsDisclosed,
    entry.fieldsDenied,
  ]);
}

/** The chain link: sha256 over the previous hash, a newline and the canonical text (UTF-8). */
export function chainLink(prevHash: string, payload: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(payload).digest('hex');
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

  /** Entries grouping the subjects that were shown the same fields for the same purpose. */
  entries(
    base: Omit<AccessLogEntry, 'subjectIds' | 'fieldsDisclosed' | 'fieldsDenied' | 'purpose'>,
    purposeFor: (subjectId: string) => string | null,
  ): AccessLogEntry[] {
    const groups = new Map<string, AccessLogEntry>();
    for (const [subjectId, fields] of this.bySubject) {
      const purpose = purposeFor(subjectId);
      // A field asked of a visible record but refused is denied, not disclosed.
      const fieldsDisclosed = [...fields.disclosed].filter((field) => !fields.denied.has(field)).sort();
      const fieldsDenied = [...fields.denied].sort();
      const key = JSON.stringify([purpose, fieldsDisclosed, fieldsDenied]);
      const group = groups.get(key);
      if (group) group.subjectIds.push(subjectId);
      else groups.set(key, { ...base, purpose, subjectIds: [subjectId], fieldsDisclosed, fieldsDenied });
    }
    return [...groups.values()];
  }
}

/**
 * Appends entries of one subgraph in one statement: the database function locks that
 * subgraph's chain, reads its head and links the rows (migrations/audit). Each subgraph
 * has its own chain, so they never wait on each other.
 */
export async function appendAccessLog(audit: Knex, entries: AccessLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const chain = entries[0]!.subgraph;
  const rows = entries.map((entry) => ({ ...entry, at: entry.at.toISOString(), payload: canonicalEntry(entry) }));
  await audit.raw('select access_log_append(?, ?::jsonb)', [chain, JSON.stringify(rows)]);
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
  subject_ids: string[];
  fields_disclosed: string[];
  fields_denied: string[];
  payload: string;
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
      const canonical = canonicalEntry({
        at: row.at,
        requestId: row.request_id,
        subgraph: row.subgraph,
        callerSub: row.caller_sub,
        callerRole: row.caller_role,
        callerSector: row.caller_sector,
        purpose: row.purpose,
        subjectIds: row.subject_ids,
        fieldsDisclosed: row.fields_disclosed,
        fieldsDenied: row.fields_denied,
      });
      if (row.payload !== canonical || row.hash !== chainLink(prev, row.payload)) {
        return { ok: false, rows, brokenAt: row.seq, reason: 'its content does not match its hash (the row was altered)' };
      }
      heads.set(row.subgraph, row.hash);
      after = row.seq;
    }
    if (batch.length < batchSize) return { ok: true, rows, heads: Object.fromEntries(heads) };
  }
}
