/**
 * The one list of error codes (design §8). Every coded failure the hub reports is built
 * here, so clients can rely on `extensions.code` and the fields beside it.
 */
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  PURPOSE_REQUIRED: 'PURPOSE_REQUIRED',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  PROCEDURE_VIOLATION: 'PROCEDURE_VIOLATION',
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  /** A subgraph could not be reached or failed; its fields are null, the rest still arrives. */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

type Extra = Record<string, unknown>;

function coded(code: ErrorCode, message: string, extra: Extra = {}, httpStatus?: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, ...extra, ...(httpStatus ? { http: { status: httpStatus } } : {}) },
  });
}

export const errors = {
  unauthenticated: (message: string) => coded(ErrorCode.UNAUTHENTICATED, message, {}, 401),
  forbidden: (message: string, extra: { field?: string; reason: string; purpose?: string | null; article: string }) =>
    coded(ErrorCode.FORBIDDEN, message, extra),
  purposeRequired: (role: string) =>
    coded(ErrorCode.PURPOSE_REQUIRED, `Role ${role} must declare a purpose in the X-Credit-Purpose header (Art. 24).`, {
      article: 'Art. 24',
    }),
  badUserInput: (message: string, extra: Extra = {}) => coded(ErrorCode.BAD_USER_INPUT, message, extra),
  procedureViolation: (message: string, article: string, extra: Extra = {}) =>
    coded(ErrorCode.PROCEDURE_VIOLATION, message, { article, ...extra }),
  limitExceeded: (message: string, extra: { limit: string; max: number; actual: number }) =>
    coded(ErrorCode.LIMIT_EXCEEDED, message, extra),
  subgraphUnavailable: (serviceName: string, message = `The ${serviceName} subgraph is unavailable; its fields are null in this response.`) =>
    coded(ErrorCode.SUBGRAPH_UNAVAILABLE, message, { serviceName }),
};
