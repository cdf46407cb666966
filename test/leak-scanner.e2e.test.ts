/**
 * Leak scanner (design §5 "masked means unrecoverable", Art. 24, 36, 42; issue #13),
 * generated from the checked-in supergraph so a new field, route or record type is covered
 * without editing this file.
 *
 * For every natural person of the test data, every caller who may not see that person's
 * name or ID number whole is sent every root field (queries and mutations, arguments from
 * the demo data), every entity type of every subgraph straight, the credit report as
 * GraphQL, HTML and PDF, and every page of the open-data feed. Nothing returned, data or
 * error message, may contain that name or number, nor a hex string that a digest of either
 * reproduces (tried with the hub's own digest code: plain hashes, and the report's
 * verification code over the content with the hidden name put back). Lookups by a hidden
 * value (a name search, an ID number) must answer as for a value nobody has.
 *
 * Who is entitled is written here, not asked of the policy engine: a person sees its own
 * name; a sector agency or operator sees whole what its own subgraph keeps (so its requests
 * leave that subgraph's fields out); a purpose that needs identity is not declared.
 */
import { createHash } from 'node:crypto';
import { Kind, type FieldDefinitionNode, type InputObjectTypeDefinitionNode, type EnumTypeDefinitionNode, type TypeNode } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_OPERATION_LIMITS, type CallerClaims } from '@credit-hub/runtime';
import { idNumberCheckChar, ROLES } from '@credit-hub/schema';
import { DEVELOPMENT_REPORT_VERIFICATION_KEY } from '../subgraphs/platform/env.js';
import { canonical, verificationCode, type ReportContent } from '../subgraphs/platform/procedures/report.js';
import { startHub, type RunningHub } from '../tools/hub.js';
import { CITIES } from '../tools/seed/places.js';
import { pdfText, squashed } from './pdf-text.js';
import { demoArguments, ENTITIES, graphsOf, harvest, harvested, namedType, selection, subgraphOf, supergraph, types, type Graph } from './supergraph-walk.js';
import { postGraphQL, showcase, showcaseWith, startTestHub, type TestHub } from './hub.js';

const UNBOUNDED_BUDGET = Object.fromEntries(ROLES.map((role) => [role, Number.MAX_SAFE_INTEGER])) as typeof DEFAULT_OPERATION_LIMITS.costBudget;

interface Person {
  id: string;
  name: string;
  idNumber: string;
}

interface Caller {
  label: string;
  claims?: CallerClaims;
  purpose?: string;
  /** The subgraph whose records this caller keeps (sees whole): its fields are left out of its requests. */
  own?: Graph;
  /** The person this caller is, if any: it sees itself whole. */
  self?: string;
}

const AGENCY_ID = '91150105MA0KXPBB27'; // a registered credit service agency (showcase)
const ENTERPRISE = showcaseWith('ALL_SECTORS');
const PERSON = showcaseWith('PERSON');
const OPERATOR: CallerClaims = { sub: '12150000MB0000000P', role: 'PLATFORM_OPERATOR', sector: 'PLATFORM' };

/** Callers who may not see persons' names or ID numbers (but their own, or in their own subgraph). */
const CALLERS: Caller[] = [
  { label: 'the public' },
  { label: 'a credit service agency', claims: { sub: AGENCY_ID, role: 'CREDIT_SERVICE_AGENCY' }, purpose: 'CREDIT_REPORT' },
  { label: 'an enterprise', claims: { sub: ENTERPRISE.id, role: 'CREDIT_SUBJECT' } },
  { label: 'a person', claims: { sub: PERSON.id, role: 'CREDIT_SUBJECT' }, self: PERSON.id },
  { label: 'COURTS agency', claims: { sub: '11150000MB0COU000X', role: 'SECTOR_AGENCY', sector: 'COURTS' }, purpose: 'JOINT_PUNISHMENT', own: 'COURTS' },
  { label: 'MARKET agency', claims: { sub: '11150000MB0000000M', role: 'SECTOR_AGENCY', sector: 'MARKET' }, purpose: 'PUBLIC_PROCUREMENT', own: 'MARKET' },
  { label: 'SOCIAL_SECURITY agency', claims: { sub: '11150000MB0000000S', role: 'SECTOR_AGENCY', sector: 'SOCIAL_SECURITY' }, purpose: 'REGULATORY_SUPERVISION', own: 'SOCIAL_SECURITY' },
  { label: 'FINANCE agency', claims: { sub: '11150000MB0000000F', role: 'SECTOR_AGENCY', sector: 'FINANCE' }, purpose: 'FINANCIAL_SERVICES', own: 'FINANCE' },
  { label: 'operator', claims: OPERATOR, purpose: 'CREDIT_REPORT', own: 'PLATFORM' },
];
const isGovernment = (caller: Caller) => caller.own !== undefined;

let t: TestHub;
let truth: RunningHub;
let persons: Person[];
let subjectIds: string[];
/** Names the register shows everyone whole (organisations, agencies) and place names: text a caller may read. */
let publicNames: string[];
/** Text of each credit subject's own records, which it reads whole (Art. 38), a counterparty's name in its own case included. */
const ownText = new Map<string, string[]>();
const gatewayBase = () => t.hub.gateway.url.replace(/\/graphql$/, '');

beforeAll(async () => {
  // Budgets that let whole profiles of every subject through in one request: this file is
  // about what an answer shows, the operation limits have a file of their own.
  t = await startTestHub('leak_scanner', { subjects: 300, limits: { ...DEFAULT_OPERATION_LIMITS, maxDepth: 12, costBudget: UNBOUNDED_BUDGET } });
  truth = await startHub({ databaseUrls: t.databases.urls, auditUrl: t.databases.auditUrl, ports: 'any', keys: t.hub.keys, enforce: false });
  const register = await t.databases.dbs.platform('subjects').select('id', 'kind', 'name', 'id_number as idNumber').orderBy('id');
  persons = register.filter((row) => row.kind === 'NATURAL_PERSON').map(({ id, name, idNumber }) => ({ id, name, idNumber: String(idNumber).trim() }));
  // Place names too: a person called 乌兰 is not named by 乌兰察布市 or 乌兰浩特市.
  const places = CITIES.flatMap((city) => [city.name, city.short, city.court, city.arbitration, ...city.districts.flatMap((district) => [district.name, district.fullName, district.court])]);
  publicNames = [...register.filter((row) => row.kind !== 'NATURAL_PERSON').map((row) => row.name), ...places].sort((a, b) => b.length - a.length);
  subjectIds = register.map((row) => row.id);
  await plantPersonalValuesInFreeText();
  // Values for arguments: the showcase person's records first (mutations aim at a person), then the rest.
  for (const subject of [PERSON, ...showcase.filter((entry) => entry !== PERSON)]) {
    const profile = await postGraphQL(truth.gateway.url, `query($id: ID!) { subject(id: $id) { ${selection('Subject', 0)} } }`, { id: subject.id });
    harvest(profile.body.data);
  }
  for (const caller of CALLERS.filter((candidate) => candidate.claims?.role === 'CREDIT_SUBJECT')) {
    const own = await postGraphQL(truth.gateway.url, `query($id: ID!) { subject(id: $id) { ${selection('Subject', 0)} } }`, { id: caller.claims!.sub });
    ownText.set(caller.claims!.sub, stringLeaves(own.body.data).filter((text) => [...text].length >= 2).sort((a, b) => b.length - a.length));
  }
  // The agency registered, and authorised by every person: it sees their AUTHORIZED fields, masked (Art. 26, 44).
  const operator = await t.headersFor(OPERATOR, 'REGULATORY_SUPERVISION');
  await t.query(`mutation { registerCreditServiceAgency(input: { agencyId: "${AGENCY_ID}", commitment: "依法依规开展信用服务" }) { id } }`, {}, operator);
  const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  for (const person of persons) {
    const granted = await t.query(
      `mutation($agency: ID!, $until: DateTime!) { grantAuthorisation(input: { agencyId: $agency, purposes: [CREDIT_REPORT], expiresAt: $until }) { id } }`,
      { agency: AGENCY_ID, until: expiresAt },
      await t.headersFor({ sub: person.id, role: 'CREDIT_SUBJECT' }),
    );
    expect(granted.errors, person.id).toBeUndefined();
  }
}, 300_000);
afterAll(async () => {
  await truth?.stop();
  await t?.stop();
});

/**
 * Agencies' texts name the persons they concern (and quote their ID numbers), so the data is
 * made so: every free-text column of a person's record in the platform gets the person's
 * name and number, a judgment's cause the names and numbers of its natural-person parties,
 * and the other sectors' texts the subject's ID number (they keep no names to mask by).
 */
async function plantPersonalValuesInFreeText() {
  const { platform, courts, market, finance } = t.databases.dbs;
  const quote = `'（当事人' || s.name || '，公民身份号码' || s.id_number || '）'`;
  for (const [table, columns] of [['dishonesty_records', ['summary', 'notice_reason', 'notice_nature']], ['serious_dishonesty_listings', ['cause']], ['commitments', ['content']]] as const) {
    const set = columns.map((column) => `${column} = ${column} || ${quote}`).join(', ');
    await platform.raw(`update ${table} r set ${set} from subjects s where s.id = r.subject_id and s.kind = 'NATURAL_PERSON'`);
  }
  const numbers = new Map(persons.map((person) => [person.id, person]));
  const parties = await courts('judgment_parties').select('judgment_id', 'subject_id').whereIn('subject_id', [...numbers.keys()]);
  for (const party of parties) {
    const person = numbers.get(party.subject_id)!;
    await courts('judgments').where('id', party.judgment_id).update({ case_cause: courts.raw(`case_cause || ?`, [`，当事人${person.name}（${person.idNumber}）`]) });
  }
  for (const [db, table, column] of [[market, 'administrative_penalties', 'violation'], [finance, 'procurement_records', 'bad_conduct']] as const) {
    const rows = await db(table).select('id', 'subject_id').whereIn('subject_id', [...numbers.keys()]);
    for (const row of rows) await db(table).where('id', row.id).update({ [column]: db.raw(`coalesce(${column}, '') || ?`, [`（身份证号${numbers.get(row.subject_id)!.idNumber}）`]) });
  }
}

// ---- the scan ----------------------------------------------------------------------------------

const DIGESTS = ['md5', 'sha1', 'sha256', 'sha512'] as const;
/** Plain digests of every hidden value, by their first 32 hex characters. */
let digestIndex: Map<string, Array<{ digest: string; what: string }>>;
function indexDigests() {
  digestIndex = new Map();
  for (const person of persons) {
    for (const [label, value] of [['name', person.name], ['ID number', person.idNumber], ['ID number', person.idNumber.toLowerCase()]] as const) {
      for (const algorithm of DIGESTS) {
        for (const encoding of ['hex'] as const) {
          const digest = createHash(algorithm).update(value).digest(encoding);
          const entries = digestIndex.get(digest.slice(0, 32)) ?? [];
          entries.push({ digest, what: `${algorithm} of ${person.id}'s ${label}` });
          digestIndex.set(digest.slice(0, 32), entries);
        }
      }
    }
  }
}

interface Finding {
  entry: string;
  caller: string;
  problem: string;
}
const findings: Finding[] = [];
const scanned = { responses: 0, bytes: 0, entryPoints: new Set<string>() };

const stringLeaves = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(stringLeaves) : value && typeof value === 'object' ? Object.values(value).flatMap(stringLeaves) : [];

/** Text a caller may read in full taken out: organisations' and places' names, and a subject's own records. */
function readableRemoved(text: string, caller: Caller): string {
  let rest = text;
  const own = caller.claims?.role === 'CREDIT_SUBJECT' ? (ownText.get(caller.claims.sub) ?? []) : [];
  for (const allowed of [...own.map((value) => JSON.stringify(value).slice(1, -1)), ...publicNames]) {
    if (rest.includes(allowed)) rest = rest.split(allowed).join('□');
  }
  return rest;
}

/** Looks for every hidden name, ID number and digest of either in what a caller was given. */
function scan(entry: string, caller: Caller, text: string): void {
  // A refused operation shows nothing: it would make the scan vacuous.
  if (text.includes('"LIMIT_EXCEEDED"')) findings.push({ entry, caller: caller.label, problem: `refused by a limit, not scanned: ${text.slice(0, 160)}` });
  scanned.responses++;
  scanned.bytes += text.length;
  scanned.entryPoints.add(entry);
  const rest = readableRemoved(text, caller);
  const upper = rest.toUpperCase();
  for (const person of persons) {
    if (person.id === caller.self) continue;
    if (rest.includes(person.name)) findings.push({ entry, caller: caller.label, problem: `name of ${person.id} (${person.name}) in: …${around(rest, person.name)}…` });
    if (upper.includes(person.idNumber.toUpperCase())) findings.push({ entry, caller: caller.label, problem: `ID number of ${person.id} in: …${around(upper, person.idNumber.toUpperCase())}…` });
  }
  for (const hex of rest.match(/[0-9a-fA-F]{32,}/g) ?? []) {
    for (const candidate of digestIndex.get(hex.slice(0, 32).toLowerCase()) ?? []) {
      if (candidate.digest.startsWith(hex.toLowerCase()) || hex.toLowerCase().startsWith(candidate.digest)) {
        findings.push({ entry, caller: caller.label, problem: `${hex.slice(0, 16)}… is the ${candidate.what}` });
      }
    }
  }
}
const around = (text: string, value: string) => {
  const at = text.indexOf(value);
  return text.slice(Math.max(0, at - 40), at + value.length + 40);
};

async function headersOf(caller: Caller): Promise<Record<string, string>> {
  return caller.claims ? t.headersFor(caller.claims, caller.purpose) : {};
}

/** Persons whose name or ID number the unenforced hub gives for the same requests: the scan is not vacuous. */
const inTruth = new Set<string>();
const truthUrlOf = (url: string) =>
  url === t.hub.gateway.url ? truth.gateway.url : Object.entries(t.hub.subgraphs).map(([name, subgraph]) => (subgraph.url === url ? truth.subgraphs[name as keyof typeof truth.subgraphs].url : null)).find(Boolean)!;

async function ask(entry: string, caller: Caller, url: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await postGraphQL(url, query, variables, await headersOf(caller));
  scan(entry, caller, JSON.stringify(response.body));
  if (caller === CALLERS[0] && !entry.startsWith('Mutation.')) {
    const whole = JSON.stringify((await postGraphQL(truthUrlOf(url), query, variables)).body);
    for (const person of persons) if (whole.includes(person.name) && whole.includes(person.idNumber)) inTruth.add(person.id);
  }
  return response.body;
}

/**
 * The report's code, recomputed over what the caller was shown with the hidden name put
 * back: by the hub's own code (HMAC under its key) and by plain digests of the same text, as
 * a caller without the key would try candidate names.
 */
function scanReportCodes(entry: string, caller: Caller, subjects: Array<{ id: string; creditReport?: (ReportContent & { verificationHash: string }) | null } | null>) {
  for (const subject of subjects) {
    const report = subject?.creditReport;
    const person = persons.find((candidate) => candidate.id === subject?.id);
    if (!report || !person || person.id === caller.self) continue;
    const content = { ...report, subjectId: person.id, subjectName: person.name };
    const candidates = [verificationCode(DEVELOPMENT_REPORT_VERIFICATION_KEY, content), ...DIGESTS.map((algorithm) => createHash(algorithm).update(canonical(content)).digest('hex'))];
    if (candidates.includes(report.verificationHash)) {
      findings.push({ entry, caller: caller.label, problem: `the report code of ${person.id} is computed over the hidden name` });
    }
  }
}

// ---- argument values -----------------------------------------------------------------------

const inputs = new Map(
  supergraph.definitions.filter((d): d is InputObjectTypeDefinitionNode => d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION).map((d) => [d.name.value, d]),
);
const enums = new Map(supergraph.definitions.filter((d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION).map((d) => [d.name.value, d]));

/** A value for an argument or input field, from the demo data by name where it has one, aimed at the showcase person. */
function demoValue(type: TypeNode, name: string, returns: string): string {
  if (type.kind === Kind.NON_NULL_TYPE) return demoValue(type.type, name, returns);
  if (type.kind === Kind.LIST_TYPE) return `[${demoValue(type.type, name, returns)}]`;
  const typeName = type.name.value;
  const input = inputs.get(typeName);
  if (input) {
    const fields = (input.fields ?? []).filter((field) => field.type.kind === Kind.NON_NULL_TYPE && !field.defaultValue);
    return `{ ${fields.map((field) => `${field.name.value}: ${demoValue(field.type, field.name.value, returns)}`).join(', ')} }`;
  }
  const values = enums.get(typeName)?.values;
  if (values?.length) {
    const known = harvested.get(`${returns}.${name}`) ?? harvested.get(name);
    return typeof known === 'string' && values.some((value) => value.name.value === known) ? known : values[0]!.name.value;
  }
  if (typeName === 'ID' && /subject|party|enterprise|debtor/i.test(name)) return JSON.stringify(PERSON.id);
  const known = harvested.get(`${returns}.${name}`) ?? harvested.get(name);
  if (known !== undefined) return JSON.stringify(known);
  if (typeName === 'Int' || typeName === 'Float') return '1';
  if (typeName === 'Boolean') return 'true';
  if (typeName === 'Date') return '"2026-01-05"';
  if (typeName === 'DateTime') return JSON.stringify(new Date(Date.now() + 86_400_000).toISOString());
  if (typeName === 'ID') return JSON.stringify(PERSON.id);
  return JSON.stringify('扫描');
}

const argumentList = (field: FieldDefinitionNode, returns: string) => {
  const required = (field.arguments ?? []).filter((arg) => arg.type.kind === Kind.NON_NULL_TYPE && !arg.defaultValue);
  return required.length ? `(${required.map((arg) => `${arg.name.value}: ${demoValue(arg.type, arg.name.value, returns)}`).join(', ')})` : '';
};

const selectionOf = (typeName: string, caller: Caller, depth = 0) => (types.has(typeName) ? ` { ${selection(typeName, depth, undefined, caller.own)} }` : '');

/** A field this caller's requests leave out: one its own subgraph resolves (it sees those records whole). */
const ownField = (caller: Caller, typeName: string, field: FieldDefinitionNode) => caller.own !== undefined && graphsOf(types.get(typeName)!, field).includes(caller.own);

// ---- the entry points ------------------------------------------------------------------------

describe('leak scanner: no hidden name or ID number of any person reaches a caller who may not see it', () => {
  // Each test answers for its own findings.
  beforeEach(() => void (findings.length = 0));

  it('finds nothing in any root field, entity, report, feed page or error message', async () => {
    indexDigests();
    const query = types.get('Query')!;
    // Every subject and every person's ID number in one batch (the lookup by ID number included).
    const everyone = [...subjectIds, ...persons.map((person) => person.idNumber)];
    for (const caller of CALLERS) {
      // Root queries: ids are every subject; the rest from the demo data.
      for (const field of query.fields ?? []) {
        const name = field.name.value;
        if (name.startsWith('_') || ownField(caller, 'Query', field)) continue;
        const returns = namedType(field.type);
        const entry = `Query.${name}`;
        if (name === 'searchSubjects') continue; // below: by every hidden name
        const args = demoArguments(field, { id: PERSON.id, ids: everyone }) ?? argumentList(field, returns);
        await ask(entry, caller, t.hub.gateway.url, `{ ${name}${args}${selectionOf(returns, caller)} }`);
      }
      // Every entity type straight to every subgraph that resolves it, for every subject.
      for (const { typeName, graph } of ENTITIES) {
        if (graph === caller.own) continue;
        await ask(`_entities ${typeName} of ${subgraphOf(graph)}`, caller, t.hub.subgraphs[subgraphOf(graph)].url,
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} { ${selection(typeName, 0, graph)} } } }`,
          { r: subjectIds.map((id) => ({ __typename: typeName, id })) });
      }
      // The feed, page by page to its end.
      if (!ownField(caller, 'Query', query.fields!.find((field) => field.name.value === 'openDataFeed')!)) {
        let after: string | null = null;
        for (let page = 0; page < 200; page++) {
          const body: any = await ask('Query.openDataFeed pages', caller, t.hub.gateway.url, `query($after: String) { openDataFeed(after: $after, first: 100)${selectionOf('OpenDataPage', caller)} }`, { after });
          const feed = body.data?.openDataFeed;
          if (!feed?.hasMore || !feed.endCursor) break;
          after = feed.endCursor;
        }
      }
    }
    expect(findings.slice(0, 30)).toEqual([]);
  }, 600_000);

  it('finds nothing in the credit report as GraphQL, HTML or PDF, nor in its verification code', async () => {
    const REPORT = `creditReport { subjectName generatedAt verificationHash sections { sector agency withheld entries { label value source } } }`;
    // Government callers keep a sector of their own in every report: only callers who keep none.
    for (const caller of CALLERS.filter((candidate) => !isGovernment(candidate))) {
      const body: any = await ask('Subject.creditReport', caller, t.hub.gateway.url, `query($ids: [ID!]!) { subjects(ids: $ids) { id ${REPORT} } }`, { ids: persons.map((person) => person.id) });
      scanReportCodes('Subject.creditReport', caller, body.data?.subjects ?? []);
      const headers = await headersOf(caller);
      for (const person of persons) {
        const html = await fetch(`${gatewayBase()}/report/${person.id}`, { headers });
        scan('/report/<id>', caller, `${html.status} ${await html.text()}`);
      }
      for (const person of persons.filter((candidate, index) => candidate.id === PERSON.id || index % 10 === 0)) {
        const pdf = await fetch(`${gatewayBase()}/report/${person.id}.pdf`, { headers });
        const bytes = new Uint8Array(await pdf.arrayBuffer());
        scan('/report/<id>.pdf', caller, pdf.status === 200 ? squashed(await pdfText(bytes)) : Buffer.from(bytes).toString('utf8'));
      }
    }
    expect(findings.slice(0, 30)).toEqual([]);
  }, 600_000);

  it('answers a name search and an ID-number lookup by a hidden value as for a value nobody has', async () => {
    const unknownIdNumber = '15010219700101999' + idNumberCheckChar('15010219700101999');
    const absentName = '甲乙丙丁戊';
    for (const caller of CALLERS) {
      const headers = await headersOf(caller);
      const search = async (name: string) => (await postGraphQL(t.hub.gateway.url, `query($n: String!) { searchSubjects(name: $n, first: 50) { id kind } }`, { n: name }, headers)).body;
      const lookup = async (id: string) => (await postGraphQL(t.hub.gateway.url, `query($id: ID!) { subject(id: $id) { id kind } }`, { id }, headers)).body;
      const nobody = { search: await search(absentName), lookup: await lookup(unknownIdNumber) };
      expect(nobody.lookup.data?.subject ?? null, caller.label).toBeNull();
      for (const person of persons) {
        if (person.id === caller.self || caller.own === 'PLATFORM') continue; // the register is the platform's own
        for (const probe of [person.name, [...person.name].slice(-2).join('')]) {
          const found = await search(probe);
          scan('Query.searchSubjects', caller, JSON.stringify(found));
          const hidden = (found.data?.searchSubjects ?? []).filter((subject: { id: string; kind: string }) => subject.kind === 'NATURAL_PERSON' && subject.id !== caller.self);
          if (hidden.length > 0) findings.push({ entry: 'Query.searchSubjects', caller: caller.label, problem: `searching ${probe} confirms ${hidden.map((subject: { id: string }) => subject.id).join(', ')}` });
        }
        const looked = await lookup(person.idNumber);
        if (JSON.stringify(looked) !== JSON.stringify(nobody.lookup)) {
          findings.push({ entry: 'Query.subject(id: ID number)', caller: caller.label, problem: `the ID number of ${person.id} answers ${JSON.stringify(looked).slice(0, 120)}, an unknown one ${JSON.stringify(nobody.lookup).slice(0, 120)}` });
        }
      }
    }
    expect(findings.slice(0, 30)).toEqual([]);
  }, 600_000);

  it('finds nothing in what any mutation answers, errors included, aimed at a person\'s records', async () => {
    const mutation = types.get('Mutation')!;
    for (const caller of CALLERS) {
      for (const field of mutation.fields ?? []) {
        if (ownField(caller, 'Mutation', field)) continue; // its own procedures show its own records whole
        const returns = namedType(field.type);
        const name = field.name.value;
        await ask(`Mutation.${name}`, caller, t.hub.gateway.url, `mutation { ${name}${argumentList(field, returns)}${selectionOf(returns, caller)} }`);
      }
    }
    expect(findings.slice(0, 30)).toEqual([]);
  }, 600_000);

  it('covered every root field, every entity type and every report route, over every person', () => {
    const roots = [...(types.get('Query')!.fields ?? []), ...(types.get('Mutation')!.fields ?? [])].filter((field) => !field.name.value.startsWith('_'));
    for (const field of roots) {
      const label = `${types.get('Query')!.fields!.includes(field) ? 'Query' : 'Mutation'}.${field.name.value}`;
      expect([...scanned.entryPoints], label).toContain(label);
    }
    for (const { typeName, graph } of ENTITIES) expect([...scanned.entryPoints]).toContain(`_entities ${typeName} of ${subgraphOf(graph)}`);
    for (const route of ['/report/<id>', '/report/<id>.pdf', 'Subject.creditReport', 'Query.openDataFeed pages']) expect([...scanned.entryPoints]).toContain(route);
    expect(persons.length).toBeGreaterThan(50);
    // The same requests, unenforced, give every person's name and number (free text included): there was something to hide.
    expect(inTruth.size).toBe(persons.length);
    console.info(`leak scanner: ${scanned.responses} responses (${(scanned.bytes / 1e6).toFixed(1)} MB) over ${persons.length} persons, ${scanned.entryPoints.size} entry points, ${CALLERS.length} callers`);
  });
});
