/** Command-line arguments of `npm run seed`, parsed and checked before any database is opened. */
import { parseArgs } from 'node:util';
import { parseDay } from './calendar.js';
import { DEFAULT_SEED } from './index.js';

export const USAGE = `Usage: npm run seed -- [--subjects N] [--seed S] [--as-of YYYY-MM-DD] [--reset]

  --subjects N        generated subjects, on top of the showcase of migrations/showcase.json (default 10000)
  --seed S            PRNG seed, 0 … 4294967295 (default ${DEFAULT_SEED}); same seed, date and size give the same data
  --as-of YYYY-MM-DD  the day the data describes (default: today, China Standard Time)
  --reset             empty all five databases first (refused without it when they hold data)
  --help              show this text

Databases: DATABASE_URL (or <SUBGRAPH>_DATABASE_URL), else the embedded PostgreSQL in .data/postgres.`;

export interface SeedArgs {
  subjects: number;
  seed: number;
  asOf?: string;
  reset: boolean;
  help: boolean;
}

export type ParsedArgs = { ok: true; args: SeedArgs } | { ok: false; message: string };

const DEFAULT_SUBJECTS = 10_000;

export function parseSeedArgs(argv: string[]): ParsedArgs {
  let values: { subjects?: string; seed?: string; 'as-of'?: string; reset?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        subjects: { type: 'string' },
        seed: { type: 'string' },
        'as-of': { type: 'string' },
        reset: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const problems: string[] = [];
  const whole = (name: string, text: string | undefined, fallback: number, max: number): number => {
    if (text === undefined) return fallback;
    const value = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(value) || value > max) problems.push(`--${name} must be a whole number up to ${max}, got '${text}'`);
    return value;
  };
  const subjects = whole('subjects', values.subjects, DEFAULT_SUBJECTS, 10_000_000);
  const seed = whole('seed', values.seed, DEFAULT_SEED, 0xffffffff);
  const asOf = values['as-of'];
  if (asOf !== undefined && parseDay(asOf) === undefined) problems.push(`--as-of must be a real date YYYY-MM-DD, got '${asOf}'`);
  if (problems.length) return { ok: false, message: problems.join('\n') };
  return { ok: true, args: { subjects, seed, asOf, reset: values.reset === true, help: values.help === true } };
}
