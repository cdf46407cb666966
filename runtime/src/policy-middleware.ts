/**
 * Field-level enforcement inside a subgraph (design §5), generated from the schema's
 * @access classification by the one policy engine in schema/:
 *
 * - graphql-shield holds a rule per classified field (per record, allow or FORBIDDEN) and
 *   its fallback rule denies every field the classification does not name (deny by
 *   default), with explicit allows only for federation's `_entities` and `_service`.
 * - one middleware per classified field asks the engine first and resolves at once what it
 *   allows; everything else goes through shield. It also leaves invisible records out of
 *   lists (Art. 40: repaired or past their period) and masks personal information. Plain
 *   values open to all (shield's `allow`, nothing to mask) are left bare.
 * - what is disclosed is noted where every answer passes, whichever entry point asked
 *   (root fields, `_entities` of any type, nested references, mutation payloads): graphql-js
 *   completes every object it puts in a response through its type's `isTypeOf`, once per
 *   object, synchronously. There each object's selected fields are noted against the
 *   subjects it is about (design §6, Art. 42), so no resolver has to remember to.
 *
 * Rules depend on the record, so they are `no_cache`, never `contextual`.
 */
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, rule, shield } from 'graphql-shield';
import {
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isLeafType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionNode,
} from 'graphql';
import {
  decideField,
  errors,
  factsOfRow,
  INHERITED_FACTS,
  maskValue,
  freeTextMasked,
  maskFreeText,
  namesItsSubjects,
  readAccessDirective,
  recordVisible,
  type AccessClass,
  type PolicyRequest,
  type RecordFacts,
} from '@credit-hub/schema';
import type { DisclosureCollector } from './audit.js';

/** What the policy needs from each request's context. */
export interface PolicyContext {
  policy: PolicyRequest;
  disclosures: DisclosureCollector;
  /** Today's date (YYYY-MM-DD, China Standard Time) for disclosure periods. */
  today: string;
  /** Loads a credit service agency's authorisations for these subjects (one call per batch). */
  loadAuthorisations?: (subjectIds: readonly string[]) => Promise<void>;
}

/** Facts for root fields: nothing about any subject yet. */
const ROOT_FACTS: RecordFacts = { subjectIds: [], disclosedNow: true, repaired: false, removed: false, concernsPerson: false };

const ROOT_TYPES = new Set(['Query', 'Mutation']);
const FEDERATION_TYPES = new Set(['_Service', '_Entity', '_Any']);

/** The classification of every field, read from the schema's AST (@access on field or type). */
export function fieldClassifications(schema: GraphQLSchema): Map<string, Map<string, AccessClass>> {
  const result = new Map<string, Map<string, AccessClass>>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || FEDERATION_TYPES.has(type.name)) continue;
    const typeDirective = type.astNode?.directives?.find((directive) => directive.name.value === 'access');
    const fields = new Map<string, AccessClass>();
    for (const field of Object.values(type.getFields())) {
      const directive = field.astNode?.directives?.find((d) => d.name.value === 'access') ?? typeDirective;
      if (directive) fields.set(field.name, readAccessDirective(directive));
    }
    result.set(type.name, fields);
  }
  return result;
}

/**
 * The record asked about last, with its facts: a record's fields are resolved one after
 * another, so most asks are for the same record. Working facts out again otherwise is
 * cheaper than a cache keyed by every row of a batch (a WeakMap of thousands of rows per
 * request cost more than the facts, and more again in garbage collection).
 */
let lastRecord: object | null = null;
let lastToday = '';
let lastFacts = ROOT_FACTS;

function factsOf(typeName: string, parent: unknown, today: string): RecordFacts {
  if (ROOT_TYPES.has(typeName) || parent === null || typeof parent !== 'object') return ROOT_FACTS;
  if (parent === lastRecord && today === lastToday) return lastFacts;
  lastFacts = factsOfRow(parent as Record<string, unknown>, today, typeName);
  lastRecord = parent;
  lastToday = today;
  return lastFacts;
}

const purposeOf = (context: PolicyContext) => context.policy.purpose;

/**
 * Shared with every agency and open to all: no caller is refused such a field of a record
 * it can see at all (invisible records never reach their fields), so no per-record rule
 * needs to run for it; shield's `allow` lets it through.
 */
const openToAll = (access: AccessClass) => access.share === 'UNCONDITIONAL' && access.open === 'PUBLIC';

export function applyPolicy(schema: GraphQLSchema, extraMiddleware: Record<string, Record<string, unknown>> = {}): GraphQLSchema {
  const classifications = fieldClassifications(schema);
  const ruleTree: Record<string, Record<string, unknown>> = {
    Query: { _entities: allow, _service: allow },
    _Service: { sdl: allow },
  };

  for (const [typeName, fields] of classifications) {
    for (const [fieldName, access] of fields) {
      const name = `${typeName}.${fieldName}`;
      if (openToAll(access)) {
        (ruleTree[typeName] ??= {})[fieldName] = allow;
        continue;
      }
      (ruleTree[typeName] ??= {})[fieldName] = rule(name, { cache: 'no_cache' })(
        async (parent: unknown, _args: unknown, context: PolicyContext) => {
          const facts = factsOf(typeName, parent, context.today);
          if (needsAuthorisation(access, context) && facts.subjectIds.length > 0) {
            await context.loadAuthorisations!(facts.subjectIds);
          }
          const decision = decideField(access, context.policy, facts);
          if (decision.allow) return true;
          context.disclosures.denied(facts.subjectIds, name);
          return errors.forbidden(`${name}: ${decision.message}`, {
            field: name,
            reason: decision.reason,
            purpose: purposeOf(context),
            article: decision.article,
          });
        },
      );
    }
  }

  const permissions = shield(ruleTree as never, {
    fallbackRule: deny,
    allowExternalErrors: true, // coded errors from resolvers (BAD_USER_INPUT, LIMIT_EXCEEDED) pass through
    fallbackError: (thrown) =>
      thrown instanceof Error && 'extensions' in thrown
        ? (thrown as Error)
        : errors.forbidden('Not classified: denied by default (design §5).', { reason: 'UNCLASSIFIED', article: 'Art. 24' }),
  });
  // Shield's middleware for every field of every type: the rule tree's rules, and its
  // fallback (deny) for every field the classification does not name.
  const shielded = permissions.generate(schema) as Record<string, Record<string, FieldMiddleware>>;
  const enforcement: Record<string, Record<string, FieldMiddleware>> = {};
  for (const [typeName, fields] of Object.entries(shielded)) {
    enforcement[typeName] = {};
    for (const [fieldName, shieldMiddleware] of Object.entries(fields)) {
      const access = classifications.get(typeName)?.get(fieldName);
      // Unclassified fields (federation's included) go to shield alone: its rule or its deny.
      if (!access) {
        enforcement[typeName]![fieldName] = shieldMiddleware;
        continue;
      }
      const returns = returnKindOf(schema, typeName, fieldName);
      // A plain value open to all needs nothing: shield's `allow` is all it would get, and
      // it is noted with its object when that is completed. Left bare, as in the schema.
      if (openToAll(access) && !needsSettling(access, returns)) continue;
      enforcement[typeName]![fieldName] = enforcedField(typeName, access, returns, shieldMiddleware);
    }
  }
  return auditCompletedObjects(applyMiddleware(schema, enforcement as never, extraMiddleware as never));
}

function needsAuthorisation(access: AccessClass, context: PolicyContext): boolean {
  return (
    access.open === 'AUTHORIZED' &&
    context.policy.caller.role === 'CREDIT_SERVICE_AGENCY' &&
    context.loadAuthorisations !== undefined &&
    context.policy.purpose !== null &&
    access.purposes.includes(context.policy.purpose)
  );
}

type ReturnKind = { kind: 'record'; isSubject: boolean } | { kind: 'leaf' } | { kind: 'other' };

/** What a field returns, known once when the schema is built rather than on every call. */
function returnKindOf(schema: GraphQLSchema, typeName: string, fieldName: string): ReturnKind {
  const type = schema.getType(typeName);
  const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
  const returnType = field ? getNamedType(field.type) : undefined;
  if (isObjectType(returnType)) return { kind: 'record', isSubject: returnType.name === 'Subject' };
  if (returnType && isLeafType(returnType)) return { kind: 'leaf' };
  return { kind: 'other' };
}

/**
 * Only records (to leave out the invisible ones and pass their facts on to nested values)
 * and personal values (to mask them) need settling after their resolver.
 */
const needsSettling = (access: AccessClass, returns: ReturnKind) =>
  returns.kind === 'record' || (returns.kind === 'leaf' && (access.personal || access.freeText === true));

type FieldMiddleware = (
  resolve: GraphQLFieldResolver<unknown, PolicyContext>,
  parent: unknown,
  args: Record<string, unknown>,
  context: PolicyContext,
  info: GraphQLResolveInfo,
) => unknown;

/**
 * One middleware per classified field: the decision, then row filtering and masking
 * around the field's own resolver, synchronous when the resolver is (a
 * promise per field of a 1,000-subject batch is what the overhead would be made of).
 *
 * What shield would let through without asking is resolved at once: fields its `allow`
 * rule covers (open to all), and fields the engine allows for this caller and record, for
 * which shield's rule would run the same `decideField` on the same facts and answer the
 * same, but as two awaits. Everything else goes through shield: denials (its rule notes
 * them and answers the coded error) and fields waiting on a subject's authorisation (Art. 26).
 */
function enforcedField(typeName: string, access: AccessClass, returns: ReturnKind, shieldMiddleware: FieldMiddleware) {
  const allowedByShield = openToAll(access);
  const settle = (value: unknown, parent: unknown, context: PolicyContext, info: GraphQLResolveInfo) => {
    if (value === null || value === undefined || returns.kind === 'other') return value;
    const facts = factsOf(typeName, parent, context.today);
    if (returns.kind === 'record') {
      // Inherit first: a nested value object is judged, visibility included, and audited as its record.
      if (!returns.isSubject && facts.subjectIds.length > 0) inheritFacts(value, facts);
      return visibleRecords(value, getNamedType(info.returnType).name, context);
    }
    // Free text keeps its words but not the personal values in it (design §5).
    if (access.freeText) return freeTextMasked(access, context.policy, facts) ? maskFreeText(value, facts.personNames) : value;
    const decision = decideField(access, context.policy, facts);
    return decision.allow && decision.masked ? maskValue(value) : value;
  };
  const settles = needsSettling(access, returns);
  const resolveSettled = (
    resolve: GraphQLFieldResolver<unknown, PolicyContext>,
    parent: unknown,
    args: Record<string, unknown>,
    context: PolicyContext,
    info: GraphQLResolveInfo,
  ) => {
    const value = resolve(parent, args, context, info);
    if (!settles) return value;
    // Any thenable (a query builder is one): settling the builder itself would let its rows through unfiltered.
    return isThenable(value)
      ? Promise.resolve(value).then((settled) => settle(settled, parent, context, info))
      : settle(value, parent, context, info);
  };
  return (
    resolve: GraphQLFieldResolver<unknown, PolicyContext>,
    parent: unknown,
    args: Record<string, unknown>,
    context: PolicyContext,
    info: GraphQLResolveInfo,
  ): unknown => {
    if (allowedByShield) return resolveSettled(resolve, parent, args, context, info);
    if (!needsAuthorisation(access, context) && decideField(access, context.policy, factsOf(typeName, parent, context.today)).allow) {
      return resolveSettled(resolve, parent, args, context, info);
    }
    return shieldMiddleware(() => resolveSettled(resolve, parent, args, context, info), parent, args, context, info);
  };
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';

/** Leaves out records the caller may not see at all, so their existence does not leak (Art. 40). */
function visibleRecords(value: unknown, typeName: string, context: PolicyContext): unknown {
  if (!Array.isArray(value)) return isVisible(value, typeName, context) ? value : null;
  // Copied only once a record is left out: most lists show every record.
  let visible: unknown[] | undefined;
  for (let index = 0; index < value.length; index++) {
    if (isVisible(value[index], typeName, context)) visible?.push(value[index]);
    else visible ??= value.slice(0, index);
  }
  return visible ?? value;
}

function isVisible(row: unknown, typeName: string, context: PolicyContext): boolean {
  if (row === null || typeof row !== 'object') return true;
  return recordVisible(context.policy, factsOf(typeName, row, context.today));
}

/**
 * The fields a selection asks of one object type, as the executor will resolve them
 * (fragments by type condition, @skip/@include), keys and __typename left out: keys travel
 * unmasked everywhere (design §5), noting them would only add noise. graphql-js hands the
 * same field-node array to every object of one list within a request, so the answer is
 * worked out once per list, not once per object.
 */
const selectedFieldsCache = new WeakMap<readonly FieldNode[], Map<string, string[]>>();

function selectedFields(type: GraphQLObjectType, info: GraphQLResolveInfo): string[] {
  let byType = selectedFieldsCache.get(info.fieldNodes);
  if (!byType) selectedFieldsCache.set(info.fieldNodes, (byType = new Map()));
  const cached = byType.get(type.name);
  if (cached) return cached;
  const fields = type.getFields();
  const selected = new Set<string>();
  const included = (node: SelectionNode) =>
    getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;
  const applies = (typeCondition: string | undefined) => {
    if (!typeCondition || typeCondition === type.name) return true;
    const condition = info.schema.getType(typeCondition);
    return condition !== undefined && isAbstractType(condition) && info.schema.isSubType(condition, type);
  };
  const visit = (selections: readonly SelectionNode[]) => {
    for (const selection of selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name !== 'id' && fields[name]) selected.add(name);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition?.name.value)) visit(selection.selectionSet.selections);
      } else {
        const fragment = info.fragments[selection.name.value];
        if (fragment && applies(fragment.typeCondition.name.value)) visit(fragment.selectionSet.selections);
      }
    }
  };
  for (const node of info.fieldNodes) if (node.selectionSet) visit(node.selectionSet.selections);
  const result = [...selected].map((field) => `${type.name}.${field}`);
  byType.set(type.name, result);
  return result;
}

const UNAUDITED_TYPES = new Set(['Query', 'Mutation', 'Subscription', '_Service']);

/**
 * Notes every object the executor completes (design §6): its selected fields, against the
 * subjects it is about (its own subject keys, its Subject id, or the record it belongs to).
 * Invisible records never get here (left out above); denied fields are noted by their rule
 * and taken out of the disclosed ones when the entries are made. A field disclosed with an
 * empty value is disclosed too: that a subject has no judgments is information about it.
 */
function auditCompletedObjects(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || UNAUDITED_TYPES.has(type.name)) continue;
    const own = type.isTypeOf;
    type.isTypeOf = (source: unknown, context: PolicyContext, info: GraphQLResolveInfo) => {
      if (source !== null && typeof source === 'object' && context.disclosures) {
        const { subjectIds } = factsOf(type.name, source, context.today);
        if (subjectIds.length > 0) {
          for (const field of selectedFields(type, info)) context.disclosures.disclosed(subjectIds, field);
        }
      }
      return own ? own(source, context, info) : true;
    };
  }
  return schema;
}

/** Nested value objects (sources, notices) are judged as part of the record they belong to. */
function inheritFacts(value: unknown, facts: RecordFacts): void {
  for (const item of Array.isArray(value) ? value : [value]) {
    if (item && typeof item === 'object' && !namesItsSubjects(item as Record<string, unknown>)) {
      Object.defineProperty(item, INHERITED_FACTS, { value: facts, enumerable: false, configurable: true });
    }
  }
}
