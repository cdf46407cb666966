/**
 * Checks of an operation once Apollo Server has parsed and validated it, before anything
 * runs (Art. 41: query rules and secure technical measures). Used by the gateway and every
 * subgraph alike.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, Kind, visit, type DocumentNode, type ValueNode } from 'graphql';
import { errors, withHttpStatus } from '@credit-hub/schema';
import type { ServingSettings } from './env.js';
import type { Caller } from './identity.js';

type TextProblem = 'NUL_CHARACTER' | 'LONE_SURROGATE';

const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** PostgreSQL text cannot hold U+0000; a lone surrogate is not Unicode and would be stored as U+FFFD. */
export function textProblem(text: string): TextProblem | undefined {
  if (NUL.test(text)) return 'NUL_CHARACTER';
  if (LONE_SURROGATE.test(text)) return 'LONE_SURROGATE';
  return undefined;
}

interface Found {
  path: string;
  problem: TextProblem;
}

/** A key as a path step: escaped and bounded, since the path is quoted back to the caller. */
function step(key: string): string {
  const escaped = JSON.stringify(key).slice(1, -1);
  return escaped.length > 64 ? `${escaped.slice(0, 64)}…` : escaped;
}

/** The first unstorable string in a JSON value (a variable), keys included; iterative, so depth costs no stack. */
function inJson(value: unknown, path: string): Found | undefined {
  const pending: Array<[unknown, string]> = [[value, path]];
  while (pending.length > 0) {
    const [current, at] = pending.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return { path: at, problem };
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) pending.push([current[index], `${at}[${index}]`]);
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current).reverse()) {
        const problem = textProblem(key);
        if (problem) return { path: `${at}.${step(key)}`, problem };
        pending.push([item, `${at}.${step(key)}`]);
      }
    }
  }
  return undefined;
}

/** The first unstorable string in an argument's value: literals, and the variables it uses. */
function inArgument(node: ValueNode, path: string, variables: Record<string, unknown>): Found | undefined {
  switch (node.kind) {
    case Kind.STRING: {
      const problem = textProblem(node.value);
      return problem ? { path, problem } : undefined;
    }
    case Kind.VARIABLE:
      return inJson(variables[node.name.value], path);
    case Kind.LIST:
      for (const [index, item] of node.values.entries()) {
        const found = inArgument(item, `${path}[${index}]`, variables);
        if (found) return found;
      }
      return undefined;
    case Kind.OBJECT:
      for (const field of node.fields) {
        const found = inArgument(field.value, `${path}.${field.name.value}`, variables);
        if (found) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

const PROBLEM_TEXT: Record<TextProblem, string> = {
  NUL_CHARACTER: 'a NUL character (U+0000), which the hub cannot store or compare; send plain text',
  LONE_SURROGATE: 'malformed text (a lone UTF-16 surrogate); send valid Unicode',
};

/** Where in the operation a string the database cannot take is, naming the field and argument. */
export function unstorableText(document: DocumentNode, variables: Record<string, unknown>) {
  let found: (Found & { field?: string }) | undefined;
  visit(document, {
    Field(node) {
      for (const argument of node.arguments ?? []) {
        const hit = inArgument(argument.value, argument.name.value, variables);
        if (hit) {
          found = { ...hit, field: node.name.value };
          return BREAK;
        }
      }
      return undefined;
    },
  });
  // Variables no field argument takes (a directive's, say) are checked all the same.
  for (const [name, value] of Object.entries(variables)) {
    if (found) break;
    found = inJson(value, `$${name}`);
  }
  return found;
}

/**
 * Input PostgreSQL cannot take is BAD_USER_INPUT naming the argument, before any resolver
 * runs: never a database error with the SELECT in it. Every string argument, literal or
 * variable, of every field; the mapping of PostgreSQL's data exceptions in formatError
 * (http-errors.ts) is the second line.
 */
export function storableTextGuard<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const found = unstorableText(document, (request.variables ?? {}) as Record<string, unknown>);
          if (!found) return;
          const subject = found.field ? `${found.field}: argument ${found.path}` : `variable ${found.path}`;
          throw withHttpStatus(
            errors.badUserInput(`${subject} holds ${PROBLEM_TEXT[found.problem]}.`, {
              argument: found.path,
              ...(found.field ? { field: found.field } : {}),
              problem: found.problem,
            }),
            400,
          );
        },
      };
    },
  };
}

/**
 * A request whose operationName names no operation of the document (or that names none
 * where there are several) is OPERATION_RESOLUTION_FAILURE, 400, as graphql-js words it.
 * Apollo Server answers so for a schema of its own, but behind Apollo Gateway the executor
 * throws an uncoded error, which would be a 500.
 */
export function operationResolutionGuard<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const name = request.operationName;
          const quoted = name == null ? '' : JSON.stringify(name.length > 64 ? `${name.slice(0, 64)}…` : name);
          throw errors.operationResolutionFailure(
            name == null ? 'Must provide operation name if query contains multiple operations.' : `Unknown operation named ${quoted}.`,
          );
        },
      };
    },
  };
}

/** The fields that describe the schema: GraphQL introspection, and federation's SDL of a subgraph. */
const INTROSPECTION_FIELDS = new Set(['__schema', '__type', '_service']);

export function asksForSchema(document: DocumentNode): boolean {
  let asks = false;
  visit(document, {
    Field(node) {
      if (!INTROSPECTION_FIELDS.has(node.name.value)) return undefined;
      asks = true;
      return BREAK;
    },
  });
  return asks;
}

/**
 * In production the schema is described only to authenticated callers (a verified token);
 * the public gets a coded FORBIDDEN. In development everyone may introspect, so the
 * playground keeps working. `__typename` is no introspection and always answers.
 */
export function introspectionGuard<C extends object>(
  settings: Pick<ServingSettings, 'production'>,
  callerOf: (context: C) => Caller | undefined,
): ApolloServerPlugin<C> {
  if (!settings.production) return {};
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          const caller = callerOf(contextValue);
          if (caller && caller.role !== 'PUBLIC') return;
          if (!asksForSchema(document)) return;
          throw withHttpStatus(
            errors.forbidden('The schema is described only to authenticated callers here: send a token to introspect (Art. 41).', {
              reason: 'INTROSPECTION_NOT_PUBLIC',
              article: 'Art. 41',
            }),
            403,
          );
        },
      };
    },
  };
}
