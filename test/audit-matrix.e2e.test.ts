/**
 * Audit matrix (design §6, Art. 38, 42; issue #12): every entry point that can disclose
 * subject data, generated from the checked-in supergraph, so a new root field or entity
 * type is covered without editing this file:
 *
 * - every Query field returning records (arguments taken from the demo data by name), once
 *   through the gateway and once straight to the subgraph that owns it;
 * - every entity type, through `_entities` of every subgraph that resolves it: straight to
 *   that subgraph, and through the gateway on a path from another subgraph's root field
 *   (so the gateway has to ask that subgraph's `_entities`).
 *
 * For each, the rows written for that request (found by the caller's reference) must be
 * exactly what the response disclosed: the caller and purpose; for every Subject in the
 * response, a row of the subgraph owning each field it shows, naming that subject and that
 * field (denied fields as denied); for every other record, its shown fields; and no field
 * the response did not carry. Then the same request with the audit database unavailable
 * must disclose nothing. The report route, which assembles its answer from subgraph calls
 * of its own, is one more entry point at the end.
 */
import { Kind, type FieldDefinitionNode } from 'graphql';
import { withAuditUnavailable as withDatabaseOutage } from './databases.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerClaims } from '@credit-hub/runtime';
import { startHub, type RunningHub } from '../tools/hub.js';
import { demoArguments, ENTITIES, graphsOf, harvest, namedType, ROOTS, selection, subgraphOf, types, type Graph } from './supergraph-walk.js';
import { postGraphQL, showcase, showcaseWith, startTestHub, type GraphQLResponse, type TestHub } from './hub.js';

// ---- callers, arguments --------------------------------------------------------------------

interface Caller {
  label: string;
  claims: CallerClaims;
  purpose?: string;
}
const ENTERPRISE = showcaseWith('ALL_SECTORS');
const COURTS_AGENCY: Caller = { label: 'COURTS agency', claims: { sub: '11150000MB0COU000X', role: 'SECTOR_AGENCY', sector: 'COURTS' }, purpose: 'JUDICIAL_ENFORCEMENT' };
/** Tried in turn for a root field until one is shown subject data (e.g. `me` answers only a subject). */
const CALLERS: Caller[] = [
  COURTS_AGENCY,
  { label: 'operator', claims: { sub: '12150000MB0000000P', role: 'PLATFORM_OPERATOR', sector: 'PLATFORM' }, purpose: 'OBJECTION_HANDLING' },
  { label: 'COURTS agency handling objections', claims: { sub: '11150000MB0COU000X', role: 'SECTOR_AGENCY', sector: 'COURTS' }, purpose: 'OBJECTION_HANDLING' },
  { label: 'the subject itself', claims: { sub: ENTERPRISE.id, role: 'CREDIT_SUBJECT' } },
];

/** Argument values: ids are showcase subjects (the enterprise for one id); the rest as the demo data has them. */
const argumentsOf = (field: FieldDefinitionNode) => demoArguments(field, { id: ENTERPRISE.id, ids: showcase.map((subject) => subject.id) });

// ---- the entry points ------------------------------------------------------------------------

interface EntryPoint {
  label: string;
  url: () => string;
  query: string;
  variables?: Record<string, unknown>;
  /** The subgraph answering a direct call; undefined through the gateway. */
  direct?: Graph;
  /** The subgraph resolving the root field. */
  rootGraph: Graph;
  callers: Caller[];
}

/** Root fields returning records: through the gateway, and straight to their subgraph. */
function rootFieldEntryPoints(): { entries: EntryPoint[]; unreachable: string[] } {
  const entries: EntryPoint[] = [];
  const unreachable: string[] = [];
  const query = types.get('Query')!;
  for (const field of query.fields ?? []) {
    const target = namedType(field.type);
    if (field.name.value.startsWith('_') || !types.has(target)) continue; // leaves (ids) and federation's own
    const args = argumentsOf(field);
    if (args === null) {
      unreachable.push(`Query.${field.name.value}: no demo value for its arguments`);
      continue;
    }
    const graph = graphsOf(query, field)[0]!;
    for (const direct of [undefined, graph]) {
      entries.push({
        label: `Query.${field.name.value} ${direct ? `straight to ${subgraphOf(direct)}` : 'through the gateway'}`,
        url: () => (direct ? t.hub.subgraphs[subgraphOf(direct)].url : t.hub.gateway.url),
        query: `{ ${field.name.value}${args} { ${selection(target, 1, direct)} } }`,
        direct,
        rootGraph: graph,
        callers: CALLERS,
      });
    }
  }
  return { entries, unreachable };
}

/**
 * A path from a root field of another subgraph to a field returning `typeName`, so that the
 * gateway must fetch that type's `graph` fields through `graph`'s `_entities`.
 */
function pathToEntity(typeName: string, graph: Graph): { root: FieldDefinitionNode; fields: string[] } | null {
  const query = types.get('Query')!;
  type Step = { type: string; fields: string[]; root: FieldDefinitionNode };
  const queue: Step[] = [];
  for (const root of query.fields ?? []) {
    const target = namedType(root.type);
    if (!types.has(target) || argumentsOf(root) === null) continue;
    if (target === typeName && graphsOf(query, root)[0] !== graph) return { root, fields: [] };
    queue.push({ type: target, fields: [], root });
  }
  const seen = new Set<string>();
  while (queue.length) {
    const step = queue.shift()!;
    const type = types.get(step.type)!;
    for (const field of type.fields ?? []) {
      const target = namedType(field.type);
      if (!types.has(target) || ROOTS.has(target) || (field.arguments ?? []).some((arg) => arg.type.kind === Kind.NON_NULL_TYPE)) continue;
      const fields = [...step.fields, field.name.value];
      if (target === typeName && !graphsOf(type, field).includes(graph)) return { root: step.root, fields };
      const key = `${step.root.name.value}:${target}`;
      if (seen.has(key) || target === typeName || fields.length > 3) continue;
      seen.add(key);
      queue.push({ type: target, fields, root: step.root });
    }
  }
  return null;
}

function entityEntryPoints(): { entries: EntryPoint[]; unreachable: string[] } {
  const entries: EntryPoint[] = [];
  const unreachable: string[] = [];
  for (const { typeName, graph, key } of ENTITIES) {
    expect(key, `${typeName} keyed by id`).toBe('id');
    const fields = selection(typeName, 0, graph);
    entries.push({
      label: `_entities ${typeName} straight to ${subgraphOf(graph)}`,
      url: () => t.hub.subgraphs[subgraphOf(graph)].url,
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} { ${fields} } } }`,
      variables: { r: showcase.map((subject) => ({ __typename: typeName, id: subject.id })) },
      direct: graph,
      rootGraph: graph,
      callers: [COURTS_AGENCY],
    });
    const path = pathToEntity(typeName, graph);
    if (!path) {
      unreachable.push(`${typeName}@${graph}: no path from another subgraph's root field`);
      continue;
    }
    const nested = path.fields.reduceRight((acc, name) => `__typename ${name} { ${acc} }`, `id ${fields}`);
    entries.push({
      label: `_entities ${typeName} of ${subgraphOf(graph)} through the gateway (Query.${path.root.name.value}.${path.fields.join('.')})`,
      url: () => t.hub.gateway.url,
      query: `{ ${path.root.name.value}${argumentsOf(path.root)} { ${nested} } }`,
      rootGraph: graphsOf(types.get('Query')!, path.root)[0]!,
      callers: [COURTS_AGENCY],
    });
  }
  return { entries, unreachable };
}

// ---- what a response disclosed ------------------------------------------------------------------

interface Shown {
  /** Subject id → `graph|Subject.field` → shown, refused, or shown empty (logging it is allowed, not required). */
  subjects: Map<string, Map<string, 'disclosed' | 'denied' | 'empty'>>;
  /** `graph|Type.field` shown on records bound to a subject. */
  recordFields: Set<string>;
  /** Every Type.field the response carries (shown, empty or refused). */
  carried: Set<string>;
}

/**
 * Types whose objects are about a subject: Subject, the records a Subject field returns
 * (judgments, objections, …), and types naming a Subject (contracts, integrity rows).
 * What lies inside them is about the same subject. Catalogues (measures, criteria) are not.
 */
const SUBJECT_RECORDS = new Set([
  'Subject',
  ...(types.get('Subject')!.fields ?? []).map((field) => namedType(field.type)).filter((name) => types.has(name)),
  ...[...types.values()].filter((type) => (type.fields ?? []).some((field) => namedType(field.type) === 'Subject')).map((type) => type.name.value),
]);

/** The subgraph resolving `field` of an object resolved by `graph`: the same one when it can, else the field's owner. */
function resolvedBy(typeName: string, fieldName: string, graph: Graph): Graph {
  const type = types.get(typeName)!;
  const field = type.fields?.find((candidate) => candidate.name.value === fieldName);
  const graphs = field ? graphsOf(type, field) : [graph];
  return graphs.includes(graph) ? graph : graphs[0]!;
}

/**
 * Walks a response: each object names its type (__typename is selected everywhere). An
 * object is about a subject when it is a Subject, has a Subject field, or lies inside one
 * that is. Which subgraph resolved each field follows the supergraph from `rootGraph`.
 */
function shownBy(response: GraphQLResponse, rootGraph: Graph): Shown {
  const denied = new Set((response.errors ?? []).filter((error) => error.extensions?.code === 'FORBIDDEN').map((error) => error.path!.join('.')));
  const shown: Shown = { subjects: new Map(), recordFields: new Set(), carried: new Set() };
  const walk = (value: unknown, path: Array<string | number>, bound: boolean, graph: Graph) => {
    if (Array.isArray(value)) return value.forEach((item, index) => walk(item, [...path, index], bound, graph));
    if (!value || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    const typeName = object.__typename as string | undefined;
    const type = typeName ? types.get(typeName) : undefined;
    if (!type || !typeName) {
      // The root object (data) or `_entities`: its fields are resolved by the root graph.
      return Object.entries(object).forEach(([key, child]) => walk(child, [...path, key], bound, graph));
    }
    const aboutSubject = bound || SUBJECT_RECORDS.has(typeName);
    for (const [name, child] of Object.entries(object)) {
      if (name === '__typename' || name === 'id') continue;
      const field = `${typeName}.${name}`;
      const by = resolvedBy(typeName, name, graph);
      shown.carried.add(field);
      const refused = child === null && denied.has([...path, name].join('.'));
      if (typeName === 'Subject' && typeof object.id === 'string') {
        let fields = shown.subjects.get(object.id);
        if (!fields) shown.subjects.set(object.id, (fields = new Map()));
        const key = `${by}|${field}`;
        const outcome = refused ? 'denied' : child === null ? 'empty' : 'disclosed';
        if (fields.get(key) !== 'denied' && fields.get(key) !== 'disclosed') fields.set(key, outcome);
      } else if (aboutSubject && child !== null && !refused) {
        shown.recordFields.add(`${by}|${field}`);
      }
      walk(child, [...path, name], aboutSubject, by);
    }
  };
  walk(response.data, [], false, rootGraph);
  return shown;
}

const hasSubjectData = (shown: Shown) =>
  shown.recordFields.size > 0 || [...shown.subjects.values()].some((fields) => [...fields.values()].some((outcome) => outcome !== 'empty'));

/** Non-null leaves other than __typename and keys (the ids asked for, never logged): what a withheld response must not carry. */
function leaves(value: unknown, key = ''): string[] {
  if (value === null || value === undefined || key === '__typename' || key === 'id') return [];
  if (Array.isArray(value)) return value.flatMap((item) => leaves(item, key));
  if (typeof value === 'object') return Object.entries(value).flatMap(([name, child]) => leaves(child, name));
  return [`${key}=${String(value)}`];
}

interface Row {
  subgraph: string;
  caller_sub: string | null;
  caller_role: string;
  purpose: string | null;
  subject_ids: string[];
  fields_disclosed: string[];
  fields_denied: string[];
}

/** The mismatches between what a response showed and the rows its request wrote. */
function compareRows(entry: EntryPoint, caller: Caller, shown: Shown, rows: Row[]): string[] {
  const problems: string[] = [];
  if (rows.length === 0) return ['no row written'];
  for (const row of rows) {
    const self = caller.claims.role === 'CREDIT_SUBJECT' && row.subject_ids.includes(caller.claims.sub);
    const purpose = self ? 'SELF_QUERY' : (caller.purpose ?? 'PUBLIC_QUERY');
    if (row.caller_sub !== caller.claims.sub || row.caller_role !== caller.claims.role || row.purpose !== purpose) {
      problems.push(`row of ${row.subgraph} names caller ${row.caller_sub}/${row.caller_role}/${row.purpose}`);
    }
    if (entry.direct && row.subgraph !== subgraphOf(entry.direct)) problems.push(`row of ${row.subgraph} for a direct call to ${subgraphOf(entry.direct)}`);
    for (const field of [...row.fields_disclosed, ...row.fields_denied]) {
      if (!shown.carried.has(field)) problems.push(`row of ${row.subgraph} names ${field}, which the response did not carry`);
    }
  }
  // Every subject in the response: each field it shows, logged for it by the subgraph that resolved the field.
  for (const [subjectId, fields] of shown.subjects) {
    for (const [key, outcome] of fields) {
      if (outcome === 'empty') continue;
      const [graph, field] = key.split('|') as [Graph, string];
      const logged = rows.some(
        (row) => row.subgraph === subgraphOf(graph) && row.subject_ids.includes(subjectId) && (outcome === 'denied' ? row.fields_denied : row.fields_disclosed).includes(field),
      );
      if (!logged) problems.push(`${field} ${outcome} for ${subjectId} has no row of ${subgraphOf(graph)}`);
    }
    // And nothing logged for this subject that the response did not show it.
    for (const row of rows.filter((row) => row.subject_ids.includes(subjectId))) {
      for (const field of [...row.fields_disclosed, ...row.fields_denied].filter((name) => name.startsWith('Subject.'))) {
        if (!fields.has(`${row.subgraph.toUpperCase().replace(/-/g, '_')}|${field}`)) problems.push(`row of ${row.subgraph} logs ${field} for ${subjectId}, not shown for it`);
      }
    }
  }
  // Every record field shown, in a row of the subgraph that resolved it.
  for (const key of shown.recordFields) {
    const [graph, field] = key.split('|') as [Graph, string];
    if (!rows.some((row) => row.subgraph === subgraphOf(graph) && row.fields_disclosed.includes(field))) problems.push(`${field} shown, no row of ${subgraphOf(graph)}`);
  }
  return problems;
}

// ---- the test ------------------------------------------------------------------------------

let t: TestHub;
let truth: RunningHub;
let matrix: { entries: EntryPoint[]; unreachable: string[] };

beforeAll(async () => {
  t = await startTestHub('audit_matrix');
  truth = await startHub({ databaseUrls: t.databases.urls, auditUrl: t.databases.auditUrl, ports: 'any', keys: t.hub.keys, enforce: false });
  for (const subject of showcase) {
    const profile = await postGraphQL(truth.gateway.url, `query($id: ID!) { subject(id: $id) { ${selection('Subject', 0)} } }`, { id: subject.id });
    harvest(profile.body.data);
  }
  const roots = rootFieldEntryPoints();
  const entities = entityEntryPoints();
  matrix = { entries: [...roots.entries, ...entities.entries], unreachable: [...roots.unreachable, ...entities.unreachable] };
}, 180_000);
afterAll(async () => {
  await truth?.stop();
  await t?.stop();
});

let references = 0;
async function ask(entry: EntryPoint, caller: Caller) {
  const clientRequestId = `matrix-${++references}`;
  const headers = { ...(await t.headersFor(caller.claims, caller.purpose)), 'x-request-id': clientRequestId };
  const response = (await postGraphQL(entry.url(), entry.query, entry.variables ?? {}, headers)).body;
  const rows = (await t.databases.audit('access_log').where({ client_request_id: clientRequestId }).orderBy('seq')) as Row[];
  return { response, rows };
}

const withAuditUnavailable = <T>(run: () => Promise<T>) => withDatabaseOutage(t.databases.audit, run);

describe('audit matrix: every entry point that can disclose subject data', () => {
  it('covers every root field returning records and every entity type of every subgraph, through the gateway and straight', () => {
    expect(matrix.unreachable).toEqual([]);
    const entityLabels = matrix.entries.filter((entry) => entry.label.startsWith('_entities')).length;
    expect(entityLabels).toBe(ENTITIES.length * 2);
    expect([...new Set(ENTITIES.map((entity) => entity.graph))].sort()).toEqual(['COURTS', 'FINANCE', 'MARKET', 'PLATFORM', 'SOCIAL_SECURITY']);
  });

  it('writes exactly the rows each response disclosed, and with the audit database unavailable discloses nothing', async () => {
    const problems: string[] = [];
    const covered: string[] = [];
    const noSubjectData: string[] = [];
    for (const entry of matrix.entries) {
      // The first caller shown subject data by this entry point (e.g. `me` shows it only to a subject).
      let found: { caller: Caller; response: GraphQLResponse; rows: Row[]; shown: Shown } | undefined;
      for (const caller of entry.callers) {
        const { response, rows } = await ask(entry, caller);
        const shown = shownBy(response, entry.rootGraph);
        const unexpected = (response.errors ?? []).filter((error) => error.extensions?.code !== 'FORBIDDEN');
        if (unexpected.length) problems.push(`${entry.label} as ${caller.label}: ${JSON.stringify(unexpected).slice(0, 200)}`);
        if (hasSubjectData(shown)) {
          found = { caller, response, rows, shown };
          break;
        }
        if (rows.length > 0) problems.push(`${entry.label} as ${caller.label}: ${rows.length} rows for a response with no subject data`);
      }
      if (!found) {
        noSubjectData.push(entry.label);
        continue;
      }
      covered.push(entry.label);
      for (const problem of compareRows(entry, found.caller, found.shown, found.rows)) problems.push(`${entry.label} as ${found.caller.label}: ${problem}`);

      const withheld = await withAuditUnavailable(() => ask(entry, found!.caller));
      const disclosed = leaves(withheld.response.data);
      if (disclosed.length > 0) problems.push(`${entry.label} with the audit database unavailable disclosed ${disclosed.slice(0, 3).join(', ')}`);
      if (withheld.rows.length > 0) problems.push(`${entry.label} with the audit database unavailable wrote rows`);
    }
    console.info(`audit matrix: ${covered.length} entry points covered; no subject data for any caller: ${noSubjectData.join('; ') || 'none'}`);
    expect(problems.slice(0, 40)).toEqual([]);
    // Not vacuous: the profile, the batch, the search, the lookups, the feed and every entity.
    for (const label of ['Query.subject through the gateway', 'Query.subjects straight to platform', 'Query.me through the gateway', 'Query.openDataFeed through the gateway', 'Query.governmentIntegrity straight to finance']) {
      expect(covered).toContain(label);
    }
    for (const entity of ENTITIES) expect(covered).toContain(`_entities ${entity.typeName} straight to ${subgraphOf(entity.graph)}`);
    expect(covered.length).toBeGreaterThanOrEqual(matrix.entries.length - noSubjectData.length);
  }, 240_000);

  it('logs the report route in every sector, and withholds the report while the audit database is unavailable', async () => {
    const report = (reference: string) =>
      t.headersFor(COURTS_AGENCY.claims, COURTS_AGENCY.purpose).then((headers) =>
        fetch(`${t.hub.gateway.url.replace(/\/graphql$/, '')}/report/${ENTERPRISE.id}`, { headers: { ...headers, 'x-request-id': reference } }),
      );
    const shown = await report('matrix-report');
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain(ENTERPRISE.name);
    const rows = (await t.databases.audit('access_log').where({ client_request_id: 'matrix-report' })) as Row[];
    expect(new Set(rows.map((row) => row.subgraph))).toEqual(new Set(['platform', 'courts', 'market', 'social-security', 'finance']));
    for (const row of rows) expect(row).toMatchObject({ caller_sub: COURTS_AGENCY.claims.sub, purpose: COURTS_AGENCY.purpose });

    const withheld = await withAuditUnavailable(() => report('matrix-report-withheld'));
    expect(withheld.status).not.toBe(200);
    expect(await withheld.text()).not.toContain(ENTERPRISE.name);
  });
});
