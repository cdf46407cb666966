/**
 * Counts the SQL statements a knex instance sends (its 'query' event), for the
 * statements-per-request bound of design §10, checked by tests and the benchmark.
 */
import type { Knex } from 'knex';
import { LEDGER_TABLE } from './audit-completeness.js';

export interface StatementCounter {
  readonly count: number;
  readonly statements: readonly string[];
  reset(): void;
  detach(): void;
}

export function countStatements(db: Knex): StatementCounter {
  let statements: string[] = [];
  // The disclosure ledger is written in the background, once a second for all requests: no request's cost.
  const listener = (query: { sql: string }) => {
    if (!query.sql.includes(`"${LEDGER_TABLE}"`)) statements.push(query.sql);
  };
  db.on('query', listener);
  return {
    get count() {
      return statements.length;
    },
    get statements() {
      return statements;
    },
    reset: () => void (statements = []),
    detach: () => void db.removeListener('query', listener),
  };
}
