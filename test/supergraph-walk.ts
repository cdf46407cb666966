/**
 * The checked-in supergraph as tests walk it: object types, leaf types, which subgraphs
 * resolve a field, entity types, and a selection of every field of a type to a depth. Used
 * by the generated audit matrix and the leak scanner, so a new field or type is covered by both.
 */
import { readFileSync } from 'node:fs';
import { Kind, parse, type FieldDefinitionNode, type ObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import { SUPERGRAPH_PATH, type SubgraphName } from '@credit-hub/schema';

export const supergraph = parse(readFileSync(SUPERGRAPH_PATH, 'utf8'));
export const types = new Map(
  supergraph.definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION).map((d) => [d.name.value, d]),
);
export const LEAVES = new Set(
  supergraph.definitions
    .filter((d) => d.kind === Kind.SCALAR_TYPE_DEFINITION || d.kind === Kind.ENUM_TYPE_DEFINITION)
    .map((d) => (d as { name: { value: string } }).name.value),
);
['String', 'Int', 'Float', 'Boolean', 'ID'].forEach((name) => LEAVES.add(name));
export const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);

export const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));
export const isList = (type: TypeNode): boolean => (type.kind === Kind.NON_NULL_TYPE ? isList(type.type) : type.kind === Kind.LIST_TYPE);

export type Graph = string; // PLATFORM, COURTS, … as in join__Graph
export const subgraphOf = (graph: Graph) => graph.toLowerCase().replace(/_/g, '-') as SubgraphName;

export function graphArgs(directives: ObjectTypeDefinitionNode['directives'] | FieldDefinitionNode['directives'], name: string) {
  return (directives ?? [])
    .filter((directive) => directive.name.value === name)
    .map((directive) => Object.fromEntries((directive.arguments ?? []).map((arg) => [arg.name.value, (arg.value as { value: unknown }).value])));
}

/** The subgraphs that resolve a field: its @join__field graphs, else every graph of its type. */
export function graphsOf(type: ObjectTypeDefinitionNode, field: FieldDefinitionNode): Graph[] {
  const own = graphArgs(field.directives, 'join__field').filter((args) => !args.external).map((args) => args.graph as Graph);
  return own.length > 0 ? own : graphArgs(type.directives, 'join__type').map((args) => args.graph as Graph);
}

/** Entity types and the graphs that resolve them by key. */
export const ENTITIES = [...types.values()].flatMap((type) =>
  graphArgs(type.directives, 'join__type')
    .filter((args) => args.key && args.resolvable !== false)
    .map((args) => ({ typeName: type.name.value, graph: args.graph as Graph, key: String(args.key) })),
);

/**
 * Every field of a type (only those `graph` resolves, when given; none that `exclude` may
 * resolve), nested to a depth of 3; nested subjects by their identity. Fields with required arguments are left out, and so
 * is the credit report: it is assembled from subgraph calls of its own (the report route below).
 */
export function selection(typeName: string, depth: number, graph?: Graph, exclude?: Graph): string {
  const type = types.get(typeName)!;
  const parts = ['__typename'];
  for (const field of type.fields ?? []) {
    const name = field.name.value;
    const target = namedType(field.type);
    if (graph && !graphsOf(type, field).includes(graph)) continue;
    if (exclude && name !== 'id' && graphsOf(type, field).includes(exclude)) continue;
    if ((field.arguments ?? []).some((arg) => arg.type.kind === Kind.NON_NULL_TYPE && !arg.defaultValue)) continue;
    if (typeName === 'Subject' && depth > 0 && !['id', 'kind', 'name', 'idNumber'].includes(name)) continue;
    if (target === 'CreditReport') continue;
    if (LEAVES.has(target)) parts.push(name);
    else if (depth < 3 && types.has(target)) parts.push(`${name} { ${selection(target, depth + 1, graph, exclude)} }`);
  }
  return parts.join(' ');
}


/** Leaf values by `Type.field` and by field name, from the whole profile of every showcase subject (the unenforced truth). */
export const harvested = new Map<string, unknown>();
export function harvest(value: unknown): void {
  if (Array.isArray(value)) value.forEach(harvest);
  else if (value && typeof value === 'object') {
    const typeName = (value as { __typename?: string }).__typename;
    for (const [key, child] of Object.entries(value)) {
      if (child !== null && typeof child !== 'object') {
        if (!harvested.has(key)) harvested.set(key, child);
        if (typeName && !harvested.has(`${typeName}.${key}`)) harvested.set(`${typeName}.${key}`, child);
      } else harvest(child);
    }
  }
}


/**
 * Argument values for a field's required arguments, or null when the demo data has none: ids
 * are the given subjects; anything else a harvested value of the field of the same name, of
 * the type the field returns if it has one (`wageArrearsCase(caseNumber)`).
 */
export function demoArguments(field: FieldDefinitionNode, subjects: { id: string; ids: string[] }): string | null {
  const returns = namedType(field.type);
  const args: string[] = [];
  for (const arg of field.arguments ?? []) {
    if (arg.type.kind !== Kind.NON_NULL_TYPE || arg.defaultValue) continue;
    const list = isList(arg.type);
    let value: unknown;
    if (namedType(arg.type) === 'ID') value = list ? subjects.ids : subjects.id;
    else {
      const key = [`${returns}.${arg.name.value}`, arg.name.value].find((name) => harvested.has(name));
      if (!key) return null;
      value = list ? [harvested.get(key)] : harvested.get(key);
    }
    args.push(`${arg.name.value}: ${JSON.stringify(value)}`);
  }
  return args.length ? `(${args.join(', ')})` : '';
}
