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
  /** The subgraph's own id for the request (the audit key). */
  requestId: string;
  /** The caller's reference (the gateway's id, or a direct caller's X-Request-Id); null when none was sent. */
  clientRequestId?: string | null;
  subgraph: string;
  callerSub: string | null;
  callerRole: string;
  callerSector: string | null;
  purpose: string | null;
  subjectIds: string[];
  fieldsDisclosed: string[];
  fieldsDenied: string[];
}

/**
 * The canonical text of an entry: what its link in the chain covers. The client's
 * reference is appended only when there is one, so rows written before it existed keep
 * their canonical text and still verify.
 */
export function canonicalEntry(entry: AccessLogEntry): string {
  const fields: unknown[] = [
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
  ];
  if (entry.clientRequestId != null) fields.push(entry.clientRequestId);
  return JSON.stringify(fields);
}

/** The chain link: sha256 over the previous hash, a newline and the canonical text (UTF-8). */
export function chainLink(prevHash: string, payload: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(payload).digest('hex');
}

/**
 * A set of field names, shared by every subject of a request that was shown the same
 * fields: adding a field moves a subject on to the next set, so a 1,000-subject batch
 * holds a handful of sets, not a thousand.
 */
class FieldSet {
  private readonly next = new Map<string, FieldSet>();
  private sortedFields?: string[];

  constructor(private readonly fields: ReadonlySet<string>) {}

  with(field: string): FieldSet {
    if (this.fields.has(field)) return this;
    let next = this.next.get(field);
    if (!next) this.next.set(field, (next = new FieldSet(new Set(this.fields).add(field))));
    return next;
  }

  has(field: string): boolean {
    return this.fields.has(field);
  }

  get sorted(): string[] {
    return (this.sortedFields ??= [...this.fields].sort());
  }
}

interface Shown {
  disclosed: FieldSet;
  denied: FieldSet;
}

/** Per-request record of what was disclosed and denied, per subject. */
export class DisclosureCollector {
  private readonly none = new FieldSet(new Set());
  private readonly bySubject = new Map<string, Shown>();

  private entry(subjectId: string): Shown {
    let entry = this.bySubject.get(subjectId);
    if (!entry) {
      entry = { disclosed: this.none, denied: this.none };
      this.bySubject.set(subjectId, entry);
    }
    return entry;
  }

  disclosed(subjectIds: readonly string[], field: string): void {
    for (const subjectId of subjectIds) {
      const entry = this.entry(subjectId);
      entry.disclosed = entry.disclosed.with(field);
    }
  }

  denied(subjectIds: readonly string[], field: string): void {
    for (const subjectId of subjectIds) {
      const entry = this.entry(subjectId);
      entry.denied = entry.denied.with(field);
    }
  }

  get size(): number {
    return this.bySubject.size;
  }

  /** Entries grouping the subjects that were shown the same fields for the same purpose. */
  entries(
    base: Omit<AccessLogEntry, 'subjectIds' | 'fieldsDisclosed' | 'fieldsDenied' | 'purpose'>,
    purposeFor: (subjectId: string) => string | null,
  ): AccessLogEntry[] {
    // The fields of each distinct (disclosed, denied) pair, worked out once per pair.
    const fieldsOfPair = new Map<FieldSet, Map<FieldSet, { key: string; fieldsDisclosed: string[]; fieldsDenied: string[] }>>();
    const groups = new Map<string | null, Map<string, AccessLogEntry>>();
    const entries: AccessLogEntry[] = [];
    for (const [subjectId, shown] of this.bySubject) {
      let byDenied = fieldsOfPair.get(shown.disclosed);
      if (!byDenied) fieldsOfPair.set(shown.disclosed, (byDenied = new Map()));
      let fields = byDenied.get(shown.denied);
      if (!fields) {
        // A field asked of a visible record but refused is denied, not disclosed.
        const fieldsDisclosed = shown.disclosed.sorted.filter((field) => !shown.denied.has(field));
        const fieldsDenied = shown.denied.sorted;
        byDenied.set(shown.denied, (fields = { key: JSON.stringify([fieldsDisclosed, fieldsDenied]), fieldsDisclosed, fieldsDenied }));
      }
      const purpose = purposeFor(subjectId);
      let byFields = groups.get(purpose);
      if (!byFields) groups.set(purpose, (byFields = new Map()));
      const group = byFields.get(fields.key);
      if (group) {
        group.subjectIds.push(subjectId);
        continue;
      }
      const entry = { ...base, purpose, subjectIds: [subjectId], fieldsDisclosed: [...fields.fieldsDisclosed], fieldsDenied: [...fields.fieldsDenied] };
      byFields.set(fields.key, entry);
      entries.push(entry);
    }
    return entries;
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
  client_request_id: string | null;
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
        clientRequestId: row.client_request_id,
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
