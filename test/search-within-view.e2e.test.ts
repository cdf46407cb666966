/**
 * Search and lookup within what the caller may see (design §5, §7; Art. 24, 42): a name
 * search matches a natural person's name only for callers shown that name whole, and a
 * lookup by resident ID number answers only callers shown the number whole. Every refusal
 * has its positive twin: an entitled caller finds the same person from the same data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '@credit-hub/schema';
import type { CallerClaims } from '@credit-hub/runtime';
import { postGraphQL, showcaseWith, startTestHub, type TestHub } from './hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub('search-within-view');
});
afterAll(async () => t?.stop());

const SEARCH = `query($name: String!) { searchSubjects(name: $name, first: 100) { id kind name } }`;
const LOOKUP = `query($id: ID!) { subject(id: $id) { id name region } }`;
const BATCH = `query($ids: [ID!]!) { subjects(ids: $ids) { id } }`;
const COURTS: CallerClaims = { sub: '11150000MB0000000C', role: 'SECTOR_AGENCY', sector: 'COURTS' };
const MARKET: CallerClaims = { sub: '11150000MB0000000M', role: 'SECTOR_AGENCY', sector: 'MARKET' };
const OPERATOR: CallerClaims = { sub: '12150000MB0000000P', role: 'PLATFORM_OPERATOR', sector: 'PLATFORM' };

const person = () => showcaseWith('PERSON');
/** The hidden part of the person's name as shown masked: everything after the first character. */
const hiddenPart = (name: string) => ([...name].length > 2 ? [...name].slice(1).join('') : name);

const callers = {
  public: async () => ({}),
  market: () => t.headersFor(MARKET, 'REGULATORY_SUPERVISION'),
  self: () => t.headersFor({ sub: person().id, role: 'CREDIT_SUBJECT' }),
  courts: () => t.headersFor(COURTS, 'JUDICIAL_ENFORCEMENT'),
  operator: () => t.headersFor(OPERATOR, 'REGULATORY_SUPERVISION'),
};

async function found(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const response = await t.query(query, variables, headers);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
}

describe('name search within what the caller may see', () => {
  it.each([
    ['the public', 'public', false],
    ['an agency of another sector (masked names)', 'market', false],
    ['the person itself', 'self', true],
    ['the courts for JUDICIAL_ENFORCEMENT (identity purpose)', 'courts', true],
    ['a platform operator (the register\'s own sector)', 'operator', true],
  ] as const)('%s: a person is matched by the hidden part of its name only when shown it whole', async (_label, caller, matches) => {
    const { id, name } = person();
    const { searchSubjects } = await found(SEARCH, { name: hiddenPart(name) }, await callers[caller]());
    const ids = searchSubjects.map((subject: { id: string }) => subject.id);
    if (matches) {
      expect(ids).toContain(id);
      expect(searchSubjects.find((subject: { id: string }) => subject.id === id).name).toBe(name);
    } else {
      expect(ids).not.toContain(id);
      // No natural person at all is matched on a name the caller sees masked.
      expect(searchSubjects.filter((subject: { kind: string }) => subject.kind === 'NATURAL_PERSON')).toEqual([]);
    }
  });

  it('still finds organisations for the public', async () => {
    const organisation = showcaseWith('CLEAN');
    const { searchSubjects } = await found(SEARCH, { name: [...organisation.name].slice(3, 9).join('') }, {});
    expect(searchSubjects.map((subject: { id: string }) => subject.id)).toContain(organisation.id);
  });

  it('needs at least two characters, as a coded BAD_USER_INPUT naming the argument', async () => {
    const short = await t.query(SEARCH, { name: ' 王 ' });
    expect(short.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'name' });
    expect(short.data ?? null).toBeNull();
    const two = await t.query(SEARCH, { name: '公司' });
    expect(two.errors).toBeUndefined();
    expect(two.data!.searchSubjects.length).toBeGreaterThan(0);
  });

  it.each([
    ['a NUL byte', '公司\u0000有限'],
    ['a lone surrogate', '公司\uD800'],
    ['a control character', '公司\u0007'],
  ])('refuses %s as BAD_USER_INPUT naming the argument, never a database error', async (_label, name) => {
    for (const url of [t.hub.gateway.url, t.hub.subgraphs.platform.url]) {
      const { body } = await postGraphQL(url, SEARCH, { name });
      expect(body.errors?.[0]?.extensions, JSON.stringify(body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'name' });
      expect(JSON.stringify(body)).not.toMatch(/INTERNAL_SERVER_ERROR|select |ilike|invalid byte sequence/i);
    }
  });
});

describe('lookup by resident ID number (design §7)', () => {
  /** A valid ID number (check digit and birth date) that no one in the register holds. */
  const unregistered = () => {
    const number = person().idNumber!;
    const first17 = `${number.slice(0, 14)}${String((Number(number.slice(14, 17)) + 1) % 1000).padStart(3, '0')}`;
    return first17 + idNumberCheckChar(first17);
  };

  it.each([
    ['the public', 'public'],
    ['an agency shown the number masked', 'market'],
  ] as const)('answers %s null for a registered number exactly as for an unregistered one', async (_label, caller) => {
    const headers = await callers[caller]();
    const registered = await t.query(LOOKUP, { id: person().idNumber }, headers);
    const unknown = await t.query(LOOKUP, { id: unregistered() }, headers);
    expect(registered).toEqual({ data: { subject: null } });
    expect(registered).toEqual(unknown);
    expect(await t.query(BATCH, { ids: [person().idNumber, unregistered()] }, headers)).toEqual({ data: { subjects: [null, null] } });
    // The pseudonymous id (a key, public) still finds the person for the same caller.
    expect((await found(LOOKUP, { id: person().id }, headers)).subject.id).toBe(person().id);
  });

  it.each([
    ['the person itself', 'self'],
    ['the courts for JUDICIAL_ENFORCEMENT', 'courts'],
    ['a platform operator', 'operator'],
  ] as const)('finds the person by ID number for %s, who is shown it whole', async (_label, caller) => {
    const headers = await callers[caller]();
    expect((await found(LOOKUP, { id: person().idNumber }, headers)).subject).toMatchObject({ id: person().id, name: person().name });
    expect((await found(BATCH, { ids: [person().idNumber, unregistered()] }, headers)).subjects).toEqual([{ id: person().id }, null]);
  });
});
