/**
 * Calling another subgraph directly, on the caller's own token and declared purpose, so
 * the callee enforces the caller's rights (design §4) and audits the disclosure itself.
 */
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
    signal: AbortSignal.timeout(5000),
  }).catch((error: Error) => {
    throw new SubgraphCallError(url, error.message);
  });
  const body = (await response.json().catch(() => ({}))) as { data?: D | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  if (!response.ok && !body.errors) throw new SubgraphCallError(url, `HTTP ${response.status}`);
  return { data: body.data ?? null, errors: body.errors ?? [] };
}
