/** The deadlines' configuration (Art. 41) and what counts as a database that is unavailable. */
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './db.js';
import { ConfigError, loadServiceTimeouts } from './env.js';
import { DEFAULT_DATABASE_TIMEOUTS, DEFAULT_HTTP_KEEP_ALIVE_TIMEOUT_MS, DEFAULT_SUBGRAPH_CALL_TIMEOUT_MS } from './timeouts.js';

describe('service timeouts', () => {
  it('defaults to the documented values, the query limit 5 s past the statement timeout', () => {
    expect(loadServiceTimeouts('test', {})).toEqual({
      database: DEFAULT_DATABASE_TIMEOUTS,
      httpKeepAliveTimeoutMs: DEFAULT_HTTP_KEEP_ALIVE_TIMEOUT_MS,
      subgraphCallMs: DEFAULT_SUBGRAPH_CALL_TIMEOUT_MS,
    });
    expect(DEFAULT_DATABASE_TIMEOUTS.queryMs).toBe(DEFAULT_DATABASE_TIMEOUTS.statementMs + 5_000);
    expect(loadServiceTimeouts('test', { DB_STATEMENT_TIMEOUT_MS: '30000' }).database.queryMs).toBe(35_000);
  });

  it('refuses a client query limit not longer than the statement timeout, and durations that are not', () => {
    const problems = (env: NodeJS.ProcessEnv) => {
      try {
        loadServiceTimeouts('test', env);
        return [];
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ DB_STATEMENT_TIMEOUT_MS: '15000', DB_QUERY_TIMEOUT_MS: '15000' }).join()).toContain('DB_QUERY_TIMEOUT_MS');
    expect(problems({ DB_ACQUIRE_TIMEOUT_MS: '0', HTTP_KEEP_ALIVE_TIMEOUT_MS: 'soon' })).toHaveLength(2);
    // Positive twin: a longer query limit is taken as given.
    expect(loadServiceTimeouts('test', { DB_STATEMENT_TIMEOUT_MS: '15000', DB_QUERY_TIMEOUT_MS: '16000' }).database.queryMs).toBe(16_000);
  });
});

describe('a database unavailable', () => {
  it('is a refused or lost connection, a timeout of the pool, of pg or of PostgreSQL', () => {
    for (const error of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('Knex: Timeout acquiring a connection.'), { name: 'KnexTimeoutError' }),
      new Error('select 1 - Query read timeout'),
      new Error('timeout expired'),
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' }), Object.assign(new Error('b'), { code: 'ETIMEDOUT' })]),
    ]) {
      expect(isDatabaseUnavailable(error), error.message).toBe(true);
    }
  });

  it('is not a fault of the request or of the data', () => {
    for (const error of [
      Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }),
      Object.assign(new Error('invalid input syntax for type integer'), { code: '22P02' }),
      new Error('No penalty 123 of yours.'),
      new TypeError('fetch failed'),
      undefined,
    ]) {
      expect(isDatabaseUnavailable(error)).toBe(false);
    }
  });
});
