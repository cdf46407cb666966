/**
 * Identifiers of credit subjects (design §7).
 *
 * - Unified social credit code, GB 32100-2015: 18 characters from a 31-character set,
 *   check character = (31 - Σ(c_i · 3^(i-1) mod 31) mod 31) mod 31.
 * - Resident identity number, GB 11643-1999: 17 digits + ISO 7064 MOD 11-2 check
 *   character, with a real birth date in positions 7-14.
 * - A natural person's subject id is a pseudonym (a keyed hash of the ID number), so the
 *   key that travels unmasked through every subgraph never reveals the number (design §5).
 *
 * Validation returns typed results naming the problem; callers turn them into
 * BAD_USER_INPUT errors.
 */
import { createHmac } from 'node:crypto';

export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ID_CHECK_CHARS = '10X98765432';

export type IdProblem = 'LENGTH' | 'CHARACTER' | 'CHECK_DIGIT' | 'BIRTH_DATE' | 'FORMAT';

export type IdCheck = { ok: true; value: string } | { ok: false; problem: IdProblem; message: string };

const fail = (problem: IdProblem, message: string): IdCheck => ({ ok: false, problem, message });

/** Check character for the first 17 characters of a credit code. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  let weight = 1; // 3^(i-1) mod 31
  for (const char of first17) {
    sum += CREDIT_CODE_CHARSET.indexOf(char) * weight;
    weight = (weight * 3) % 31;
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]!;
}

export function checkCreditCode(input: string): IdCheck {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) {
    return fail('LENGTH', `A unified social credit code has 18 characters, got ${code.length}.`);
  }
  for (let i = 0; i < 18; i++) {
    if (!CREDIT_CODE_CHARSET.includes(code[i]!)) {
      return fail(
        'CHARACTER',
        `Character ${i + 1} ('${code[i]}') is not allowed in a unified social credit code (allowed: ${CREDIT_CODE_CHARSET}).`,
      );
    }
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) {
    return fail('CHECK_DIGIT', `Check character of credit code is '${code[17]}', expected '${expected}' (GB 32100-2015).`);
  }
  return { ok: true, value: code };
}

/** Check character for the first 17 digits of a resident ID number. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const weight = 2 ** (17 - i) % 11; // 2^(18-i) mod 11 with 1-based i
    sum += Number(first17[i]) * weight;
  }
  return ID_CHECK_CHARS[sum % 11]!;
}

function isRealDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && date.getTime() <= Date.now();
}

export function checkIdNumber(input: string): IdCheck {
  const id = input.trim().toUpperCase();
  if (id.length !== 18) {
    return fail('LENGTH', `A resident ID number has 18 characters, got ${id.length}.`);
  }
  for (let i = 0; i < 17; i++) {
    if (id[i]! < '0' || id[i]! > '9') {
      return fail('CHARACTER', `Character ${i + 1} ('${id[i]}') of a resident ID number must be a digit.`);
    }
  }
  if (!/[0-9X]/.test(id[17]!)) {
    return fail('CHARACTER', `Character 18 ('${id[17]}') of a resident ID number must be a digit or X.`);
  }
  if (!isRealDate(id.slice(6, 14))) {
    return fail('BIRTH_DATE', `Birth date '${id.slice(6, 14)}' in the resident ID number is not a real past date.`);
  }
  const expected = idNumberCheckChar(id.slice(0, 17));
  if (id[17] !== expected) {
    return fail('CHECK_DIGIT', `Check character of resident ID number is '${id[17]}', expected '${expected}' (GB 11643-1999).`);
  }
  return { ok: true, value: id };
}

/** Pseudonymous subject ids of natural persons: "NP" + 20 base32 characters. */
const PSEUDONYM_PATTERN = /^NP[A-Z2-7]{20}$/;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function personPseudonym(idNumber: string, key: string): string {
  const digest = createHmac('sha256', key).update(idNumber.toUpperCase()).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 20) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === 20) break;
  }
  return `NP${out}`;
}

/** The same pattern for SQL (`subject_id ~ …`): stores tell persons' rows apart without the register. */
export const PSEUDONYM_SQL_PATTERN = PSEUDONYM_PATTERN.source;

export function isPersonPseudonym(id: string): boolean {
  // Asked of every subject of every record: most are credit codes, told apart by length alone.
  return id.length === 22 && PSEUDONYM_PATTERN.test(id);
}

/**
 * What a caller-supplied subject id can be. An 18-character string may be valid as
 * both a credit code and an ID number (all-digit codes exist), so every reading that
 * passes is returned and the register decides which one exists.
 */
export type SubjectIdReading =
  | { ok: true; candidates: Array<{ kind: 'CREDIT_CODE' | 'ID_NUMBER' | 'PSEUDONYM'; value: string }> }
  | { ok: false; problem: IdProblem; message: string };

export function readSubjectId(input: string): SubjectIdReading {
  const id = input.trim().toUpperCase();
  if (isPersonPseudonym(id)) return { ok: true, candidates: [{ kind: 'PSEUDONYM', value: id }] };
  if (id.startsWith('NP') && id.length !== 18) {
    return { ok: false, problem: 'FORMAT', message: `A person's subject id is 'NP' followed by 20 base32 characters; got '${input}'.` };
  }
  const asCode = checkCreditCode(id);
  const asPerson = checkIdNumber(id);
  const candidates: Array<{ kind: 'CREDIT_CODE' | 'ID_NUMBER'; value: string }> = [];
  if (asCode.ok) candidates.push({ kind: 'CREDIT_CODE', value: asCode.value });
  if (asPerson.ok) candidates.push({ kind: 'ID_NUMBER', value: asPerson.value });
  if (candidates.length > 0) return { ok: true, candidates };
  // Neither reading passes: report the one the input looks like. Seventeen digits with a
  // 19xx/20xx birth year read as an ID number (bad date or check digit); anything else as a code.
  const looksLikeIdNumber = id.length === 18 && /^\d{6}(19|20)\d{9}/.test(id);
  const reason = looksLikeIdNumber ? asPerson : asCode;
  if (reason.ok) throw new Error('unreachable: both readings failed');
  return { ok: false, problem: reason.problem, message: `'${input}' is not a valid subject id: ${reason.message}` };
}

/**
 * Key of the development pseudonyms. Production sets SUBJECT_PSEUDONYM_KEY; the demo data
 * and migrations/showcase.json use this one, so showcase person ids hold only with it.
 */
export const DEVELOPMENT_PSEUDONYM_KEY = 'credit-hub-development-pseudonym-key-v1';
