/**
 * Turning caller-supplied ids into register keys. A subject may be asked for by credit
 * code, by pseudonymous id, or by resident ID number; the number is turned into its
 * pseudonym here and never stored as a key (design §5).
 */
import { errors, personPseudonym, readSubjectId } from '@credit-hub/schema';
import { ACCESS_LOG_PAGE } from '../store/index.js';

export const MAX_SUBJECTS_PER_BATCH = 1000;

/** Register keys that an input may name, most likely first; throws BAD_USER_INPUT naming the problem. */
export function registerKeysFor(input: string, pseudonymKey: string, position?: number): string[] {
  const reading = readSubjectId(input);
  if (!reading.ok) {
    const where = position === undefined ? 'id' : `ids[${position}]`;
    throw errors.badUserInput(`${where}: ${reading.message}`, { argument: where, problem: reading.problem });
  }
  return reading.candidates.map((candidate) =>
    candidate.kind === 'ID_NUMBER' ? personPseudonym(candidate.value, pseudonymKey) : candidate.value,
  );
}

export function checkBatchSize(count: number): void {
  if (count > MAX_SUBJECTS_PER_BATCH) {
    throw errors.limitExceeded(`subjects(ids:) takes at most ${MAX_SUBJECTS_PER_BATCH} ids, got ${count}.`, {
      limit: 'subjects.ids',
      max: MAX_SUBJECTS_PER_BATCH,
      actual: count,
    });
  }
}

export const MAX_SEARCH_RESULTS = 100;

export function checkSearch(name: string, first: number): string {
  const text = name.trim();
  if (text.length === 0) throw errors.badUserInput('searchSubjects: name must not be empty.', { argument: 'name' });
  if (text.length > 100) throw errors.badUserInput('searchSubjects: name is longer than 100 characters.', { argument: 'name' });
  if (!Number.isInteger(first) || first < 1 || first > MAX_SEARCH_RESULTS) {
    throw errors.badUserInput(`searchSubjects: first must be between 1 and ${MAX_SEARCH_RESULTS}, got ${first}.`, {
      argument: 'first',
    });
  }
  return text;
}

export function checkPage(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > ACCESS_LOG_PAGE) {
    throw errors.badUserInput(`accessLog: first must be between 1 and ${ACCESS_LOG_PAGE}, got ${first}.`, { argument: 'first' });
  }
  return first;
}
