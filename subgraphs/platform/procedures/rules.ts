/**
 * The rules of the procedures as data: disclosure tiers (design §5), the order of the
 * listing procedure (Art. 36) and who may take each step.
 */
import { errors, type Role, type Sector } from '@credit-hub/schema';
import type { SubgraphContext } from '@credit-hub/runtime';

/** Disclosure months by severity, counted from the decision date (design §5). */
export const DISCLOSURE_MONTHS = {
  MINOR: { min: 0, max: 3 },
  GENERAL: { min: 3, max: 12 },
  SERIOUS: { min: 12, max: 36 },
} as const;

export type ListingStatus = 'PROPOSED' | 'NOTIFIED' | 'OBJECTED' | 'OBJECTION_ANSWERED' | 'DECIDED' | 'PUBLISHED' | 'REMOVED';

/** Art. 36: the steps a listing may take from each status; nothing else. */
export const LISTING_TRANSITIONS: Record<ListingStatus, readonly ListingStatus[]> = {
  PROPOSED: ['NOTIFIED'],
  NOTIFIED: ['OBJECTED', 'DECIDED'],
  OBJECTED: ['OBJECTION_ANSWERED'],
  OBJECTION_ANSWERED: ['DECIDED'],
  DECIDED: ['PUBLISHED'],
  PUBLISHED: ['REMOVED'],
  REMOVED: [],
};

export function checkTransition(from: ListingStatus, to: ListingStatus): void {
  if (!LISTING_TRANSITIONS[from].includes(to)) {
    const allowed = LISTING_TRANSITIONS[from];
    throw errors.procedureViolation(
      `A listing in status ${from} cannot go to ${to}${allowed.length ? `; next may be ${allowed.join(' or ')}` : ''} (Art. 36: listing outside the procedure is forbidden).`,
      'Art. 36',
      { from, to },
    );
  }
}

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

export const GOVERNMENT: readonly Role[] = ['SECTOR_AGENCY', 'PLATFORM_OPERATOR'];

/** Working days after a date (Monday to Friday), for objection answer deadlines. */
export function addWorkingDays(from: string, days: number): string {
  const date = new Date(`${from}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return date.toISOString().slice(0, 10);
}

export function addMonths(from: string, months: number): string {
  const date = new Date(`${from}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
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
