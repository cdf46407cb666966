/**
 * Deadlines and connection lifetimes of the hub's own calls (Art. 41: secure technical
 * measures): nothing waits without end on a subgraph, another subgraph or a database.
 * The values come from env.ts (loadServiceTimeouts); these are the documented defaults.
 */

/** PostgreSQL pools of the subgraphs and of the audit database (runtime/src/db.ts). */
export interface DatabaseTimeouts {
  /** PostgreSQL's own `statement_timeout`: the server cancels a statement running longer. */
  statementMs: number;
  /**
   * The client's limit on one query: a frozen server or a network that stops forwarding
   * cannot enforce its statement_timeout, so the pool gives up on its own and drops that
   * connection. Longer than statementMs, so a server that still runs cancels first.
   */
  queryMs: number;
  /** Opening one connection (TCP, start-up, login). */
  connectMs: number;
  /** Waiting for a connection from the pool, opening one included. */
  acquireMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  statementMs: 15_000,
  queryMs: 20_000,
  connectMs: 5_000,
  acquireMs: 10_000,
};

/**
 * How long a subgraph's (and the gateway's) HTTP server keeps an idle keep-alive connection.
 * Longer than any client's own idle limit (the gateway's SUBGRAPH_KEEP_ALIVE_MS, 4 s), so the
 * client always closes first and never writes a request onto a socket being closed.
 */
export const DEFAULT_HTTP_KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** The deadline of a call from one subgraph to another (callSubgraph, the authorisation look-up). */
export const DEFAULT_SUBGRAPH_CALL_TIMEOUT_MS = 5_000;

export interface ServiceTimeouts {
  database: DatabaseTimeouts;
  httpKeepAliveTimeoutMs: number;
  subgraphCallMs: number;
}

/** Node's server waits for a request's headers a little longer than it keeps an idle connection. */
export function serverTimeouts(keepAliveTimeoutMs: number) {
  return { keepAliveTimeout: keepAliveTimeoutMs, headersTimeout: keepAliveTimeoutMs + 1_000 };
}
