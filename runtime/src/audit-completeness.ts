/**
 * Completeness of the access log (design §6, Art. 42): the hash chain proves no row was
 * altered or taken out of its middle, but not that every disclosure has its rows (a tail
 * cut off, a write lost). Each subgraph therefore keeps, in its own database, a ledger of
 * the requests it answered with subject data and how many rows it appended for each;
 * `npm run audit:verify` compares the two.
 */
import type { Knex } from 'knex';
import type { Logger } from './logger.js';

export const LEDGER_TABLE = 'disclosure_ledger';

/** How often a subgraph writes its ledger: off the response path, one statement per flush. */
const FLUSH_EVERY_MS = 1000;
/** Requests kept while the database is unreachable; beyond this the oldest are dropped, loudly. */
const MAX_PENDING = 100_000;

/**
 * The subgraph's side: notes each request once its rows are in the log, and writes the
 * notes in batches. One gateway request can reach a subgraph several times under the same
 * id (several `_entities` fetches), so rows are summed per id.
 */
export class DisclosureLedger {
  private pending = new Map<string, { at: Date; rows: number }>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Knex,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  note(requestId: string, rows: number, at: Date): void {
    const entry = this.pending.get(requestId);
    if (entry) entry.rows += rows;
    else this.pending.set(requestId, { at, rows });
    if (this.pending.size > MAX_PENDING) {
      const oldest = this.pending.keys().next().value!;
      this.pending.delete(oldest);
      this.log.error({ requestId: oldest }, 'disclosure ledger full; a request dropped from it');
    }
  }

  /** Writes what is pending; what fails stays pending for the next flush. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) return;
      const batch = this.pending;
      this.pending = new Map();
      try {
        await appendLedger(this.db, batch);
      } catch (error) {
        this.log.warn({ err: error, requests: batch.size }, 'disclosure ledger write failed; kept for the next flush');
        for (const [requestId, entry] of batch) this.note(requestId, entry.rows, entry.at);
      }
    });
    return this.flushing;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

function appendLedger(db: Knex, batch: Map<string, { at: Date; rows: number }>) {
  const rows = [...batch].map(([requestId, entry]) => ({ request_id: requestId, at: entry.at, log_rows: entry.rows }));
  return db(LEDGER_TABLE)
    .insert(rows)
    .onConflict('request_id')
    .merge({ log_rows: db.raw('disclosure_ledger.log_rows + excluded.log_rows') });
}

export interface SubgraphCompleteness {
  subgraph: string;
  /** Requests the subgraph answered with subject data, by its ledger. */
  requests: number;
  /** Its rows in the access log. */
  logRows: number;
  /** How many requests have 1, 2, … rows in the log. */
  rowsPerRequest: Record<number, number>;
  /** Requests that disclosed without all their rows: the log is incomplete. */
  incomplete: Array<{ requestId: string; expected: number; logged: number }>;
  /** Requests in the log the ledger does not know (written before the ledger existed, or a ledger write lost). */
  unledgered: number;
}

/**
 * Per subgraph: rows per request id in the log, and each request of the subgraph's ledger
 * whose rows are not all there. `since` bounds both sides to a period.
 */
export async function accessLogCompleteness(
  audit: Knex,
  ledgers: Partial<Record<string, Knex>>,
  options: { since?: Date } = {},
): Promise<SubgraphCompleteness[]> {
  const report: SubgraphCompleteness[] = [];
  for (const [subgraph, db] of Object.entries(ledgers)) {
    if (!db) continue;
    const logged = new Map<string, number>();
    const counts = (await audit('access_log')
      .where({ subgraph })
      .modify((query) => {
        if (options.since) query.where('at', '>=', options.since);
      })
      .groupBy('request_id')
      .select('request_id', audit.raw('count(*)::int as rows'))) as Array<{ request_id: string; rows: number }>;
    const rowsPerRequest: Record<number, number> = {};
    let logRows = 0;
    for (const { request_id: requestId, rows } of counts) {
      logged.set(requestId, rows);
      rowsPerRequest[rows] = (rowsPerRequest[rows] ?? 0) + 1;
      logRows += rows;
    }
    const ledger = (await db(LEDGER_TABLE)
      .modify((query) => {
        if (options.since) query.where('at', '>=', options.since);
      })
      .select('request_id', 'log_rows')) as Array<{ request_id: string; log_rows: number }>;
    const incomplete: SubgraphCompleteness['incomplete'] = [];
    for (const { request_id: requestId, log_rows: expected } of ledger) {
      const rows = logged.get(requestId) ?? 0;
      if (rows < expected) incomplete.push({ requestId, expected, logged: rows });
      logged.delete(requestId);
    }
    report.push({ subgraph, requests: ledger.length, logRows, rowsPerRequest, incomplete, unledgered: logged.size });
  }
  return report;
}

/** The report as an operator reads it; `ok` is false when any request disclosed without its rows. */
export function describeCompleteness(report: SubgraphCompleteness[]): { ok: boolean; lines: string[] } {
  const lines: string[] = [];
  let ok = true;
  for (const entry of report) {
    const histogram = Object.entries(entry.rowsPerRequest).map(([rows, requests]) => `${requests}×${rows}`).join(' ') || 'none';
    lines.push(
      `  ${entry.subgraph.padEnd(16)} ${entry.requests} requests disclosed, ${entry.logRows} rows; rows per request id: ${histogram}` +
        (entry.unledgered ? `; ${entry.unledgered} logged requests not in the ledger` : ''),
    );
    if (entry.incomplete.length > 0) ok = false;
    for (const missing of entry.incomplete.slice(0, 20)) {
      lines.push(`    DISCLOSED WITHOUT ITS ROWS: request ${missing.requestId} (${missing.logged} of ${missing.expected} rows in the log)`);
    }
    if (entry.incomplete.length > 20) lines.push(`    … and ${entry.incomplete.length - 20} more`);
  }
  return { ok, lines };
}

/** What `npm run audit:verify` prints after the chain: completeness per subgraph. False when incomplete. */
export async function reportAccessLogCompleteness(
  audit: Knex,
  ledgers: Partial<Record<string, Knex>>,
  print: { log(line: string): void; error(line: string): void } = console,
): Promise<boolean> {
  const { ok, lines } = describeCompleteness(await accessLogCompleteness(audit, ledgers));
  (ok ? print.log : print.error)(ok ? 'access log complete: every request that disclosed has its rows' : 'access log INCOMPLETE: requests disclosed without their rows');
  for (const line of lines) print.log(line);
  return ok;
}

/**
 * The subgraph's own count of the requests it answered with subject data (design §6): one
 * row per request with the number of access-log rows it appended. Kept in the subgraph's
 * database, apart from the audit one, so `npm run audit:verify` can prove the log complete
 * (every request that disclosed has its rows), not only intact. Each subgraph's migration calls this.
 */
export async function createDisclosureLedger(knex: Knex): Promise<void> {
  await knex.schema.createTable(LEDGER_TABLE, (t) => {
    t.text('request_id').primary();
    t.timestamp('at', { useTz: true }).notNullable();
    t.integer('log_rows').notNullable();
  });
  await knex.raw(`create index ${LEDGER_TABLE}_at on ${LEDGER_TABLE} (at)`);
}
