/**
 * Operation limits (Art. 41; design §8 `LIMIT_EXCEEDED`; issue #14): the mission's heavy
 * cases fit their budgets; the exponential fan-out query and its cousins through every cycle
 * of the graph are refused before any subgraph is asked, through the gateway and straight to
 * each subgraph; aliases, tokens and directives are bounded; a caller over its rate gets 429.
 */
import { Supergraph } from '@apollo/federation-internals';
import fc from 'fast-check';
import { Kind, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPERATION_LIMITS, operationCost, type CallerClaims } from '@credit-hub/runtime';
import { SUPERGRAPH_PATH } from '@credit-hub/schema';
import { readFileSync } from 'node:fs';
import { graphsOf, LEAVES, namedType, selection, subgraphOf, types, type Graph } from './supergraph-walk.js';
import { postGraphQL, showcase, showcaseWith, startTestHub, type TestHub } from './hub.js';

const FINANCE: CallerClaims = { sub: '11150000MB0000000F', role: 'SECTOR_AGENCY', sector: 'FINANCE' };
const ENTERPRISE = showcaseWith('ALL_SECTORS');
const limits = DEFAULT_OPERATION_LIMITS;
const apiSchema = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).apiSchema().toGraphQLJSSchema();
const costOf = (query: string, variables: Record<string, unknown> = {}) => operationCost(apiSchema, parse(query), variables, undefined, limits.assumedListSize);

let t: TestHub;
let ids: string[];
beforeAll(async () => {
  t = await startTestHub('operation_limits', { subjects: 1_000 });
  ids = (await t.databases.dbs.platform('subjects').select('id').orderBy('id').limit(1_000)).map((row) => row.id);
}, 180_000);
afterAll(async () => t?.stop());

/** Rows any subgraph wrote for a request: none means no subgraph disclosed anything for it. */
const rowsOf = (reference: string) => t.databases.audit('access_log').where({ client_request_id: reference }).count<{ count: string }[]>('* as count').then((rows) => Number(rows[0]!.count));

let references = 0;
async function send(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const reference = `limits-${++references}`;
  const response = await postGraphQL(url, query, variables, { ...headers, 'x-request-id': reference });
  return { ...response, reference };
}

function expectRefused(response: Awaited<ReturnType<typeof send>>, limit: string) {
  expect(response.status, JSON.stringify(response.body).slice(0, 300)).toBe(400);
  expect(response.body.data ?? null).toBeNull();
  const error = response.body.errors?.[0];
  expect(error?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit });
  expect(error!.extensions!.actual).toBeGreaterThan(error!.extensions!.max);
  expect(error!.message).toContain(String(error!.extensions!.max));
}

/** The mission's cases, from the supergraph: a 1,000-subject batch with a field of every sector, and a profile with everything. */
function missionBatch(): string {
  const subject = types.get('Subject')!;
  const fields: string[] = [];
  for (const graph of ['PLATFORM', 'COURTS', 'MARKET', 'SOCIAL_SECURITY', 'FINANCE'] as Graph[]) {
    const field = (subject.fields ?? []).find((candidate) => {
      const target = namedType(candidate.type);
      return types.has(target) && target !== 'CreditReport' && !(candidate.arguments ?? []).length && graphsOf(subject, candidate).join() === graph;
    })!;
    // Its plain values, as a batch check reads them (status, dates, amounts).
    const leaves = (types.get(namedType(field.type))!.fields ?? []).filter((candidate) => LEAVES.has(namedType(candidate.type))).map((candidate) => candidate.name.value);
    fields.push(`${field.name.value} { ${leaves.join(' ')} }`);
  }
  return `query($ids: [ID!]!) { subjects(ids: $ids) { id name ${fields.join(' ')} } }`;
}
const FULL_PROFILE = `query($id: ID!) { subject(id: $id) { ${selection('Subject', 0)} } }`;

/** judgments → parties → subject, `hops` times: each hop multiplies the answer (issue #14). */
const fanOut = (hops: number, straightToCourts = false) => {
  let inner = straightToCourts ? 'id' : 'name';
  for (let hop = 0; hop < hops; hop++) inner = `judgments { parties { subject { ${inner} } } }`;
  return straightToCourts
    ? `{ _entities(representations: [{ __typename: "Subject", id: "${ENTERPRISE.id}" }]) { ... on Subject { ${inner} } } }`
    : `{ subject(id: "${ENTERPRISE.id}") { ${inner} } }`;
};

/**
 * Every cycle from Subject back to Subject through object fields without required
 * arguments (parties, legal representatives, listings' persons, contracts' agencies …), as
 * the path of field names, found by a walk of the supergraph.
 */
function subjectCycles(maxLength = 4): string[][] {
  const cycles: string[][] = [];
  const walk = (typeName: string, path: string[], seen: Set<string>) => {
    if (path.length >= maxLength) return;
    for (const field of types.get(typeName)!.fields ?? []) {
      if ((field.arguments ?? []).some((arg) => arg.type.kind === Kind.NON_NULL_TYPE)) continue;
      const target = namedType(field.type);
      if (!types.has(target) || target === 'CreditReport') continue;
      if (target === 'Subject' && path.length > 0) cycles.push([...path, field.name.value]);
      else if (target !== 'Subject' && !seen.has(target)) walk(target, [...path, field.name.value], new Set([...seen, target]));
    }
  };
  walk('Subject', [], new Set(['Subject']));
  return cycles;
}
const around = (cycle: string[], times: number) => {
  let inner = 'id';
  for (let turn = 0; turn < times; turn++) inner = cycle.reduceRight((acc, name) => `${name} { ${acc} }`, inner);
  return `{ subject(id: "${ENTERPRISE.id}") { ${inner} } }`;
};

describe('operation limits (Art. 41)', () => {
  it('answers the mission\'s heavy cases within a sector agency\'s budget', async () => {
    const batch = missionBatch();
    const batchCost = costOf(batch, { ids });
    const profileCost = costOf(FULL_PROFILE, { id: ENTERPRISE.id });
    console.info(`operation limits: 1,000-subject batch with a field of every sector costs ${batchCost}, the full profile ${profileCost}; SECTOR_AGENCY budget ${limits.costBudget.SECTOR_AGENCY}, PUBLIC ${limits.costBudget.PUBLIC}`);
    expect(batchCost).toBeLessThanOrEqual(limits.costBudget.SECTOR_AGENCY);
    const headers = await t.headersFor(FINANCE, 'PUBLIC_PROCUREMENT');
    const answered = await send(t.hub.gateway.url, batch, { ids }, headers);
    expect(answered.body.errors?.filter((error) => error.extensions?.code === 'LIMIT_EXCEEDED') ?? []).toEqual([]);
    expect(answered.body.data!.subjects).toHaveLength(1_000);
    expect(answered.body.data!.subjects.filter(Boolean).length).toBe(1_000);
    const profile = await send(t.hub.gateway.url, FULL_PROFILE, { id: ENTERPRISE.id }, headers);
    expect(profile.body.errors?.filter((error) => error.extensions?.code === 'LIMIT_EXCEEDED') ?? []).toEqual([]);
    expect(profile.body.data!.subject.name).toBe(ENTERPRISE.name);
    // The public may read the same profile, not the 1,000-subject batch.
    expect((await send(t.hub.gateway.url, FULL_PROFILE, { id: ENTERPRISE.id })).body.data!.subject).not.toBeNull();
    expectRefused(await send(t.hub.gateway.url, batch, { ids }), 'cost');
  });

  it('refuses the exponential fan-out query before any subgraph is asked, and names its cost', async () => {
    let refusedDepth = 0;
    // 39 levels (13 hops) in about half a kilobyte: the answer would double with each hop.
    const query = fanOut(13);
    expect(query.length).toBeLessThan(700);
    // Straight to courts through _entities, whose Subject has judgments but not the platform's name.
    for (const [url, sent] of [[t.hub.gateway.url, query], [t.hub.subgraphs.courts.url, fanOut(13, true)]] as const) {
      const refused = await send(url, sent);
      // Straight to courts the cycle is judgments → parties → subject within one subgraph.
      expectRefused(refused, 'depth');
      refusedDepth = refused.body.errors![0]!.extensions!.actual;
      expect(await rowsOf(refused.reference)).toBe(0);
    }
    // Within the depth limit the cost refuses it: two hops for each of 1,000 subjects.
    const agency = await t.headersFor(FINANCE, 'PUBLIC_PROCUREMENT');
    const shallow = await send(t.hub.gateway.url, fanOut(2), {}, agency);
    expect(shallow.body.errors?.filter((error) => error.extensions?.code === 'LIMIT_EXCEEDED') ?? []).toEqual([]);
    const wide = fanOut(2).replace(`{ subject(id: "${ENTERPRISE.id}")`, 'query($ids: [ID!]!) { subjects(ids: $ids)');
    const deeper = await send(t.hub.gateway.url, wide, { ids }, agency);
    expectRefused(deeper, 'cost');
    console.info(`operation limits: 13 hops refused at depth ${refusedDepth} (its cost would be ${costOf(query).toExponential(2)}); 2 hops for 1,000 subjects at cost ${deeper.body.errors![0]!.extensions!.actual} (budget ${limits.costBudget.SECTOR_AGENCY})`);
    expect(await rowsOf(deeper.reference)).toBe(0);
  });

  it('refuses every cycle of the graph repeated past the budget, through the gateway and straight to each subgraph', async () => {
    const cycles = subjectCycles();
    expect(cycles.length).toBeGreaterThanOrEqual(5);
    const problems: string[] = [];
    for (const cycle of cycles) {
      const query = around(cycle, 8);
      const gateway = await send(t.hub.gateway.url, query);
      if (gateway.status !== 400 || gateway.body.errors?.[0]?.extensions?.code !== 'LIMIT_EXCEEDED') problems.push(`${cycle.join('.')} through the gateway: ${gateway.status}`);
      if ((await rowsOf(gateway.reference)) > 0) problems.push(`${cycle.join('.')}: a subgraph disclosed for a refused operation`);
    }
    // Straight: each subgraph's own Subject fields, repeated.
    for (const graph of ['COURTS', 'MARKET', 'FINANCE', 'PLATFORM', 'SOCIAL_SECURITY'] as Graph[]) {
      const url = t.hub.subgraphs[subgraphOf(graph)].url;
      const own = cycles.filter((cycle) => graphOwnsPath(cycle, graph));
      for (const cycle of own) {
        const response = await send(url, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Subject { ${around(cycle, 8).replace(/^\{ subject\(id: "[^"]+"\) \{ (.*) \} \}$/, '$1')} } } }`, { r: [{ __typename: 'Subject', id: ENTERPRISE.id }] });
        if (response.body.errors?.[0]?.extensions?.code !== 'LIMIT_EXCEEDED') problems.push(`${cycle.join('.')} straight to ${subgraphOf(graph)}: ${JSON.stringify(response.body).slice(0, 120)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('bounds aliases, tokens and directives, and _entities batches sent straight to a subgraph', async () => {
    const aliased = (count: number) => `{ ${Array.from({ length: count }, (_, index) => `a${index}: subject(id: "${ENTERPRISE.id}") { name }`).join(' ')} }`;
    expect((await send(t.hub.gateway.url, aliased(limits.maxAliases))).body.errors).toBeUndefined();
    expectRefused(await send(t.hub.gateway.url, aliased(limits.maxAliases + 1)), 'aliases');
    // 200 aliases of a 1,000-id batch (issue #14) within the token limit: the ids as a variable.
    const batches = `query($ids: [ID!]!) { ${Array.from({ length: 200 }, (_, index) => `b${index}: subjects(ids: $ids) { name }`).join(' ')} }`;
    const refusedBatches = await send(t.hub.gateway.url, batches, { ids }, await t.headersFor(FINANCE, 'PUBLIC_PROCUREMENT'));
    expect(refusedBatches.body.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
    expect(refusedBatches.body.data ?? null).toBeNull();
    // 300,000 tokens: refused before parsing, fast.
    const huge = `{ ${'a '.repeat(300_000)}}`;
    const started = performance.now();
    const tokens = await send(t.hub.gateway.url, huge);
    expectRefused(tokens, 'tokens');
    expect(performance.now() - started).toBeLessThan(5_000);
    expectRefused(await send(t.hub.subgraphs.market.url, huge), 'tokens');
    const directives = `{ subject(id: "${ENTERPRISE.id}") { ${'name @include(if: true) '.repeat(limits.maxDirectives + 1)} } }`;
    expectRefused(await send(t.hub.gateway.url, directives), 'directives');
    // 20 aliases of 2,500 representations straight to a subgraph: the cost of 50,000 entities.
    const representations = Array.from({ length: 2_500 }, (_, index) => ({ __typename: 'Subject', id: ids[index % ids.length] }));
    const entities = `query($r: [_Any!]!) { ${Array.from({ length: 20 }, (_, index) => `e${index}: _entities(representations: $r) { ... on Subject { judgments { caseCause } } }`).join(' ')} }`;
    const refused = await send(t.hub.subgraphs.courts.url, entities, { r: representations });
    expectRefused(refused, 'cost');
    expect(await rowsOf(refused.reference)).toBe(0);
  });

  it('refuses exactly the operations over a limit, whatever their shape (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: limits.maxDepth + 4 }), fc.integer({ min: 0, max: limits.maxAliases + 5 }), async (depth, aliases) => {
        // `depth` levels under subject: registration → legalRepresentative → registration …, and `aliases` aliased names.
        const chain = Array.from({ length: depth - 1 }, (_, level) => (level % 2 === 0 ? 'registration' : 'legalRepresentative'));
        const body = chain.reduceRight((inner, name) => `${name} { ${inner} }`, (depth - 1) % 2 === 1 ? 'status' : 'id');
        const query = `{ subject(id: "${ENTERPRISE.id}") { ${body} ${Array.from({ length: aliases }, (_, index) => `n${index}: name`).join(' ')} } }`;
        const response = await send(t.hub.gateway.url, query);
        const code = response.body.errors?.[0]?.extensions?.code;
        const tooDeep = depth + 1 > limits.maxDepth; // subject is one level more
        const tooMany = aliases > limits.maxAliases;
        expect(code === 'LIMIT_EXCEEDED', `depth ${depth + 1}, aliases ${aliases}: ${JSON.stringify(response.body.errors?.[0] ?? null)}`).toBe(tooDeep || tooMany);
      }),
      { numRuns: 40 },
    );
  });
});

/** Whether every field of a cycle's path is resolved by `graph` (so the subgraph alone serves it). */
function graphOwnsPath(cycle: string[], graph: Graph): boolean {
  let typeName = 'Subject';
  for (const name of cycle) {
    const type = types.get(typeName)!;
    const field = type.fields!.find((candidate) => candidate.name.value === name)!;
    if (!graphsOf(type, field).includes(graph)) return false;
    typeName = namedType(field.type);
  }
  return true;
}

describe('rate limits (Art. 41)', () => {
  let limited: TestHub;
  beforeAll(async () => {
    limited = await startTestHub('rate_limits', { subjects: 50, rateLimits: { enabled: true, publicPerWindow: 5, callerPerWindow: 8, windowSeconds: 60 } });
  }, 180_000);
  afterAll(async () => limited?.stop());

  it('gives the public 429 with Retry-After past its rate, and each caller a bucket of its own', async () => {
    const query = `{ subject(id: "${showcase[0]!.id}") { name } }`;
    const statuses: number[] = [];
    for (let index = 0; index < 7; index++) statuses.push((await postGraphQL(limited.hub.gateway.url, query)).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const refused = await postGraphQL(limited.hub.gateway.url, query);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'rate', max: 5 });
    expect(refused.body.data ?? null).toBeNull();
    // A caller with a token has its own bucket; a second caller another.
    for (const sub of ['11150000MB0000000F', '11150000MB0000000M']) {
      const headers = await limited.headersFor({ ...FINANCE, sub }, 'PUBLIC_PROCUREMENT');
      const own: number[] = [];
      for (let index = 0; index < 9; index++) own.push((await postGraphQL(limited.hub.gateway.url, query, {}, headers)).status);
      expect(own).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429]);
    }
    // The report route counts once per report, and is refused past the rate like /graphql.
    const base = limited.hub.gateway.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/report/${showcase[0]!.id}`)).status).toBe(429);
  });
});
