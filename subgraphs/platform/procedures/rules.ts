/**
 * The rules of the procedures as data: disclosure tiers (design §5), the order of the
 * listing procedure (Art. 36) and who may take each step.
 */
import { errors, type Role, type Sector } from '@credit-hub/schema';
export { requireActor, requireText } from '@credit-hub/runtime';

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

export const GOVERNMENT: readonly Role[] = ['SECTOR_AGENCY', 'PLATFORM_OPERATOR'];

/**
 * Art. 35-36: who takes each step of a listing. The sector that proposed it notifies the
 * subject of its proposal; its objection is answered by that sector or by the platform,
 * which decides, publishes and removes (the platform proposes as a sector of its own too).
 * No other sector takes a step on another's listing.
 */
export type StepOwner = 'PROPOSER' | 'PROPOSER_OR_PLATFORM' | 'PLATFORM';

export const LISTING_STEP_OWNERS: Record<Exclude<ListingStatus, 'PROPOSED' | 'OBJECTED'>, StepOwner> = {
  NOTIFIED: 'PROPOSER',
  OBJECTION_ANSWERED: 'PROPOSER_OR_PLATFORM',
  DECIDED: 'PLATFORM',
  PUBLISHED: 'PLATFORM',
  REMOVED: 'PLATFORM',
};

/** The sector a government caller acts for: an operator acts for the platform. */
export const actingSector = (caller: { role: Role; sector: Sector | null }): Sector | null => (caller.role === 'PLATFORM_OPERATOR' ? 'PLATFORM' : caller.sector);

/**
 * Refuses a step taken by a sector that does not own it, naming the listing and the step but
 * not who proposed it nor where it stands (Art. 42: an unpublished listing is its proposer's).
 */
export function checkStepOwner(listing: { id: string; proposingSector: Sector | null }, to: Exclude<ListingStatus, 'PROPOSED' | 'OBJECTED'>, caller: { role: Role; sector: Sector | null }): void {
  const owner = LISTING_STEP_OWNERS[to];
  const acting = actingSector(caller);
  const proposer = listing.proposingSector ?? 'PLATFORM';
  const allowed = (owner !== 'PLATFORM' && acting === proposer) || (owner !== 'PROPOSER' && acting === 'PLATFORM');
  if (!allowed) {
    const who = { PROPOSER: 'the sector that proposed it', PROPOSER_OR_PLATFORM: 'the sector that proposed it or the platform', PLATFORM: 'the platform' }[owner];
    throw errors.procedureViolation(`Step ${to} of listing ${listing.id} is taken by ${who}, not by ${acting ?? 'this caller'} (Art. 36: every step belongs to its sector).`, 'Art. 36', {
      rule: 'STEP_OWNER',
      listingId: listing.id,
      step: to,
    });
  }
}

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

