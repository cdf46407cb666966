/**
 * Free text under the masking rule (design §5, Art. 24, 42): generated texts with ID numbers
 * and the record's persons' names in them, read by every kind of caller.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { factsOfRow, freeTextMasked, maskFreeText, type PolicyRequest, type RecordFacts } from './policy.js';
import type { AccessClass } from './typedefs.js';
import { checkIdNumber } from './ids.js';

const CHINESE = fc.constantFrom(...'王李张刘陈杨赵黄周吴伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英'.split(''));
const name = fc.array(CHINESE, { minLength: 2, maxLength: 4 }).map((chars) => chars.join(''));
const filler = fc.array(fc.constantFrom(...'经法院认定未履行判决书确定的义务，。、（）0123456789年月日元'.split('')), { maxLength: 30 }).map((chars) => chars.join(''));

/** A resident ID number with a valid check digit (GB 11643-1999). */
const idNumber = fc
  .record({ region: fc.constantFrom('150102', '150203', '152502'), day: fc.date({ min: new Date('1950-01-01'), max: new Date('2005-12-31'), noInvalidDate: true }), seq: fc.integer({ min: 0, max: 999 }) })
  .map(({ region, day, seq }) => {
    const body = `${region}${day.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
    const sum = [...body].reduce((total, digit, index) => total + Number(digit) * (2 ** (17 - index) % 11), 0);
    return body + '10X98765432'[sum % 11];
  });

describe('free text (design §5)', () => {
  it('masks every ID number and the persons\' names in any text, keeping the rest', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(filler, name, idNumber), { maxLength: 8 }), name, idNumber, (parts, person, id) => {
        const text = [...parts, person, id].join('');
        const masked = maskFreeText(text, [person]) as string;
        expect(checkIdNumber(id).ok).toBe(true);
        expect(masked).not.toContain(id);
        expect(masked).not.toContain(person);
        expect(masked).toContain(`${id.slice(0, 6)}********${id.slice(-4)}`);
        expect(masked).toContain(person[0]);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves text without personal values as it is', () => {
    fc.assert(
      fc.property(filler, name, (text, person) => {
        fc.pre(!text.includes(person));
        expect(maskFreeText(text, [person])).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('masks free text exactly for the callers who would see a personal field masked', () => {
    const access: AccessClass = { share: 'CONDITIONAL', open: 'PUBLIC', purposes: ['JOINT_PUNISHMENT', 'JUDICIAL_ENFORCEMENT'], personal: false, freeText: true };
    const person = 'NP' + 'A'.repeat(20);
    const record: RecordFacts = { subjectIds: [person], disclosedNow: true, repaired: false, removed: false, concernsPerson: true };
    const request = (caller: PolicyRequest['caller'], purpose: string | null): PolicyRequest => ({ caller, purpose, ownerSector: 'PLATFORM' });
    const finance = { role: 'SECTOR_AGENCY', sub: 'f', sector: 'FINANCE' } as const;
    const courts = { role: 'SECTOR_AGENCY', sub: 'c', sector: 'COURTS' } as const;
    expect(freeTextMasked(access, request(finance, 'JOINT_PUNISHMENT'), record)).toBe(true);
    expect(freeTextMasked(access, request({ role: 'PUBLIC', sub: null, sector: null }, 'PUBLIC_QUERY'), record)).toBe(true);
    // Entitled whole: identity purposes, the owning sector, the person itself; and organisations' texts are never masked.
    expect(freeTextMasked(access, request(courts, 'JUDICIAL_ENFORCEMENT'), record)).toBe(false);
    expect(freeTextMasked(access, request({ role: 'PLATFORM_OPERATOR', sub: 'p', sector: 'PLATFORM' }, 'JOINT_PUNISHMENT'), record)).toBe(false);
    expect(freeTextMasked(access, request({ role: 'CREDIT_SUBJECT', sub: person, sector: null }, null), record)).toBe(false);
    expect(freeTextMasked(access, request(finance, 'JOINT_PUNISHMENT'), { ...record, concernsPerson: false })).toBe(false);
  });
});

describe('facts of a row: which records concern persons (design §5)', () => {
  const PERSON_ID = 'NPAG43U4LNHZL53YI6JII7';
  const ENTERPRISE_ID = '91150102MA0N3QK81Q';
  it('reads `kind` as the subject\'s kind only on register rows, so a record\'s own kind does not hide its person', () => {
    // A commitment's or a judgment's `kind` is the record's (PUBLIC_COMMITMENT, JUDGMENT): its subject decides.
    fc.assert(
      fc.property(fc.constantFrom('PUBLIC_COMMITMENT', 'JUDGMENT', 'RULING', 'SELF_DECLARATION', 'ARBITRAL_AWARD', undefined), (kind) => {
        expect(factsOfRow({ subjectId: PERSON_ID, kind }, '2026-12-03').concernsPerson).toBe(true);
        expect(factsOfRow({ subjectId: ENTERPRISE_ID, kind }, '2026-12-03').concernsPerson).toBe(false);
      }),
    );
    expect(factsOfRow({ id: PERSON_ID, kind: 'NATURAL_PERSON', name: '敖日格乐' }, '2026-12-03')).toMatchObject({ concernsPerson: true, personNames: ['敖日格乐'] });
    expect(factsOfRow({ id: ENTERPRISE_ID, kind: 'LEGAL_PERSON', name: '某公司' }, '2026-12-03').personNames).toBeUndefined();
  });

  it('masks the persons a record names inside its free text, even when the record is about an organisation', () => {
    const facts = factsOfRow({ subjectId: ENTERPRISE_ID, personNames: ['张晓雪'] }, '2026-12-03');
    const access: AccessClass = { share: 'UNCONDITIONAL', open: 'PUBLIC', purposes: [], personal: false, freeText: true };
    const publicRequest: PolicyRequest = { caller: { role: 'PUBLIC', sub: null, sector: null }, purpose: 'PUBLIC_QUERY', ownerSector: 'COURTS' };
    const courts: PolicyRequest = { caller: { role: 'SECTOR_AGENCY', sub: '11150000MB0COU000X', sector: 'COURTS' }, purpose: 'JOINT_PUNISHMENT', ownerSector: 'COURTS' };
    expect(freeTextMasked(access, publicRequest, facts)).toBe(true);
    expect(maskFreeText('原告张晓雪诉被告民间借贷纠纷', facts.personNames)).toBe('原告张**诉被告民间借贷纠纷');
    expect(freeTextMasked(access, courts, facts)).toBe(false); // the owning court reads its judgment whole
  });
});
