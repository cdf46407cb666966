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
  // The request itself (HTTP and GraphQL protocol), as Apollo Server names them where it has a name.
  /** Not a GraphQL request over HTTP: a body that is not a JSON object, a batch, a missing query. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** A body that is not JSON in UTF-8 (Content-Type, charset or Content-Encoding the hub does not read). */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  /**
   * Anything the hub did not expect. Its detail goes to the log only; the caller gets a
   * generic message with the request id to quote (Art. 41, 42: nothing internal leaks).
   */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
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
  /** `actual` is left out only where the size is not known (a body cut off at the limit). */
  limitExceeded: (message: string, extra: { limit: string; max: number; actual?: number }) =>
    coded(ErrorCode.LIMIT_EXCEEDED, message, extra),
  subgraphUnavailable: (serviceName: string, message = `The ${serviceName} subgraph is unavailable; its fields are null in this response.`) =>
    coded(ErrorCode.SUBGRAPH_UNAVAILABLE, message, { serviceName }),
  badRequest: (message: string, httpStatus = 400) => coded(ErrorCode.BAD_REQUEST, message, {}, httpStatus),
  unsupportedMediaType: (message: string) => coded(ErrorCode.UNSUPPORTED_MEDIA_TYPE, message, {}, 415),
  notFound: (message: string) => coded(ErrorCode.NOT_FOUND, message, {}, 404),
  methodNotAllowed: (message: string) => coded(ErrorCode.METHOD_NOT_ALLOWED, message, {}, 405),
  operationResolutionFailure: (message: string) => coded(ErrorCode.OPERATION_RESOLUTION_FAILURE, message, {}, 400),
  /** The one message of an unexpected failure: the request id to quote, nothing of the cause (Art. 42). */
  internal: (requestId: string, extra: Extra = {}) =>
    coded(ErrorCode.INTERNAL_SERVER_ERROR, internalErrorMessage(requestId), { requestId, ...extra }),
};

export const internalErrorMessage = (requestId: string) => `Internal error; quote request id ${requestId}.`;

/** The same error, answered with this HTTP status when it ends the request before execution. */
export function withHttpStatus(error: GraphQLError, status: number): GraphQLError {
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status } } });
}
