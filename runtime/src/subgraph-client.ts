/**
 * Calling another subgraph directly, on the caller's own token and declared purpose, so
 * the callee enforces the caller's rights (design §4) and audits the disclosure itself.
 * Every call has a deadline (Art. 41): SUBGRAPH_CALL_TIMEOUT_MS, set once per process.
 */
import { DEFAULT_SUBGRAPH_CALL_TIMEOUT_MS } from './timeouts.js';

let callTimeoutMs = DEFAULT_SUBGRAPH_CALL_TIMEOUT_MS;

/**
 * The deadline of this process's calls to other subgraphs (callSubgraph, the platform's
 * authorisation look-up), set where the process starts from its configuration.
 */
export function setSubgraphCallTimeout(ms: number): void {
  callTimeoutMs = ms;
}

/** The signal a call to another subgraph is sent with. */
export const subgraphCallSignal = () => AbortSignal.timeout(callTimeoutMs);

export interface ForwardedIdentity {
  authorization?: string;
  purpose?: string | null;
  /** The request's id headers as this hub process passes them on (request-ids.ts): the callee keys its rows alike. */
  requestHeaders?: Record<string, string>;
}

export class SubgraphCallError extends Error {
  constructor(
    readonly url: string,
    readonly detail: string,
  ) {
    super(`call to ${url} failed: ${detail}`);
    this.name = 'SubgraphCallError';
  }
}

export async function callSubgraph<D>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  identity: ForwardedIdentity,
): Promise<{ data: D | null; errors: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(identity.authorization ? { authorization: identity.authorization } : {}),
      ...(identity.purpose ? { 'x-credit-purpose': identity.purpose } : {}),
      ...identity.requestHeaders,
    },
    body: JSON.stringify({ query, variables }),
    signal: subgraphCallSignal(),
  }).catch((error: Error) => {
    throw new SubgraphCallError(url, error.message);
  });
  const body = (await response.json().catch(() => ({}))) as { data?: D | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  if (!response.ok && !body.errors) throw new SubgraphCallError(url, `HTTP ${response.status}`);
  return { data: body.data ?? null, errors: body.errors ?? [] };
}
