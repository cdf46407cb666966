/**
 * How the gateway reaches its subgraphs (design §8; Art. 41: secure technical measures):
 *
 * - every fetch has a deadline, so a subgraph that hangs costs only its own fields and the
 *   caller still gets the rest of the answer in time;
 * - idle connections are closed by the gateway before the subgraph's server would close
 *   them (its keep-alive timeout is longer), so a request is never written onto a socket
 *   the server is closing at that moment (`read ECONNRESET` after an idle pause);
 * - a request that never reached the subgraph is sent once more: any operation when the
 *   connection was refused, a query also when a connection was reset before any answer.
 *   A mutation is not sent again after a reset: the subgraph may have received it.
 */
import { getOperationAST, parse } from 'graphql';
import { Agent, fetch } from 'undici';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { logger } from '@credit-hub/runtime';

export type SubgraphFetcher = RemoteGraphQLDataSource['fetcher'];

/** Defaults of SUBGRAPH_TIMEOUT_MS and SUBGRAPH_KEEP_ALIVE_MS (gateway/env.ts). */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 10_000;
export const DEFAULT_SUBGRAPH_KEEP_ALIVE_MS = 4_000;

export interface SubgraphConnectionSettings {
  /** The deadline of one subgraph fetch, the one retry included. */
  timeoutMs: number;
  /** How long an idle connection to a subgraph is kept; below the subgraphs' server keep-alive timeout. */
  keepAliveMs: number;
}

/** Connection errors that mean nothing reached the server: safe to send again, whatever the operation. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);
/** The connection closed under the request before any answer: the server may have read the request. */
const DROPPED = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET']);

type Failure = 'not-connected' | 'dropped' | 'other';

/** What a failed fetch tells about whether the request reached the subgraph. */
export function classifyFetchFailure(error: unknown): Failure {
  const cause = (error as { cause?: unknown })?.cause as { code?: string; syscall?: string; errors?: Array<{ code?: string }> } | undefined;
  if (!cause || (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') return 'other';
  const codes = cause.errors?.length ? cause.errors.map((inner) => inner.code) : [cause.code];
  if (codes.every((code) => code !== undefined && NOT_CONNECTED.has(code)) || cause.syscall === 'connect') return 'not-connected';
  if (codes.some((code) => code !== undefined && DROPPED.has(code))) return 'dropped';
  return 'other';
}

/** A query may be sent again; a mutation, a subscription or anything unreadable may not. */
function isQuery(body: unknown): boolean {
  try {
    const { query } = JSON.parse(String(body)) as { query?: unknown };
    return typeof query === 'string' && getOperationAST(parse(query))?.operation === 'query';
  } catch {
    return false;
  }
}

export interface SubgraphConnections {
  /** A fetcher for one subgraph's data source. */
  fetcherFor(serviceName: string): SubgraphFetcher;
  close(): Promise<void>;
}

export function subgraphConnections(settings: SubgraphConnectionSettings): SubgraphConnections {
  const agent = new Agent({
    keepAliveTimeout: settings.keepAliveMs,
    // A subgraph's `Keep-Alive: timeout=…` hint cannot lengthen it past ours.
    keepAliveMaxTimeout: settings.keepAliveMs,
    connect: { timeout: settings.timeoutMs },
  });
  const log = logger.child({ component: 'gateway' });
  return {
    fetcherFor: (serviceName) =>
      (async (url, init = {}) => {
        // One deadline for the attempt, the retry and reading the body (fetch's signal covers all three).
        const signal = AbortSignal.timeout(settings.timeoutMs);
        const send = () => fetch(url, { method: init.method, headers: init.headers, body: init.body, signal, dispatcher: agent });
        try {
          return await send();
        } catch (error) {
          const failure = classifyFetchFailure(error);
          const retry = !signal.aborted && (failure === 'not-connected' || (failure === 'dropped' && isQuery(init.body)));
          if (!retry) throw error;
          log.info({ serviceName, failure, err: error }, 'subgraph request did not reach the subgraph; sending it once more');
          return await send();
        }
      }) as SubgraphFetcher,
    close: () => agent.destroy(),
  };
}
