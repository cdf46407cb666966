/**
 * Safe errors everywhere (Art. 41: secure technical measures; Art. 42: no leak of
 * information). The one implementation the gateway and every subgraph are served with:
 *
 * - Every failure is a JSON GraphQL response `{ "errors": [{ "message", "extensions":
 *   { "code" } }] }` with a fitting HTTP status, whatever failed: the HTTP of the socket
 *   (clientError), the body (not JSON, not one object, a Content-Type, charset or
 *   Content-Encoding the hub does not read, over the size limit), the route, the method,
 *   or the operation. Express's own error page (HTML with a stack and file paths) is never
 *   reached.
 * - No stack trace, file path, SQL text or internal address reaches a caller, in any mode:
 *   an error with no known code (or INTERNAL_SERVER_ERROR) is answered "Internal error;
 *   quote request id <id>." and its detail goes to the log under that id.
 * - Errors with a known code (FORBIDDEN, BAD_USER_INPUT, SUBGRAPH_UNAVAILABLE, …) pass
 *   unchanged, except that production hides field suggestions ("Did you mean …?").
 * - Input PostgreSQL refuses (its data exception codes) is BAD_USER_INPUT, never the SQL.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { maxHeaderSize, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { unwrapResolverError } from '@apollo/server/errors';
import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler, type Response } from 'express';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { ErrorCode, errors, internalErrorMessage, withHttpStatus } from '@credit-hub/schema';
import type { ServingSettings } from './env.js';
import type { Caller } from './identity.js';
import type { Logger } from './logger.js';
import { introspectionGuard, operationResolutionGuard, storableTextGuard } from './operation-guards.js';
import { REQUEST_REFERENCE_PATTERN } from './request-ids.js';

/** The ids of one request: the hub's key, and the caller's own reference beside it (request-ids.ts). */
export interface RequestIds {
  requestId: string;
  clientRequestId?: string;
}

/** Decides the request's ids before anything can fail, so every answer, an error too, can name its id. */
export function assignRequestIds(idsOf: (req: Request) => RequestIds): RequestHandler {
  return (req, res, next) => {
    res.locals.requestIds = idsOf(req);
    next();
  };
}

export function assignedRequestIds(res: Response): RequestIds | undefined {
  return res.locals.requestIds as RequestIds | undefined;
}

/** The request id formatError quotes: Apollo calls formatError without the context. */
const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** Runs Apollo's middleware with the request's id in scope (after the body is read, so nothing loses the scope). */
export function withinRequestScope(handler: RequestHandler): RequestHandler {
  return (req, res, next) => requestScope.run({ requestId: assignedRequestIds(res)?.requestId ?? randomUUID() }, () => handler(req, res, next));
}

/** Express, without what tells a stranger about the server (Art. 41). */
export function hardenApp(app: Express): void {
  app.disable('x-powered-by');
  // A second line: should an error ever reach express's own handler, it shows no stack.
  app.set('env', 'production');
}

/** Codes whose errors pass unchanged: the hub's own list, the protocol's included; never INTERNAL_SERVER_ERROR. */
const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR));

/** graphql-js's suggestions name fields, arguments, types and enum values the caller did not ask for. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export const withoutSuggestions = (message: string) => message.replace(SUGGESTION, '');

/**
 * PostgreSQL's data exceptions a caller's value can cause (SQLSTATE class 22): answered as
 * BAD_USER_INPUT, the second line behind storableTextGuard (operation-guards.ts).
 */
const DATABASE_INPUT_PROBLEMS: Record<string, { problem: string; what: string }> = {
  '22021': { problem: 'CHARACTER_NOT_STORABLE', what: 'a character the database cannot store' },
  '22P05': { problem: 'CHARACTER_NOT_STORABLE', what: 'a character the database cannot store' },
  '22P02': { problem: 'INVALID_TEXT_REPRESENTATION', what: 'text where a number, date or identifier was expected' },
  '22003': { problem: 'NUMBER_OUT_OF_RANGE', what: 'a number out of range' },
  '22007': { problem: 'INVALID_DATE', what: 'a malformed date or time' },
  '22008': { problem: 'INVALID_DATE', what: 'a date or time out of range' },
  '22001': { problem: 'TEXT_TOO_LONG', what: 'text longer than the database holds' },
  '22025': { problem: 'INVALID_ESCAPE', what: 'an escape sequence the database refuses' },
  '2201B': { problem: 'INVALID_PATTERN', what: 'a pattern the database refuses' },
};

function databaseInputProblem(error: unknown) {
  if (!(error instanceof Error) || !('severity' in error) || !('code' in error) || typeof error.code !== 'string') return undefined;
  return DATABASE_INPUT_PROBLEMS[error.code];
}

const SERVICE_NAME = /^[a-z][a-z-]{0,39}$/;

/**
 * An answer a part gives itself to an error it knows better than the generic rule (say, a
 * database that cannot be reached, as the subgraph's own coded error); undefined leaves the
 * error to the rules below. What it returns is sent as it is: it must be coded and safe.
 */
export type OwnAnswer = (original: unknown, formatted: GraphQLFormattedError) => GraphQLFormattedError | undefined;

/**
 * Apollo Server's formatError for the gateway and every subgraph. It receives the error
 * as Apollo formatted it and the original; the detail of what it hides goes to `log`.
 */
export function safeFormatError(settings: Pick<ServingSettings, 'production'>, log: Logger, ownAnswer?: OwnAnswer) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const own = ownAnswer?.(original, formatted);
    if (own) return own;
    const extensions = formatted.extensions ?? {};
    const code = extensions.code;
    const requestId = requestScope.getStore()?.requestId ?? randomUUID();
    const serviceName = typeof extensions.serviceName === 'string' && SERVICE_NAME.test(extensions.serviceName) ? extensions.serviceName : undefined;
    const where = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };

    const refused = databaseInputProblem(original);
    if (refused) {
      log.warn({ requestId, err: original, path: formatted.path }, 'the database refused a value of the request');
      const field = [...(formatted.path ?? [])].reverse().find((step) => typeof step === 'string');
      return {
        message: `${field ? `${field}: ` : ''}the request holds ${refused.what}; check the arguments.`,
        ...where,
        extensions: { code: ErrorCode.BAD_USER_INPUT, problem: refused.problem },
      };
    }

    if (typeof code !== 'string' || !KNOWN_CODES.has(code)) {
      // A subgraph's generic answer carries its own id; the log keeps it beside ours.
      const downstreamRequestId =
        typeof extensions.requestId === 'string' && REQUEST_REFERENCE_PATTERN.test(extensions.requestId) ? extensions.requestId : undefined;
      log.error(
        { requestId, err: original, code, path: formatted.path, serviceName, downstreamRequestId },
        'unexpected error: the caller gets a generic message with the request id',
      );
      return {
        message: internalErrorMessage(requestId),
        ...where,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId, ...(serviceName ? { serviceName } : {}) },
      };
    }

    const { stacktrace: _stacktrace, exception: _exception, ...kept } = extensions;
    return { ...formatted, message: settings.production ? withoutSuggestions(formatted.message) : formatted.message, extensions: kept };
  };
}

/**
 * What ApolloServer is given by the gateway and by every subgraph: the formatError above,
 * no stack traces in any mode, and the operation guards. Introspection is switched on for
 * Apollo and decided per caller by introspectionGuard, so NODE_ENV in process.env decides
 * nothing behind the configuration's back.
 */
export function safeApolloOptions<C extends object>(
  settings: ServingSettings,
  log: Logger,
  callerOf: (context: C) => Caller | undefined,
  ownAnswer?: OwnAnswer,
) {
  return {
    formatError: safeFormatError(settings, log, ownAnswer),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    plugins: [operationResolutionGuard<C>(), storableTextGuard<C>(), introspectionGuard<C>(settings, callerOf)],
  };
}

/** Writes a coded error as the JSON GraphQL response, with the status its `http` extension names. */
export function sendError(res: Response, error: GraphQLError): void {
  const { http, ...extensions } = error.extensions as { http?: { status?: number } } & Record<string, unknown>;
  res
    .status(http?.status ?? 500)
    .type('application/json')
    .set('cache-control', 'no-store')
    .send(JSON.stringify({ errors: [{ message: error.message, extensions }] }));
}

const describeValue = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`);

/**
 * What /graphql accepts before Apollo sees it: GET or POST; a POST as one JSON object in
 * UTF-8 (Content-Type application/json), of at most `maxRequestBodyBytes` bytes once any
 * Content-Encoding is undone. Anything else is a coded 4xx, never express's page or a 500.
 */
export function graphqlRequestGuard(settings: Pick<ServingSettings, 'maxRequestBodyBytes'>): RequestHandler[] {
  return [
    (req, res, next) => {
      if (req.method !== 'GET' && req.method !== 'POST') {
        res.set('allow', 'GET, POST');
        return sendError(res, errors.methodNotAllowed(`${req.method} is not served here: send the operation with POST (or a query with GET).`));
      }
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (req.method === 'POST' && type !== 'application/json') {
        return sendError(res, errors.unsupportedMediaType('Send the operation as a JSON object with Content-Type: application/json.'));
      }
      next();
    },
    express.json({ limit: settings.maxRequestBodyBytes, strict: false }),
    (req, res, next) => {
      if (req.method !== 'POST') return next();
      const body: unknown = req.body;
      if (body === undefined) return sendError(res, errors.badRequest('The request has no body: send { "query": "…", "variables": { … } }.'));
      if (Array.isArray(body)) {
        return sendError(res, errors.badRequest('Batched operations are not served: send one JSON object { "query": "…" } per request.'));
      }
      if (body === null || typeof body !== 'object') {
        return sendError(res, errors.badRequest(`The request body must be a JSON object { "query": "…", "variables": { … } }, not ${describeValue(body)}.`));
      }
      next();
    },
  ];
}

/** A 405 for a route that exists with other methods. */
export function methodNotAllowed(allow: string): RequestHandler {
  return (req, res) => {
    res.set('allow', allow);
    sendError(res, errors.methodNotAllowed(`${req.method} is not served at this path (allowed: ${allow}).`));
  };
}

/** The error the body parser (or anything before Apollo) stopped on, as the caller may read it. */
function requestError(error: unknown): GraphQLError | undefined {
  const failure = error as { type?: unknown; status?: unknown; statusCode?: unknown; expose?: unknown; limit?: unknown; length?: unknown; received?: unknown };
  switch (failure.type) {
    case 'entity.too.large': {
      const max = Number(failure.limit);
      const declared = typeof failure.length === 'number' && Number.isFinite(failure.length) ? failure.length : undefined;
      return withHttpStatus(
        errors.limitExceeded(
          declared === undefined
            ? `The request body is over the limit of ${max} bytes.`
            : `The request body has ${declared} bytes; at most ${max} bytes are read.`,
          { limit: 'requestBody.bytes', max, ...(declared === undefined ? {} : { actual: declared }) },
        ),
        413,
      );
    }
    case 'entity.parse.failed':
      return errors.badRequest('The request body is not valid JSON.');
    case 'charset.unsupported':
      return errors.unsupportedMediaType('The request body must be JSON in UTF-8: its charset is not one the hub reads.');
    case 'encoding.unsupported':
      return errors.unsupportedMediaType('The request body has a Content-Encoding the hub does not read: send it as identity, gzip, deflate or br.');
  }
  const status = Number(failure.status ?? failure.statusCode);
  // http-errors marks what a client caused as `expose`; its message is still not echoed.
  if (failure.expose === true && status >= 400 && status < 500) return errors.badRequest('The request body could not be read.', status);
  return undefined;
}

/**
 * The end of every express app of the hub: a JSON 404 for any other path, and the error
 * handler that answers what a middleware or route stopped on. Unexpected errors are logged
 * with the request id; the caller gets the id only.
 */
export function answerWithJsonErrors(app: Express, log: Logger): void {
  app.use((_req, res) => sendError(res, errors.notFound('Nothing is served at this path; GraphQL is at /graphql.')));
  const handler: ErrorRequestHandler = (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const requestId = assignedRequestIds(res)?.requestId ?? randomUUID();
    res.setHeader('x-request-id', requestId);
    const known = requestError(error);
    if (known) return sendError(res, known);
    log.error({ requestId, err: error }, 'unexpected error before the operation: the caller gets a generic message with the request id');
    sendError(res, errors.internal(requestId));
  };
  app.use(handler);
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/**
 * What Node's HTTP parser refuses before express sees it (malformed HTTP, headers too
 * large, a request that never finished) is a JSON answer too, not a bare status line.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    let status = 400;
    let body: { message: string; extensions: Record<string, unknown> } = {
      message: 'The request is not well-formed HTTP.',
      extensions: { code: ErrorCode.BAD_REQUEST },
    };
    if (error.code === 'HPE_HEADER_OVERFLOW') {
      status = 431;
      const max = maxHeaderSize; // the servers here keep Node's default
      body = { message: `The request headers are over the limit of ${max} bytes.`, extensions: { code: ErrorCode.LIMIT_EXCEEDED, limit: 'requestHeaders.bytes', max } };
    } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      status = 408;
      body = { message: 'The request did not arrive in time.', extensions: { code: ErrorCode.BAD_REQUEST } };
    }
    const text = JSON.stringify({ errors: [body] });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
    );
  });
}
