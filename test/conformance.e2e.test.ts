/**
 * Conformance matrix (design §5): for every classified field reachable from a subject's
 * profile, every role, sector and declarable purpose, the answer through the gateway is
 * compared with the policy table, restated here from the design independently of the
 * engine: allowed → the value (masked where the table says so), denied → null + FORBIDDEN.
 *
 * The query is generated from the checked-in supergraph, so a new field is covered
 * automatically; the truth to compare with is the same query on an unenforced hub over the
 * same databases.
 */
import { readFileSync } from 'node:fs';
import { Kind, parse, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  effectiveAccess,
  isPersonPseudonym,
  mayDeclare,
  PURPOSES,
  SECTORS,
  SUPERGRAPH_PATH,
  type AccessClass,
  type PurposeEntry,
  type Role,
  type Sector,
} from '@credit-hub/schema';
import type { CallerClaims } from '@credit-hub/runtime';
import { startHub, type RunningHub } from '../tools/hub.js';
import { postGraphQL, showcaseWith, startTestHub, type GraphQLResponse, type TestHub } from './hub.js';

// ---- the supergraph: types, classifications, owning sector of each field ------------------

const supergraph = parse(readFileSync(SUPERGRAPH_PATH, 'utf8'));
const types = new Map(
  supergraph.definitions
    .filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION)
    .map((d) => [d.name.value, d]),
);
const LEAF_KINDS = new Set(
  supergraph.definitions.filter((d) => d.kind === Kind.SCALAR_TYPE_DEFINITION || d.kind === Kind.ENUM_TYPE_DEFINITION).map((d) => (d as { name: { value: string } }).name.value),
);
['String', 'Int', 'Float', 'Boolean', 'ID'].forEach((name) => LEAF_KINDS.add(name));

const namedType = (field: FieldDefinitionNode): string => {
  let type = field.type;
  while (type.kind !== Kind.NAMED_TYPE) type = type.type;
  return type.name.value;
};

/** The sector whose subgraph resolves a field: its @join__field graph, else its type's only graph. */
function ownerSector(type: ObjectTypeDefinitionNode, field: FieldDefinitionNode): Sector {
  const graphOf = (directives: readonly { name: { value: string }; arguments?: readonly any[] }[] | undefined, name: string) =>
    directives?.filter((d) => d.name.value === name).map((d) => d.arguments?.find((a: any) => a.name.value === 'graph')?.value.value as string) ?? [];
  const graphs = graphOf(field.directives, 'join__field');
  const owner = graphs[0] ?? graphOf(type.directives, 'join__type')[0];
  return owner as Sector; // graph enum names are the sector names (PLATFORM, COURTS, …)
}

/** A selection of every field reachable from Subject; nested subjects get their identity only. */
function selection(typeName: string, depth: number): string {
  const type = types.get(typeName)!;
  const fields = (type.fields ?? []).filter((field) => {
    if (typeName === 'Subject' && depth > 0) return ['id', 'kind', 'name', 'idNumber'].includes(field.name.value);
    // A field with a required argument asks about something else (bindingOf(subjectId:)): not part of the profile.
    return !(field.arguments ?? []).some((arg) => arg.type.kind === 'NonNullType' && !arg.defaultValue);
  });
  const parts = fields.map((field) => {
    const target = namedType(field);
    if (LEAF_KINDS.has(target)) return field.name.value;
    if (depth >= 3) return null;
    return `${field.name.value} { ${selection(target, depth + 1)} }`;
  });
  return ['__typename', ...parts.filter(Boolean)].join(' ');
}

const PROFILE = `query Profile($id: ID!) { subject(id: $id) { ${selection('Subject', 0)} } }`;

// ---- the policy table of design §5, restated --------------------------------------------

interface Caller {
  label: string;
  claims?: CallerClaims;
  purpose?: string;
}

interface Facts {
  subjectId: string;
  owner: Sector;
}

type Expected = 'deny' | 'whole' | 'masked';

function expected(access: AccessClass, caller: Caller, facts: Facts, authorisedFor: Map<string, string[]>): Expected {
  const role: Role = caller.claims?.role ?? 'PUBLIC';
  const sector = role === 'PLATFORM_OPERATOR' ? 'PLATFORM' : caller.claims?.sector;
  const purpose = caller.purpose ?? (role === 'PUBLIC' ? 'PUBLIC_QUERY' : null);
  if (role === 'CREDIT_SUBJECT' && caller.claims!.sub === facts.subjectId) return 'whole';
  const personal = access.personal && isPersonPseudonym(facts.subjectId);
  const government = role === 'SECTOR_AGENCY' || role === 'PLATFORM_OPERATOR';
  const owner = government && sector === facts.owner;
  const wholeForAgency = owner || purpose === 'JUDICIAL_ENFORCEMENT';
  const publicView = access.open === 'PUBLIC';
  if (government) {
    const shared =
      access.share === 'UNCONDITIONAL' || owner || (access.share === 'CONDITIONAL' && purpose !== null && access.purposes.includes(purpose));
    if (shared) return personal && !wholeForAgency ? 'masked' : 'whole';
    if (publicView) return personal ? 'masked' : 'whole';
    return 'deny';
  }
  if (publicView) return personal ? 'masked' : 'whole';
  if (access.open === 'AUTHORIZED' && role === 'CREDIT_SERVICE_AGENCY' && purpose && access.purposes.includes(purpose)) {
    const granted = authorisedFor.get(caller.claims!.sub)?.includes(`${facts.subjectId}:${purpose}`) ?? false;
    if (granted) return personal ? 'masked' : 'whole';
  }
  return 'deny';
}

const mask = (value: unknown) => {
  if (typeof value !== 'string') return null;
  if (/^\d{17}[\dX]$/.test(value)) return `${value.slice(0, 6)}********${value.slice(-4)}`;
  const chars = [...value];
  return chars[0] + '*'.repeat(chars.length - 1);
};

// ---- callers: every role, sector and purpose it may declare -------------------------------

const AGENCY = 'CSA91150105MA0KXPBB27'.slice(3); // a registered credit service agency (showcase partnership)

function callers(subjectId: string, otherId: string): Caller[] {
  const list: Caller[] = [
    { label: 'PUBLIC' },
    { label: 'CREDIT_SUBJECT self', claims: { sub: subjectId, role: 'CREDIT_SUBJECT' } },
    { label: 'CREDIT_SUBJECT other', claims: { sub: otherId, role: 'CREDIT_SUBJECT' } },
  ];
  const declarable = (role: Role, sector: Sector | null) =>
    (PURPOSES as readonly PurposeEntry[]).filter((purpose) => mayDeclare(purpose, role, sector)).map((purpose) => purpose.code);
  for (const purpose of declarable('CREDIT_SERVICE_AGENCY', null)) {
    list.push({ label: `CREDIT_SERVICE_AGENCY ${purpose}`, claims: { sub: AGENCY, role: 'CREDIT_SERVICE_AGENCY' }, purpose });
  }
  for (const purpose of declarable('PLATFORM_OPERATOR', 'PLATFORM')) {
    list.push({ label: `PLATFORM_OPERATOR ${purpose}`, claims: { sub: '12150000MB0000000P', role: 'PLATFORM_OPERATOR', sector: 'PLATFORM' }, purpose });
  }
  for (const sector of SECTORS) {
    for (const purpose of declarable('SECTOR_AGENCY', sector)) {
      list.push({ label: `SECTOR_AGENCY ${sector} ${purpose}`, claims: { sub: `11150000MB${sector.slice(0, 3)}0000`.padEnd(18, '0'), role: 'SECTOR_AGENCY', sector }, purpose });
    }
  }
  return list;
}

// ---- comparing one answer with the truth ------------------------------------------------

interface Tally {
  whole: number;
  masked: number;
  denied: number;
  mismatches: string[];
}

function compare(
  truth: any,
  actual: any,
  typeName: string,
  path: Array<string | number>,
  facts: Facts,
  caller: Caller,
  forbiddenPaths: Set<string>,
  authorisedFor: Map<string, string[]>,
  tally: Tally,
) {
  const type = types.get(typeName)!;
  // Whose data this object is: a Subject is itself; a party names its subject; the rest inherit.
  const subjectId = typeName === 'Subject' ? truth.id : typeName === 'Party' && truth.subject ? truth.subject.id : facts.subjectId;
  for (const field of type.fields ?? []) {
    const name = field.name.value;
    if (!(name in truth) || truth[name] === null) continue;
    const access = effectiveAccess(type, field)!;
    const here = [...path, name];
    const decision = expected(access, caller, { subjectId, owner: ownerSector(type, field) }, authorisedFor);
    const label = `${caller.label} ${typeName}.${name} @${here.join('.')}`;
    if (decision === 'deny') {
      tally.denied++;
      if (actual[name] !== null || !forbiddenPaths.has(here.join('.'))) tally.mismatches.push(`${label}: expected FORBIDDEN, got ${JSON.stringify(actual[name])?.slice(0, 60)}`);
      continue;
    }
    const target = namedType(field);
    if (LEAF_KINDS.has(target)) {
      const want = decision === 'masked' ? mask(truth[name]) : truth[name];
      decision === 'masked' ? tally.masked++ : tally.whole++;
      if (JSON.stringify(actual[name]) !== JSON.stringify(want)) tally.mismatches.push(`${label}: expected ${decision} ${JSON.stringify(want)}, got ${JSON.stringify(actual[name])}`);
      continue;
    }
    if (actual[name] === null) {
      tally.mismatches.push(`${label}: expected ${decision}, got null`);
      continue;
    }
    // The log grows between the two reads, and a report is assembled per caller (each sector
    // answering on the caller's rights, with its own time and hash): their decision was checked.
    if (target === 'AccessLogEntry' || target === 'CreditReport') continue;
    const pairs: Array<[any, any, number | null]> = Array.isArray(truth[name])
      ? (truth[name] as any[]).flatMap((item, index) => {
          // Records are matched by id: invisible ones (repaired, past their period) are absent by design.
          const position = item?.id !== undefined ? (actual[name] as any[]).findIndex((other) => other?.id === item.id) : index;
          return position >= 0 ? [[item, (actual[name] as any[])[position], position] as [any, any, number]] : [];
        })
      : [[truth[name], actual[name], null]];
    for (const [truthItem, actualItem, position] of pairs) {
      compare(truthItem, actualItem, target, position === null ? here : [...here, position], { subjectId, owner: facts.owner }, caller, forbiddenPaths, authorisedFor, tally);
    }
  }
}

// ---- the test ---------------------------------------------------------------------------

let t: TestHub;
let truthHub: RunningHub;
const authorisedFor = new Map<string, string[]>();

beforeAll(async () => {
  t = await startTestHub('conformance');
  truthHub = await startHub({ databaseUrls: t.databases.urls, auditUrl: t.databases.auditUrl, ports: 'any', keys: t.hub.keys, enforce: false });
  // The ALL_SECTORS enterprise authorised the agency for credit reports (Art. 26); nothing else.
  const subject = showcaseWith('ALL_SECTORS').id;
  await t.databases.dbs.platform('authorisations').insert({
    subject_id: subject,
    agency_id: AGENCY,
    purposes: ['CREDIT_REPORT'],
    expires_at: new Date(Date.now() + 86400_000),
  });
  authorisedFor.set(AGENCY, [`${subject}:CREDIT_REPORT`]);
}, 180_000);
afterAll(async () => {
  await truthHub?.stop();
  await t?.stop();
});

describe('conformance matrix', () => {
  it.each(['ALL_SECTORS', 'PERSON'])('every field of the %s showcase subject answers as the policy table says, for every caller', async (tag) => {
    const subject = showcaseWith(tag);
    const other = showcaseWith('CLEAN');
    const truth = await postGraphQL(truthHub.gateway.url, PROFILE, { id: subject.id });
    expect(truth.body.errors).toBeUndefined();
    const tally: Tally = { whole: 0, masked: 0, denied: 0, mismatches: [] };
    const list = callers(subject.id, other.id);
    for (const caller of list) {
      const headers = caller.claims ? await t.headersFor(caller.claims, caller.purpose) : {};
      const response: GraphQLResponse = await t.query(PROFILE, { id: subject.id }, headers);
      const forbiddenPaths = new Set(
        (response.errors ?? []).filter((error) => error.extensions?.code === 'FORBIDDEN').map((error) => error.path!.join('.')),
      );
      const unexpected = (response.errors ?? []).filter((error) => error.extensions?.code !== 'FORBIDDEN');
      if (unexpected.length) tally.mismatches.push(`${caller.label}: unexpected errors ${JSON.stringify(unexpected).slice(0, 300)}`);
      compare(truth.body.data!.subject, response.data!.subject, 'Subject', ['subject'], { subjectId: subject.id, owner: 'PLATFORM' }, caller, forbiddenPaths, authorisedFor, tally);
    }
    expect(tally.mismatches.slice(0, 20)).toEqual([]);
    // Not vacuous: every outcome of the table occurred, over many fields.
    expect(list.length).toBeGreaterThan(30);
    expect(tally.whole).toBeGreaterThan(500);
    expect(tally.denied).toBeGreaterThan(100);
    if (tag === 'PERSON') expect(tally.masked).toBeGreaterThan(10);
  }, 240_000);
});
