/**
 * How a sector subgraph learns a credit service agency's authorisations (Art. 26, 42):
 * it asks the platform, which stores them, once per request for every subject in it,
 * forwarding the agency's own token, so the platform answers only about that agency's
 * own grants. Nothing is cached across requests: a revocation holds from the next request.
 */
import type { AuthorisationSource } from './request-policy.js';
import { subgraphCallSignal } from './subgraph-client.js';

const QUERY = `query Authorisations($subjectIds: [ID!]!) { myAuthorisedSubjects(subjectIds: $subjectIds) }`;

export function platformAuthorisations(platformUrl: string): AuthorisationSource {
  return async (request, subjectIds) => {
    const response = await fetch(platformUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-credit-purpose': request.purpose,
        ...(request.authorization ? { authorization: request.authorization } : {}),
      },
      body: JSON.stringify({ query: QUERY, variables: { subjectIds } }),
      signal: subgraphCallSignal(),
    });
    const body = (await response.json()) as { data?: { myAuthorisedSubjects: string[] }; errors?: unknown[] };
    // Fail closed: without an answer, nothing AUTHORIZED is opened.
    if (!response.ok || body.errors || !body.data) return new Set();
    return new Set(body.data.myAuthorisedSubjects);
  };
}
