/**
 * Turning caller-supplied ids into register keys. A subject may be asked for by credit
 * code, by pseudonymous id, or by resident ID number; the number is turned into its
 * pseudonym here and never stored as a key (design §5).
 */
import { decideField, errors, factsOfRow, personPseudonym, readSubjectId, type PolicyRequest } from '@credit-hub/schema';
import { ACCESS_LOG_PAGE, type NameSearchScope } from '../store/index.js';
import { fieldAccess } from '../procedures/access.js';

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

/** Shorter text would confirm too much with each answer (design §5: search within what the caller may see). */
export const MIN_SEARCH_LENGTH = 2;
/** Lone surrogates (not UTF-8) and control characters, NUL included: text PostgreSQL cannot take, or no name holds. */
const UNSEARCHABLE = /[\u0000-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function checkSearch(name: string, first: number): string {
  if (UNSEARCHABLE.test(name)) {
    throw errors.badUserInput('searchSubjects: name holds a control character or malformed text; send the name as plain text.', { argument: 'name' });
  }
  const text = name.trim();
  const length = [...text].length;
  if (length < MIN_SEARCH_LENGTH) {
    throw errors.badUserInput(`searchSubjects: name must be at least ${MIN_SEARCH_LENGTH} characters, got ${length}.`, { argument: 'name' });
  }
  if (length > 100) throw errors.badUserInput('searchSubjects: name is longer than 100 characters.', { argument: 'name' });
  if (!Number.isInteger(first) || first < 1 || first > MAX_SEARCH_RESULTS) {
    throw errors.badUserInput(`searchSubjects: first must be between 1 and ${MAX_SEARCH_RESULTS}, got ${first}.`, {
      argument: 'first',
    });
  }
  return text;
}

const SUBJECT_NAME = fieldAccess('Subject', 'name');
const SUBJECT_ID_NUMBER = fieldAccess('Subject', 'idNumber');

/**
 * Design §7's lookup by resident ID number answers only callers the policy shows that
 * person's ID number whole (the person itself, the owning sector, identity purposes such as
 * JUDICIAL_ENFORCEMENT). Anyone else gets null exactly as for an unregistered number: an
 * answer would confirm that a number they may not see is registered, and whose it is
 * (design §5, Art. 24, 42). Credit codes and pseudonymous ids are keys, open to all.
 */
export function lookupShown<R extends { id: string; kind: string }>(input: string, row: R | null, policy: PolicyRequest, today: string): R | null {
  if (!row || row.kind !== 'NATURAL_PERSON') return row;
  const reading = readSubjectId(input);
  if (reading.ok && reading.candidates.some((candidate) => candidate.kind === 'PSEUDONYM')) return row;
  const decision = decideField(SUBJECT_ID_NUMBER, policy, factsOfRow(row as Record<string, unknown>, today));
  return decision.allow && !decision.masked ? row : null;
}

/**
 * Whose names a search may match for this caller (design §5: no search match on a hidden
 * value; Art. 24, 42). Organisations' names are open to all. A natural person's name is
 * matched only where the policy engine shows this caller that name whole, asked on the same
 * classification as the field: for any person (the owning sector, identity purposes such as
 * JUDICIAL_ENFORCEMENT), else only the caller's own (Art. 38).
 */
export function nameSearchScope(policy: PolicyRequest, today: string): NameSearchScope {
  const seesWhole = (row: Record<string, unknown>) => {
    const decision = decideField(SUBJECT_NAME, policy, factsOfRow({ kind: 'NATURAL_PERSON', ...row }, today));
    return decision.allow && !decision.masked;
  };
  const { caller } = policy;
  const ownId = caller.sub && seesWhole({ id: caller.sub }) ? caller.sub : null;
  return { allPersons: seesWhole({}), ownId };
}

export function checkPage(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > ACCESS_LOG_PAGE) {
    throw errors.badUserInput(`accessLog: first must be between 1 and ${ACCESS_LOG_PAGE}, got ${first}.`, { argument: 'first' });
  }
  return first;
}
