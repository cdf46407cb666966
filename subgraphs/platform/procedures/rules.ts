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

export type StepOfOwner = Exclude<ListingStatus, 'PROPOSED' | 'OBJECTED'>;

export const LISTING_STEP_OWNERS: Record<StepOfOwner, StepOwner> = {
  NOTIFIED: 'PROPOSER',
  OBJECTION_ANSWERED: 'PROPOSER_OR_PLATFORM',
  DECIDED: 'PLATFORM',
  PUBLISHED: 'PLATFORM',
  REMOVED: 'PLATFORM',
};

/** The sector a government caller acts for: an operator acts for the platform. */
export const actingSector = (caller: { role: Role; sector: Sector | null }): Sector | null => (caller.role === 'PLATFORM_OPERATOR' ? 'PLATFORM' : caller.sector);

/** Whether the caller's sector owns this step of this listing (rules above). */
export function ownsStep(listing: { proposingSector: Sector | null }, to: StepOfOwner, caller: { role: Role; sector: Sector | null }): boolean {
  const owner = LISTING_STEP_OWNERS[to];
  const acting = actingSector(caller);
  return (owner !== 'PLATFORM' && acting === (listing.proposingSector ?? 'PLATFORM')) || (owner !== 'PROPOSER' && acting === 'PLATFORM');
}

/**
 * The refusal of a step by a sector that does not own it. Design §5, Art. 42: the same for a
 * listing that is another's as for one that does not exist, naming only what the caller
 * sent and the rule, never who proposed the listing or where it stands.
 */
export function stepOwnerViolation(id: string, to: StepOfOwner) {
  const who = { PROPOSER: 'the sector that proposed it', PROPOSER_OR_PLATFORM: 'the sector that proposed it or the platform', PLATFORM: 'the platform' }[LISTING_STEP_OWNERS[to]];
  return errors.procedureViolation(`No serious dishonesty listing ${id} whose step ${to} is yours: it is taken by ${who} (Art. 36: every step belongs to its sector).`, 'Art. 36', {
    rule: 'STEP_OWNER',
    listingId: id,
    step: to,
  });
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

