import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_CHARSET,
  checkCreditCode,
  checkIdNumber,
  creditCodeCheckChar,
  idNumberCheckChar,
  isPersonPseudonym,
  personPseudonym,
  readSubjectId,
} from './ids.js';

// Samples from design §7.
const VALID_CODES = ['911522010783710635', '91110000600037341L'];
const VALID_ID = '11010519491231002X';

/** Replaces the check character with every other allowed one. */
function withWrongChecks(valid: string, charset: string): string[] {
  return [...charset].filter((char) => char !== valid[17]).map((char) => valid.slice(0, 17) + char);
}

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(VALID_CODES)('accepts the design sample %s', (code) => {
    expect(checkCreditCode(code)).toEqual({ ok: true, value: code });
  });

  it('accepts lower case input and normalises it', () => {
    expect(checkCreditCode('91110000600037341l')).toEqual({ ok: true, value: '91110000600037341L' });
  });

  it('rejects every wrong check character, naming the expected one', () => {
    for (const code of VALID_CODES) {
      for (const wrong of withWrongChecks(code, CREDIT_CODE_CHARSET)) {
        const result = checkCreditCode(wrong);
        expect(result).toMatchObject({ ok: false, problem: 'CHECK_DIGIT' });
        if (!result.ok) expect(result.message).toContain(`expected '${code[17]}'`);
      }
    }
  });

  it('rejects a wrong length', () => {
    expect(checkCreditCode('91150102MA0N3QK81')).toMatchObject({ ok: false, problem: 'LENGTH' });
  });

  it.each(['I', 'O', 'S', 'V', 'Z', '-'])('rejects the excluded character %s, naming its position', (char) => {
    const code = `91150102MA0N3${char}K81Q`;
    const result = checkCreditCode(code);
    expect(result).toMatchObject({ ok: false, problem: 'CHARACTER' });
    if (!result.ok) expect(result.message).toContain('Character 14');
  });

  it('computes check characters that validate for generated codes', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 500; n++) {
      const body = Array.from({ length: 17 }, () => CREDIT_CODE_CHARSET[next() % 31]).join('');
      expect(checkCreditCode(body + creditCodeCheckChar(body)).ok).toBe(true);
    }
  });
});

describe('resident ID number (GB 11643-1999)', () => {
  it('accepts the design sample with an X check character', () => {
    expect(checkIdNumber(VALID_ID)).toEqual({ ok: true, value: VALID_ID });
  });

  it('rejects every wrong check character', () => {
    for (const wrong of withWrongChecks(VALID_ID, '0123456789X')) {
      expect(checkIdNumber(wrong)).toMatchObject({ ok: false, problem: 'CHECK_DIGIT' });
    }
  });

  it.each([
    ['19490230', 'February 30'],
    ['19491301', 'month 13'],
    ['18990101', 'before 1900'],
    ['29990101', 'in the future'],
  ])('rejects birth date %s (%s)', (date) => {
    const body = `110105${date}002`;
    expect(checkIdNumber(body + idNumberCheckChar(body))).toMatchObject({ ok: false, problem: 'BIRTH_DATE' });
  });

  it('rejects letters in the body and a wrong length', () => {
    expect(checkIdNumber('1101051949123100AX')).toMatchObject({ ok: false, problem: 'CHARACTER' });
    expect(checkIdNumber('11010519491231002')).toMatchObject({ ok: false, problem: 'LENGTH' });
  });
});

describe('subject ids', () => {
  it('derives a stable pseudonym that does not contain the ID number', () => {
    const id = personPseudonym(VALID_ID, 'key-one-0123456789');
    expect(isPersonPseudonym(id)).toBe(true);
    expect(personPseudonym(VALID_ID.toLowerCase(), 'key-one-0123456789')).toBe(id);
    expect(personPseudonym(VALID_ID, 'key-two-0123456789')).not.toBe(id);
    expect(id).not.toContain(VALID_ID.slice(0, 6));
  });

  it('reads a credit code, an ID number and a pseudonym', () => {
    expect(readSubjectId(VALID_CODES[0]!)).toEqual({ ok: true, candidates: [{ kind: 'CREDIT_CODE', value: VALID_CODES[0] }] });
    expect(readSubjectId(VALID_ID)).toEqual({ ok: true, candidates: [{ kind: 'ID_NUMBER', value: VALID_ID }] });
    const pseudonym = personPseudonym(VALID_ID, 'k'.repeat(16));
    expect(readSubjectId(pseudonym)).toEqual({ ok: true, candidates: [{ kind: 'PSEUDONYM', value: pseudonym }] });
  });

  it('names the ID-number problem for a digit string around a real birth date', () => {
    const result = readSubjectId('110105194912310021');
    expect(result).toMatchObject({ ok: false, problem: 'CHECK_DIGIT' });
    if (!result.ok) expect(result.message).toContain('resident ID number');
  });

  it('names the credit-code problem for anything else', () => {
    const result = readSubjectId('911522010783710636');
    expect(result).toMatchObject({ ok: false, problem: 'CHECK_DIGIT' });
    if (!result.ok) expect(result.message).toContain('credit code');
    expect(readSubjectId('abc')).toMatchObject({ ok: false, problem: 'LENGTH' });
  });
});
