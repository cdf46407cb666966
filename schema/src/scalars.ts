/**
 * Resolvers of the shared scalars of schema/common.graphql. Every subgraph installs the
 * same ones, so a value means the same thing whichever sector returns it.
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { checkCreditCode, checkIdNumber, type IdCheck } from './ids.js';

const badInput = (message: string, extra: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extra } });

function stringLiteral(ast: ValueNode, scalar: string): string {
  if (ast.kind !== Kind.STRING) throw badInput(`${scalar} must be a string.`);
  return ast.value;
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Dates are 'YYYY-MM-DD' strings end to end (the pg DATE parser keeps them so). */
export const DateScalar: GraphQLScalarType<string, string> = new GraphQLScalarType<string, string>({
  name: 'Date',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string' && DATE_PATTERN.test(value)) return value;
    throw new GraphQLError(`Date cannot represent ${String(value)}`);
  },
  parseValue: (value) => {
    if (typeof value === 'string' && DATE_PATTERN.test(value) && !Number.isNaN(Date.parse(value))) return value;
    throw badInput(`Date must be YYYY-MM-DD, got ${JSON.stringify(value)}.`);
  },
  parseLiteral: (ast) => DateScalar.parseValue(stringLiteral(ast, 'Date')),
});

export const DateTimeScalar: GraphQLScalarType<string, string> = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
    throw new GraphQLError(`DateTime cannot represent ${String(value)}`);
  },
  parseValue: (value) => {
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
    throw badInput(`DateTime must be ISO 8601, got ${JSON.stringify(value)}.`);
  },
  parseLiteral: (ast) => DateTimeScalar.parseValue(stringLiteral(ast, 'DateTime')),
});

const MONEY_PATTERN = /^-?\d{1,14}(\.\d{1,2})?$/;

/** Money travels as a decimal string: numeric columns arrive from pg as strings, exact. */
export const MoneyScalar: GraphQLScalarType<string, string> = new GraphQLScalarType<string, string>({
  name: 'Money',
  serialize: (value) => {
    const text = typeof value === 'number' ? value.toFixed(2) : String(value);
    if (!MONEY_PATTERN.test(text)) throw new GraphQLError(`Money cannot represent ${text}`);
    return Number(text).toFixed(2);
  },
  parseValue: (value) => {
    const text = typeof value === 'number' ? String(value) : value;
    if (typeof text === 'string' && MONEY_PATTERN.test(text)) return Number(text).toFixed(2);
    throw badInput(`Money must be a decimal amount in CNY with at most two fraction digits, got ${JSON.stringify(value)}.`);
  },
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.FLOAT || ast.kind === Kind.INT) return MoneyScalar.parseValue(ast.value);
    throw badInput('Money must be a decimal amount.');
  },
});

function checkedScalar(name: string, check: (input: string) => IdCheck) {
  const parse = (value: unknown) => {
    if (typeof value !== 'string') throw badInput(`${name} must be a string.`);
    const result = check(value);
    if (!result.ok) throw badInput(result.message, { problem: result.problem });
    return result.value;
  };
  return new GraphQLScalarType<string, string>({
    name,
    serialize: (value) => String(value),
    parseValue: parse,
    parseLiteral: (ast) => parse(stringLiteral(ast, name)),
  });
}

export const CreditCodeScalar = checkedScalar('CreditCode', checkCreditCode);
export const IdNumberScalar = checkedScalar('IdNumber', checkIdNumber);

export const scalarResolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Money: MoneyScalar,
  CreditCode: CreditCodeScalar,
  IdNumber: IdNumberScalar,
};
