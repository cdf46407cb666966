/**
 * Deterministic demo data for the five databases (design §9): the showcase of
 * migrations/showcase.json plus generated subjects spread over Inner Mongolia's twelve
 * leagues/cities, with records in every sector. Same (seed, asOf, subjects) → same rows.
 *
 * Two phases: the subject register is decided and loaded first, so records may refer to
 * any subject; then records are generated subject by subject in chunks and streamed in
 * with COPY while the next chunk is generated. Memory holds the register (one small
 * object per subject) and one or two chunks of rows.
 */
import { setImmediate as yieldToIo } from 'node:timers/promises';
import type { Knex } from 'knex';
import { DEVELOPMENT_PSEUDONYM_KEY, SUBGRAPHS, type SubgraphName } from '@credit-hub/schema';
import { parseDay, todayInChina } from './calendar.js';
import { generateRecords } from './generate.js';
import { DocumentNumbers } from './identifiers.js';
import { CopyLoader } from './loader.js';
import { SeedContext } from './records.js';
import { Register, subjectRow } from './register.js';
import { readShowcase, registerShowcase, showcaseRecords } from './showcase.js';
import { RowBuffer, TABLE_NAMES, TABLES, tablesOf, type TableName } from './tables.js';

export { TABLES, TABLE_NAMES, type TableName } from './tables.js';
export { SHOWCASE_TAGS, readShowcase, type ShowcaseEntry } from './showcase.js';

export interface SeedOptions {
  /** Generated subjects, on top of the fixed showcase (migrations/showcase.json). */
  subjects: number;
  /** PRNG seed, an integer 0 … 2^32-1 (default 1). */
  seed?: number;
  /** The day the data describes, YYYY-MM-DD (default: today in China Standard Time). */
  asOf?: string;
  /** Key of persons' pseudonymous ids; the showcase ids hold only with the development key. */
  pseudonymKey?: string;
  /** Subjects per chunk of generated rows (default 5,000); output does not depend on it. */
  chunkSize?: number;
  /** Progress in subject steps: each subject of the register counts once when registered and once when its records are loaded. */
  onProgress?: (done: number, total: number) => void;
}

export interface SeedSummary {
  /** Generated subjects, as asked. */
  subjects: number;
  /** Subjects in the register: the showcase plus the generated ones. */
  registered: number;
  seed: number;
  asOf: string;
  /** Rows loaded per database and table. */
  rows: Record<SubgraphName, Partial<Record<TableName, number>>>;
  totalRows: number;
  elapsedMs: number;
}

/** Expected refusals of the seeder, with a code the CLI and start-up can act on. */
export class SeedError extends Error {
  constructor(
    readonly code: 'BAD_OPTION' | 'NOT_EMPTY',
    message: string,
  ) {
    super(message);
    this.name = 'SeedError';
  }
}

export const DEFAULT_SEED = 1;
const DEFAULT_CHUNK_SIZE = 5_000;
/** Generation yields to pending COPY writes this often, so loading overlaps generating. */
const YIELD_EVERY = 250;

/**
 * What the databases hold: nothing yet, a finished load (or data from before loads were
 * tracked), or a load that never finished, which must be emptied and done again.
 */
export async function seedState(dbs: Record<SubgraphName, Knex>): Promise<'empty' | 'complete' | 'interrupted'> {
  const unfinished = await dbs.platform('seed_runs').whereNull('finished_at').first('id');
  if (unfinished) return 'interrupted';
  return (await isSeeded(dbs)) ? 'complete' : 'empty';
}

/** Whether the hub holds data: the platform's subject register is not empty. */
export async function isSeeded(dbs: Record<SubgraphName, Knex>): Promise<boolean> {
  const { rows } = (await dbs.platform.raw('select exists (select 1 from subjects) as seeded')) as { rows: Array<{ seeded: boolean }> };
  return rows[0]?.seeded === true;
}

/** Tables of the seeder that already hold rows. */
export async function nonEmptyTables(dbs: Record<SubgraphName, Knex>): Promise<TableName[]> {
  const found: TableName[] = [];
  for (const table of TABLE_NAMES) {
    const db = dbs[TABLES[table].db];
    const { rows } = (await db.raw(`select exists (select 1 from ${table}) as present`)) as { rows: Array<{ present: boolean }> };
    if (rows[0]?.present === true) found.push(table);
  }
  return found;
}

/**
 * Empties every table of the five databases (except knex's migration bookkeeping),
 * restarting id sequences: what `npm run seed -- --reset` does before seeding.
 */
/** Reference data the migrations load (Art. 30-32 catalogues): kept by a reset. */
const REFERENCE_TABLES = ['punishment_measures', 'incentive_criteria', 'incentive_measures'];

export async function resetDemoData(dbs: Record<SubgraphName, Knex>): Promise<void> {
  for (const { name } of SUBGRAPHS) {
    const db = dbs[name];
    const { rows } = (await db.raw(
      `select quote_ident(tablename) as name from pg_tables where schemaname = current_schema()
         and tablename not like 'knex\\_migrations%' and tablename <> all(?::text[])`,
      [REFERENCE_TABLES],
    )) as { rows: Array<{ name: string }> };
    if (rows.length) await db.raw(`truncate table ${rows.map((row) => row.name).join(', ')} restart identity`);
  }
}

export async function seedDemoData(dbs: Record<SubgraphName, Knex>, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const { subjects, seed, asOf, asOfDay, pseudonymKey, chunkSize } = checkSeedOptions(options);
  const registered = readShowcase().length + subjects;
  const occupied = await nonEmptyTables(dbs);
  if (occupied.length) {
    throw new SeedError('NOT_EMPTY', `The databases already hold data (${occupied.join(', ')}); reset them first (npm run seed -- --reset).`);
  }

  const total = 2 * registered;
  let done = 0;
  const progress = (count: number) => {
    done += count;
    options.onProgress?.(done, total);
  };
  const rows = new RowBuffer();
  const register = new Register(seed, asOfDay, pseudonymKey);
  const ctx = new SeedContext(asOfDay, register, new DocumentNumbers(seed), rows);
  // Written before the first row and finished after the last commit: a load killed in
  // between (the five databases commit one after another) is seen by seedState.
  const [run] = (await dbs.platform('seed_runs').insert({ subjects, seed, as_of: asOf }).returning('id')) as Array<{ id: number }>;
  const loader = await CopyLoader.open(dbs);
  try {
    // Each chunk is loaded while the next one is generated; at most one load is in flight.
    let inFlight: Promise<void> = Promise.resolve();
    const flush = async (count: number) => {
      await inFlight;
      inFlight = loader.load(rows).then(() => progress(count));
    };

    // Phase 1: the register, showcase first.
    const showcaseCount = registerShowcase(register);
    for (let start = 0; start < registered; start += chunkSize) {
      const end = Math.min(registered, start + chunkSize);
      for (let index = start; index < end; index++) {
        const subject = index < showcaseCount ? register.subjects[index]! : register.addGenerated(index);
        rows.add('subjects', subjectRow(subject, asOfDay));
        if (index % YIELD_EVERY === 0) await yieldToIo();
      }
      await flush(end - start);
    }

    // Phase 2: records, the showcase's designed ones first.
    showcaseRecords(ctx, seed);
    for (let start = 0; start < registered; start += chunkSize) {
      const end = Math.min(registered, start + chunkSize);
      for (let index = Math.max(start, showcaseCount); index < end; index++) {
        generateRecords(ctx, seed, register.subjects[index]!);
        if (index % YIELD_EVERY === 0) await yieldToIo();
      }
      await flush(end - start);
    }
    await inFlight;
    await loader.commit();
    await dbs.platform('seed_runs').where({ id: run!.id }).update({ finished_at: dbs.platform.fn.now() });
  } catch (error) {
    await loader.abort();
    throw error;
  }

  const counts = rows.counts();
  const perDb = Object.fromEntries(
    SUBGRAPHS.map(({ name }) => [name, Object.fromEntries(tablesOf(name).map((table) => [table, counts[table]]))]),
  ) as SeedSummary['rows'];
  return {
    subjects,
    registered,
    seed,
    asOf,
    rows: perDb,
    totalRows: Object.values(counts).reduce((sum, count) => sum + count, 0),
    elapsedMs: Math.round(performance.now() - started),
  };
}

/** The options with their defaults filled in; a SeedError naming every problem when they are wrong. */
export function checkSeedOptions(options: SeedOptions) {
  const problems: string[] = [];
  const { subjects, seed = DEFAULT_SEED, asOf = todayInChina(), pseudonymKey = DEVELOPMENT_PSEUDONYM_KEY, chunkSize = DEFAULT_CHUNK_SIZE } = options;
  if (!Number.isSafeInteger(subjects) || subjects < 0) problems.push(`subjects must be a whole number (0 for the showcase alone), got ${subjects}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) problems.push(`seed must be an integer from 0 to 4294967295, got ${seed}`);
  const asOfDay = parseDay(asOf);
  // Generated people are born 1950-2004 and firms founded since 1995: the data describes 2020 onwards.
  if (asOfDay === undefined || asOf < '2020-01-01' || asOf > '2099-12-31') {
    problems.push(`asOf must be a date YYYY-MM-DD from 2020-01-01 to 2099-12-31, got '${asOf}'`);
  }
  if (!pseudonymKey) problems.push('pseudonymKey must not be empty');
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) problems.push(`chunkSize must be a positive whole number, got ${chunkSize}`);
  if (problems.length) throw new SeedError('BAD_OPTION', problems.join('; '));
  return { subjects, seed, asOf, asOfDay: asOfDay!, pseudonymKey, chunkSize };
}
