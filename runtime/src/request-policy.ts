/**
 * Turning one HTTP request into the policy's view of it: who calls (verified token), for
 * which purpose (declared or implied), on which day, with which authorisations. Used by
 * every subgraph and by the gateway's early checks, so both judge a request alike.
 */
import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { resolvePurpose, type PolicyRequest, type Sector } from '@credit-hub/schema';
import type { Caller, CallerVerifier } from './identity.js';

export interface RequestIdentity {
  caller: Caller;
  /** Declared or implied purpose; null for a subject that declared none (SELF or PUBLIC per record). */
  purpose: string | null;
}

/** Verifies the token and the purpose; throws the coded error to answer with, and no data. */
export async function identifyRequest(
  verifyCaller: CallerVerifier,
  headers: { authorization?: string; purpose?: string },
): Promise<RequestIdentity> {
  const caller = await verifyCaller(headers.authorization);
  const resolution = resolvePurpose(caller.role, caller.sector, headers.purpose);
  if (!resolution.ok) {
    throw new GraphQLError(resolution.message, {
      extensions: { code: resolution.code, article: 'Art. 24', http: { status: resolution.code === 'PURPOSE_REQUIRED' ? 400 : 403 } },
    });
  }
  return { caller, purpose: resolution.purpose };
}

/** China Standard Time calendar date: disclosure periods end on local dates. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Where a credit service agency's authorisations come from (Art. 26, 42): the platform's
 * store, asked once per request for all subjects in it, never cached across requests so
 * that a revocation takes effect on the next request.
 */
export type AuthorisationSource = (
  request: { authorization?: string; purpose: string; agency: string },
  subjectIds: readonly string[],
) => Promise<Set<string>>;

export function policyRequest(
  identity: RequestIdentity,
  ownerSector: Sector,
  authorisations?: { source: AuthorisationSource; authorization?: string },
): { policy: PolicyRequest; loadAuthorisations?: (subjectIds: readonly string[]) => Promise<void> } {
  const granted = new Set<string>();
  const policy: PolicyRequest = {
    caller: identity.caller,
    purpose: identity.purpose,
    ownerSector,
    authorised: (subjectId) => granted.has(subjectId),
  };
  const { caller, purpose } = identity;
  if (!authorisations || caller.role !== 'CREDIT_SERVICE_AGENCY' || !purpose || !caller.sub) return { policy };
  const loader = new DataLoader<string, boolean>(async (subjectIds) => {
    const found = await authorisations.source({ authorization: authorisations.authorization, purpose, agency: caller.sub! }, subjectIds);
    return subjectIds.map((subjectId) => found.has(subjectId));
  });
  return {
    policy,
    loadAuthorisations: async (subjectIds) => {
      const answers = await loader.loadMany(subjectIds);
      subjectIds.forEach((subjectId, index) => {
        if (answers[index] === true) granted.add(subjectId);
      });
    },
  };
}

/** The purpose recorded in the access log for one subject (design §6). */
export function auditedPurpose(identity: RequestIdentity, subjectId: string): string {
  const { caller, purpose } = identity;
  if (caller.role === 'CREDIT_SUBJECT' && caller.sub === subjectId) return 'SELF_QUERY';
  return purpose ?? 'PUBLIC_QUERY';
}

