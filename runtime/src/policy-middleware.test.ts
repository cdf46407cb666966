/**
 * The enforcement middleware on a small subgraph schema, executed in process: deny by
 * default for unclassified fields, coded denials through shield, and what the engine allows
 * resolved at once (synchronously: no promise per field). The policy table itself is
 * checked through the gateway in test/conformance.e2e.test.ts.
 */
import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { execute, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { COMMON_SDL_PATH, scalarResolvers, type PolicyCaller } from '@credit-hub/schema';
import { DisclosureCollector } from './audit.js';
import { applyPolicy, type PolicyContext } from './policy-middleware.js';

const ENTERPRISE = '91150100MA0000001A';
const PERSON = 'NPABCDEFGHIJKLMNOPQRST';
const TODAY = '2026-11-27';

const SDL = `
type Query @access(share: UNCONDITIONAL, open: PUBLIC) {
  cases: [Case!]
}
type Subject @key(fields: "id") {
  id: ID! @access(share: UNCONDITIONAL, open: PUBLIC)
}
type Case {
  id: ID! @access(share: UNCONDITIONAL, open: PUBLIC)
  name: String @access(share: UNCONDITIONAL, open: PUBLIC, personal: true)
  amount: Int @access(share: CONDITIONAL, open: AUTHORIZED, purposes: [CREDIT_REPORT])
  internalNote: String @access(share: NONE, open: CLOSED)
  draft: String
}`;

const rows = () => [
  { id: '1', subjectId: ENTERPRISE, name: 'Acme', amount: 100, internalNote: 'note', draft: 'draft', disclosureUntil: null },
  { id: '2', subjectId: ENTERPRISE, name: 'Acme', amount: 200, internalNote: 'note', draft: 'draft', repairedAt: '2026-01-01' },
  { id: '3', subjectId: PERSON, name: '张三丰', amount: 300, internalNote: 'note', draft: 'draft', disclosureUntil: null },
];

const schema: GraphQLSchema = applyPolicy(
  buildSubgraphSchema([
    {
      typeDefs: parse(`${readFileSync(COMMON_SDL_PATH, 'utf8')}\n${SDL}`),
      resolvers: { ...scalarResolvers, Query: { cases: () => rows() } } as GraphQLResolverMap<unknown>,
    },
  ]),
);

const OWNER: PolicyCaller = { role: 'SECTOR_AGENCY', sub: '11150000MB0COU000X', sector: 'COURTS' };
const OTHER_SECTOR: PolicyCaller = { role: 'SECTOR_AGENCY', sub: '11150000MB0MAR000X', sector: 'MARKET' };
const AGENCY: PolicyCaller = { role: 'CREDIT_SERVICE_AGENCY', sub: '91150105MA0KXPBB27', sector: null };

function contextFor(caller: PolicyCaller, purpose: string | null, granted: string[] = []): PolicyContext & { loaded: string[] } {
  const authorised = new Set<string>();
  const loaded: string[] = [];
  return {
    policy: { caller, purpose, ownerSector: 'COURTS', authorised: (subjectId) => authorised.has(subjectId) },
    disclosures: new DisclosureCollector(),
    today: TODAY,
    loadAuthorisations: async (subjectIds) => {
      loaded.push(...subjectIds);
      subjectIds.filter((subjectId) => granted.includes(subjectId)).forEach((subjectId) => authorised.add(subjectId));
    },
    loaded,
  };
}

const run = (query: string, context: PolicyContext) => execute({ schema, document: parse(query), contextValue: context });

const errorsAt = (result: ExecutionResult) =>
  Object.fromEntries((result.errors ?? []).map((error) => [error.path!.join('.'), error.extensions]));

describe('enforcement middleware', () => {
  it('denies an unclassified field to every caller, the owning sector and the subject itself included (deny by default)', async () => {
    const self: PolicyCaller = { role: 'CREDIT_SUBJECT', sub: ENTERPRISE, sector: null };
    for (const [caller, purpose] of [[OWNER, 'REGULATORY_SUPERVISION'], [self, null]] as const) {
      const result = await run('{ cases { id draft } }', contextFor(caller, purpose));
      const cases = result.data!.cases as Array<Record<string, unknown>>;
      expect(cases.length).toBeGreaterThan(0);
      expect(cases.every((row) => row.draft === null)).toBe(true);
      const errors = Object.values(errorsAt(result));
      expect(errors).toHaveLength(cases.length);
      for (const extensions of errors) expect(extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'UNCLASSIFIED', article: 'Art. 24' });
    }
  });

  it('answers a denied field with the coded error per field and notes the denial for the audit (Art. 24)', async () => {
    const context = contextFor(OTHER_SECTOR, 'PUBLIC_PROCUREMENT');
    const result = await run('{ cases { id internalNote } }', context);
    expect(result.data!.cases).toEqual([
      { id: '1', internalNote: null },
      { id: '3', internalNote: null },
    ]);
    expect(errorsAt(result)).toEqual({
      'cases.0.internalNote': expect.objectContaining({ code: 'FORBIDDEN', field: 'Case.internalNote', reason: 'NOT_SHARED', purpose: 'PUBLIC_PROCUREMENT', article: 'Art. 24' }),
      'cases.1.internalNote': expect.objectContaining({ code: 'FORBIDDEN', reason: 'NOT_SHARED' }),
    });
    const entries = context.disclosures.entries({ at: new Date(), requestId: 'r', subgraph: 'courts', callerSub: null, callerRole: 'SECTOR_AGENCY', callerSector: 'MARKET' }, () => 'PUBLIC_PROCUREMENT');
    expect(entries.map((entry) => [entry.subjectIds, entry.fieldsDisclosed, entry.fieldsDenied])).toEqual([
      [[ENTERPRISE, PERSON], [], ['Case.internalNote']],
    ]);
  });

  it('resolves what the engine allows at once, without a promise: masked, invisible records left out, disclosures noted', () => {
    const context = contextFor(OTHER_SECTOR, 'PUBLIC_PROCUREMENT');
    const result = run('{ cases { id name } }', context);
    expect(result).not.toBeInstanceOf(Promise);
    // Art. 40: the repaired case is gone for another sector; the person's name is masked.
    expect((result as ExecutionResult).data!.cases).toEqual([
      { id: '1', name: 'Acme' },
      { id: '3', name: '张**' },
    ]);
    const entries = context.disclosures.entries({ at: new Date(), requestId: 'r', subgraph: 'courts', callerSub: null, callerRole: 'SECTOR_AGENCY', callerSector: 'MARKET' }, () => 'PUBLIC_PROCUREMENT');
    expect(entries.map((entry) => [entry.subjectIds, entry.fieldsDisclosed])).toEqual([[[ENTERPRISE, PERSON], ['Case.name']]]);
  });

  it('shows the owning sector every record of its own, whole', () => {
    const result = run('{ cases { id name internalNote } }', contextFor(OWNER, 'REGULATORY_SUPERVISION')) as ExecutionResult;
    expect(result.errors).toBeUndefined();
    expect((result.data!.cases as unknown[]).length).toBe(3);
    expect(result.data!.cases).toContainEqual({ id: '3', name: '张三丰', internalNote: 'note' });
  });

  it("asks for the subject's authorisation before an AUTHORIZED field, per record (Art. 26, 42)", async () => {
    const context = contextFor(AGENCY, 'CREDIT_REPORT', [ENTERPRISE]);
    const result = await run('{ cases { id amount } }', context);
    expect(context.loaded).toEqual(expect.arrayContaining([ENTERPRISE, PERSON]));
    expect(result.data!.cases).toEqual([
      { id: '1', amount: 100 },
      { id: '3', amount: null },
    ]);
    expect(errorsAt(result)).toEqual({
      'cases.1.amount': expect.objectContaining({ code: 'FORBIDDEN', reason: 'NOT_AUTHORISED', article: 'Art. 42' }),
    });
  });
});
