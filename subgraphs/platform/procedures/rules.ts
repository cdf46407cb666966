/**
 * The rules of the procedures as data: disclosure tiers (design §5), the order of the
 * listing procedure (Art. 36) and who may take each step.
 */
import { errors, type Role } from '@credit-hub/schema';
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

