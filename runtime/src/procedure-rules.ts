/**
 * Checks every procedure step makes, in whichever subgraph it runs: the caller must hold
 * the role (and sector) that owns the step and declare a purpose it serves (Art. 24), and
 * the documents of a step must state what the regulation requires.
 */
import { errors, type Role, type Sector } from '@credit-hub/schema';
import { PLATFORM_SERVICE_SUB } from './keys.js';
import type { SubgraphContext } from './subgraph-server.js';

export interface ActorRule {
  roles: readonly Role[];
  /** Sectors allowed for SECTOR_AGENCY callers; all when absent. */
  sectors?: readonly Sector[];
  purposes: readonly string[];
  article: string;
  step: string;
}

/** The caller must hold the role (and sector) that owns the step, for a purpose it serves. */
export function requireActor(context: SubgraphContext<unknown>, rule: ActorRule): void {
  const { caller, purpose } = context.identity;
  const sectorOk = caller.role !== 'SECTOR_AGENCY' || !rule.sectors || (caller.sector !== null && rule.sectors.includes(caller.sector));
  if (!rule.roles.includes(caller.role) || !sectorOk) {
    throw errors.forbidden(`${rule.step} is for ${rule.roles.join(' or ')}${rule.sectors ? ` of ${rule.sectors.join('/')}` : ''} (${rule.article}).`, {
      reason: 'NOT_THE_STEP_OWNER',
      purpose,
      article: rule.article,
    });
  }
  if (caller.role !== 'CREDIT_SUBJECT' && (purpose === null || !rule.purposes.includes(purpose))) {
    throw errors.forbidden(`${rule.step} needs the declared purpose ${rule.purposes.join(' or ')} (Art. 24).`, {
      reason: 'PURPOSE_NOT_PERMITTED',
      purpose,
      article: 'Art. 24',
    });
  }
}

/**
 * Deliveries between subgraphs (repairs, objections) are the platform's own acts: only its
 * service identity may make them, not an operator's personal token, though both are PLATFORM_OPERATOR.
 */
export function requirePlatformService(context: SubgraphContext<unknown>, rule: Omit<ActorRule, 'roles'>): void {
  requireActor(context, { ...rule, roles: ['PLATFORM_OPERATOR'] });
  if (context.identity.caller.sub !== PLATFORM_SERVICE_SUB) {
    throw errors.forbidden(`${rule.step} is made by the platform itself, not by a person (${rule.article}).`, {
      reason: 'NOT_THE_STEP_OWNER',
      purpose: context.identity.purpose,
      article: rule.article,
    });
  }
}

/** Text fields of a document must say something (Art. 34, 36). */
export function requireText(fields: Record<string, string | null | undefined>, article: string): void {
  const empty = Object.entries(fields)
    .filter(([, value]) => !value || value.trim().length < 2)
    .map(([name]) => name);
  if (empty.length) {
    throw errors.procedureViolation(`The document must state ${empty.join(', ')} (${article}).`, article, { missing: empty });
  }
}
