/**
 * Operation limits (Art. 41: query rules and secure technical measures; design §8
 * `LIMIT_EXCEEDED`): one mechanism for the gateway and every subgraph, so a direct call or
 * another router is bounded exactly as a call through the gateway.
 *
 * - tokens: counted with graphql's own lexer before anything is parsed (express middleware),
 *   and again by the parser (`maxTokens`), so a huge document costs a bounded scan;
 * - depth, aliases, directives: graphql-armor's rules, run before planning or execution;
 * - cost: graphql-query-complexity with the demand-control model of Apollo Router (`@cost`,
 *   `@listSize`): an object costs 1, a leaf 0, a list multiplies its items by the size its
 *   arguments ask for (`ids`, `representations`, `first`) or an assumed size, with a budget
 *   per role (the public smallest).
 *
 * A refused operation gets `LIMIT_EXCEEDED` naming the limit, the measured value and the
 * maximum, with no data and no subgraph call.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { NextFunction, Request, Response } from 'express';
import { getNamedType, GraphQLError, isCompositeType, isListType, isNonNullType, Lexer, Source, TokenKind, validate, type GraphQLOutputType, type ValidationRule } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { errors, ROLES, type Role } from '@credit-hub/schema';
import { parseEnv, z } from './env.js';

export interface OperationLimits {
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** Items assumed for a list whose arguments give no size (a subject's judgments). */
  assumedListSize: number;
  /** Cost budget per role: what one operation may ask for. */
  costBudget: Record<Role, number>;
}

/**
 * Defaults sized on the mission's heavy cases (README, "Limits and operation"): a sector
 * agency's 1,000-subject batch check with a field from every sector and a joined profile
 * with everything fit; the public is given a profile or a small batch.
 */
export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxTokens: 5_000,
  maxDepth: 8,
  maxAliases: 30,
  maxDirectives: 50,
  assumedListSize: 10,
  costBudget: {
    PUBLIC: 5_000,
    CREDIT_SUBJECT: 10_000,
    CREDIT_SERVICE_AGENCY: 50_000,
    SECTOR_AGENCY: 150_000,
    PLATFORM_OPERATOR: 150_000,
  },
};

/** The environment's settings (zod, parsed once with the rest of a part's env). */
export const operationLimitsEnv = {
  LIMIT_MAX_TOKENS: z.coerce.number().int().positive().default(DEFAULT_OPERATION_LIMITS.maxTokens),
  LIMIT_MAX_DEPTH: z.coerce.number().int().positive().default(DEFAULT_OPERATION_LIMITS.maxDepth),
  LIMIT_MAX_ALIASES: z.coerce.number().int().nonnegative().default(DEFAULT_OPERATION_LIMITS.maxAliases),
  LIMIT_MAX_DIRECTIVES: z.coerce.number().int().nonnegative().default(DEFAULT_OPERATION_LIMITS.maxDirectives),
  LIMIT_ASSUMED_LIST_SIZE: z.coerce.number().int().positive().default(DEFAULT_OPERATION_LIMITS.assumedListSize),
  ...Object.fromEntries(ROLES.map((role) => [`LIMIT_COST_${role}`, z.coerce.number().int().positive().default(DEFAULT_OPERATION_LIMITS.costBudget[role])])),
};

/** The limits from the environment, every problem listed at once (design §10). */
export function loadOperationLimits(service: string, env: NodeJS.ProcessEnv): OperationLimits {
  return operationLimitsOf(parseEnv(service, z.object(operationLimitsEnv), env) as Record<string, unknown>);
}

function operationLimitsOf(parsed: Record<string, unknown>): OperationLimits {
  return {
    maxTokens: parsed.LIMIT_MAX_TOKENS as number,
    maxDepth: parsed.LIMIT_MAX_DEPTH as number,
    maxAliases: parsed.LIMIT_MAX_ALIASES as number,
    maxDirectives: parsed.LIMIT_MAX_DIRECTIVES as number,
    assumedListSize: parsed.LIMIT_ASSUMED_LIST_SIZE as number,
    costBudget: Object.fromEntries(ROLES.map((role) => [role, parsed[`LIMIT_COST_${role}`] as number])) as Record<Role, number>,
  };
}

/** A refusal as graphql responses carry it: 400, no data. */
const refusal = (limit: string, actual: number, max: number, message: string) => {
  const error = errors.limitExceeded(message, { limit, actual, max });
  (error.extensions as Record<string, unknown>).http = { status: 400 };
  return error;
};

/** Tokens of a document, counted up to `cap + 1` (a longer one is not read further). */
export function countTokens(source: string, cap: number): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) if (++count > cap) break;
  } catch {
    return count; // a syntax error: the parser will name it
  }
  return count;
}

/**
 * Express middleware before the GraphQL server: a document over the token limit is refused
 * before it is parsed or validated (validation of many aliases is quadratic).
 */
export function tokenLimit(limits: Pick<OperationLimits, 'maxTokens'>) {
  return (req: Request, res: Response, next: NextFunction) => {
    const query = (req.body as { query?: unknown } | undefined)?.query ?? req.query?.query;
    if (typeof query !== 'string') return next();
    const tokens = countTokens(query, limits.maxTokens);
    if (tokens <= limits.maxTokens) return next();
    const error = refusal('tokens', tokens, limits.maxTokens, `The operation has more than ${limits.maxTokens} tokens; send a smaller one.`);
    res.status(400).json({ errors: [{ message: error.message, extensions: { code: error.extensions.code, limit: 'tokens', actual: tokens, max: limits.maxTokens } }] });
  };
}

/** The size a list field asks for: its slicing argument, else the assumed size. */
function listSize(args: Record<string, unknown>, assumed: number): number {
  for (const name of ['ids', 'representations', 'subjectIds']) {
    const value = args[name];
    if (Array.isArray(value)) return value.length;
  }
  if (typeof args.first === 'number') return Math.max(0, args.first);
  return assumed;
}

const isList = (type: GraphQLOutputType): boolean => (isNonNullType(type) ? isList(type.ofType) : isListType(type));

/** Apollo demand control's model: objects 1, leaves 0, lists times their size. */
export function costEstimator(assumedListSize: number): ComplexityEstimator {
  return ({ field, args, childComplexity }) => {
    const own = isCompositeType(getNamedType(field.type)) ? 1 : 0;
    return isList(field.type) ? (own + childComplexity) * listSize(args, assumedListSize) : own + childComplexity;
  };
}

/** The cost of an operation as the budget counts it. */
export function operationCost(
  schema: Parameters<typeof getComplexity>[0]['schema'],
  document: Parameters<typeof getComplexity>[0]['query'],
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
  assumedListSize: number,
): number {
  return getComplexity({ schema, query: document, variables, operationName, estimators: [costEstimator(assumedListSize)] });
}

/** armor's rules, reporting through `onReject` what they measured; `found N` is their wording. */
function shapeRules(limits: OperationLimits, found: Array<{ limit: string; max: number; actual: number }>): ValidationRule[] {
  const note = (limit: string, max: number) => (_context: unknown, error: GraphQLError) => {
    const actual = Number(/found (\d+)/.exec(error.message)?.[1] ?? max + 1);
    found.push({ limit, max, actual });
  };
  const common = { propagateOnRejection: false, exposeLimits: true } as const;
  return [
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, ...common, onReject: [note('depth', limits.maxDepth)] }),
    maxAliasesRule({ n: limits.maxAliases, ...common, onReject: [note('aliases', limits.maxAliases)] }),
    maxDirectivesRule({ n: limits.maxDirectives, ...common, onReject: [note('directives', limits.maxDirectives)] }),
  ] as ValidationRule[];
}

/**
 * The Apollo Server plugin: depth, aliases and directives, then cost against the caller's
 * role's budget, all in `didResolveOperation`, before the gateway plans or a subgraph
 * executes anything.
 */
export function operationLimitsPlugin<C extends BaseContext>(limits: OperationLimits, roleOf: (context: C) => Role): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, request, contextValue, operation }) {
          // No operation of that name (say operationName ""): execution refuses it as
          // OPERATION_RESOLUTION_FAILURE; graphql-query-complexity would throw on it.
          if (!operation) return;
          const found: Array<{ limit: string; max: number; actual: number }> = [];
          validate(schema, document, shapeRules(limits, found));
          const first = found[0];
          if (first) throw refusal(first.limit, first.actual, first.max, `The operation's ${first.limit} is ${first.actual}; at most ${first.max} is allowed.`);
          const role = roleOf(contextValue);
          const budget = limits.costBudget[role];
          let cost: number;
          try {
            cost = operationCost(schema, document, request.variables, operation.name?.value, limits.assumedListSize);
          } catch (error) {
            // Too many nodes to estimate (graphql-query-complexity's own bound) is too costly.
            if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
              throw refusal('cost', budget + 1, budget, `The operation is too large to estimate; at most ${budget} is allowed for ${role}.`);
            }
            // Variables that do not fit their types: execution refuses them the same way
            // (BAD_USER_INPUT, graphql's own coercion) before any resolver runs.
            if (error instanceof GraphQLError) return;
            throw error;
          }
          if (cost > budget) {
            throw refusal('cost', cost, budget, `The operation's estimated cost is ${cost}; at most ${budget} is allowed for ${role}. Ask for fewer subjects or fields, or page with first.`);
          }
        },
      };
    },
  };
}
