/**
 * npm run seed -- --subjects N [--seed S] [--as-of YYYY-MM-DD] [--reset]
 *
 * Loads deterministic demo data (design §9) into the five databases: the ones named by
 * DATABASE_URL, else the embedded PostgreSQL in .data/postgres. Refuses databases that
 * already hold data unless --reset. Exit codes: 0 done, 1 failed or refused, 2 bad arguments.
 */
import cliProgress from 'cli-progress';
import { parseSeedArgs, USAGE } from './seed/args.js';
import { checkSeedOptions, isSeeded, resetDemoData, seedDemoData, SeedError, type SeedSummary } from './seed/index.js';
import { openHubDatabases } from './hub-db.js';
import { reportStartupFailure } from '@credit-hub/runtime';

async function main(): Promise<number> {
  const parsed = parseSeedArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  const { args } = parsed;
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const options = { subjects: args.subjects, seed: args.seed, asOf: args.asOf };
  try {
    checkSeedOptions(options); // before --reset empties anything
  } catch (error) {
    if (!(error instanceof SeedError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }

  const log = (line: string) => console.error(line);
  const opened = await openHubDatabases({ log }); // a running hub's server, when one runs
  const bar = new cliProgress.SingleBar(
    { format: 'seeding [{bar}] {percentage}% | {value}/{total} subject steps | {duration_formatted} (eta {eta_formatted})', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  try {
    if (!args.reset && (await isSeeded(opened.dbs))) {
      log('The databases already hold demo data. Rerun with --reset to replace it (this empties all five databases).');
      return 1;
    }
    if (args.reset) {
      log('emptying the five databases (--reset)');
      await resetDemoData(opened.dbs);
    }
    bar.start(1, 0);
    const summary = await seedDemoData(opened.dbs, {
      ...options,
      onProgress: (done, total) => {
        bar.setTotal(total);
        bar.update(done);
      },
    });
    bar.stop();
    printSummary(summary);
    return 0;
  } catch (error) {
    bar.stop();
    if (error instanceof SeedError) {
      log(error.message);
      return error.code === 'BAD_OPTION' ? 2 : 1;
    }
    throw error;
  } finally {
    await opened.close();
  }
}

function printSummary(summary: SeedSummary): void {
  const generated = summary.subjects.toLocaleString('en');
  console.log(`\nSeeded ${summary.registered.toLocaleString('en')} subjects (${generated} generated + showcase; seed ${summary.seed}, as of ${summary.asOf}):`);
  for (const [database, tables] of Object.entries(summary.rows)) {
    console.log(`  ${database}`);
    for (const [table, count] of Object.entries(tables)) console.log(`    ${table.padEnd(28)} ${count!.toLocaleString('en').padStart(10)}`);
  }
  console.log(`  ${'total rows'.padEnd(30)} ${summary.totalRows.toLocaleString('en').padStart(10)}`);
  console.log(`  in ${(summary.elapsedMs / 1000).toFixed(1)} s`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => process.exit(reportStartupFailure(error, '[seed]')),
);
