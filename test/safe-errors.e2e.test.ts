/**
 * Safe errors everywhere (issue 14, part 4; Art. 41: query rules and secure technical
 * measures; Art. 42: no leak of information), through real HTTP against the gateway and
 * each of the five subgraphs: every bad input is a JSON GraphQL error with its code and a
 * fitting status; no answer holds a stack, a file path, SQL or an internal address; input
 * PostgreSQL cannot take is BAD_USER_INPUT naming the argument; an unexpected failure (a
 * database without its tables, an access log that cannot be written) is a generic message
 * with the request id, and a stopped database never shows its address; production hides
 * field suggestions and describes the schema only to authenticated callers.
 */
import { once } from 'node:events';
import { connect, createServer as createNetServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { createLocalJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SUBGRAPHS, type SubgraphName } from '@credit-hub/schema';
import {
  ConfigError,
  createCallerVerifier,
  createDb,
  ensureDatabase,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  DEFAULT_MAX_REQUEST_BODY_BYTES,
  loadServingEnv,
  startSubgraph,
  withDatabase,
  type CallerClaims,
  type RunningSubgraph,
} from '@credit-hub/runtime';
import { startGateway, type RunningGateway } from '@credit-hub/gateway';
import { startHub, type RunningHub } from '../tools/hub.js';
import { subgraphDefinitions } from '../tools/subgraphs.js';
import { withAuditUnavailable } from './databases.js';
import { NO_RATE_LIMITS, showcaseWith, startTestHub, type TestHub } from './hub.js';
import './provided.js';

type Part = 'gateway' | SubgraphName;
const PARTS: Part[] = ['gateway', ...SUBGRAPHS.map((info) => info.name)];

let t: TestHub; // development, default limit (2 MiB)
let production: RunningHub; // NODE_ENV=production as configuration, 8 KiB bodies, same databases and keys
/**
 * Behind a gateway of its own: market regulation over a database that refuses connections,
 * the courts over a database without their tables (an error nobody coded), finance unreachable.
 */
let stopped: {
  market: RunningSubgraph;
  courts: RunningSubgraph;
  gateway: RunningGateway;
  databasePort: number;
  financePort: number;
  destroy(): Promise<void>;
};

const PRODUCTION_BODY_LIMIT = 8 * 1024;
const SCHEMA_QUERY = '{ __schema { queryType { name } } }';
const DEAD_DATABASE_PASSWORD = 'dead-database-password';

async function closedPort(): Promise<number> {
  const server = createNetServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

beforeAll(async () => {
  t = await startTestHub('safe_errors', { subjects: 60 });
  production = await startHub({
    databaseUrls: t.databases.urls,
    auditUrl: t.databases.auditUrl,
    ports: 'any',
    keys: t.hub.keys,
    serving: { production: true, maxRequestBodyBytes: PRODUCTION_BODY_LIMIT },
    rateLimits: NO_RATE_LIMITS,
    env: {},
  });
  const [databasePort, financePort] = [await closedPort(), await closedPort()];
  const verifyCaller = createCallerVerifier({ keys: createLocalJWKSet(t.hub.keys.jwks), issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE });
  const deadDb = createDb(`postgres://postgres:${DEAD_DATABASE_PASSWORD}@127.0.0.1:${databasePort}/credit_market`);
  const market = await startSubgraph(subgraphDefinitions({ audit: t.databases.audit })['market'], {
    db: deadDb,
    security: { verifyCaller, audit: t.databases.audit },
  });
  const emptyUrl = withDatabase(inject('postgresServerUrl'), `${new URL(t.databases.urls.courts).pathname.slice(1)}_empty`);
  await ensureDatabase(emptyUrl, new URL(emptyUrl).pathname.slice(1));
  const emptyDb = createDb(emptyUrl);
  const courts = await startSubgraph(subgraphDefinitions({ audit: t.databases.audit })['courts'], {
    db: emptyDb,
    security: { verifyCaller, audit: t.databases.audit },
  });
  const gateway = await startGateway({
    verifyCaller,
    rateLimits: NO_RATE_LIMITS,
    subgraphUrls: {
      ...Object.fromEntries(SUBGRAPHS.map((info) => [info.name, t.hub.subgraphs[info.name].url])),
      market: market.url,
      courts: courts.url,
      finance: `http://127.0.0.1:${financePort}/graphql`,
    },
  });
  stopped = {
    market,
    courts,
    gateway,
    databasePort,
    financePort,
    destroy: async () => {
      await gateway.stop();
      await Promise.all([market.stop(), courts.stop()]);
      await Promise.all([deadDb.destroy(), emptyDb.destroy()]);
    },
  };
}, 240_000);
afterAll(async () => {
  await stopped?.destroy();
  await production?.stop();
  await t?.stop();
});

const urlOf = (part: Part, hub: RunningHub = t.hub) => (part === 'gateway' ? hub.gateway.url : hub.subgraphs[part].url);
const baseOf = (url: string) => url.replace(/\/graphql$/, '');

/** The run's PostgreSQL port, every subgraph's and the stopped ones': none may appear in an answer. */
function internalPorts(): number[] {
  const ports = [Number(new URL(inject('postgresServerUrl')).port || 5432)];
  for (const hub of [t.hub, production]) ports.push(...SUBGRAPHS.map((info) => hub.subgraphs[info.name].port));
  if (stopped) ports.push(stopped.databasePort, stopped.financePort, stopped.market.port, stopped.courts.port);
  return ports;
}

const LEAKS: Array<[string, RegExp]> = [
  ['a stack trace', /    at /],
  ['a file path', /\/work|node_modules|\.ts:/],
  ['SQL', /select |SELECT|from "/],
  ['a connection error', /ECONNREFUSED|ECONNRESET|fetch failed/],
  ['a database password', new RegExp(DEAD_DATABASE_PASSWORD)],
];

function expectNothingInternal(text: string): void {
  for (const [what, pattern] of LEAKS) expect(text, `${what} in ${text.slice(0, 500)}`).not.toMatch(pattern);
  for (const port of internalPorts()) {
    for (const host of ['127.0.0.1', 'localhost', '[::1]']) expect(text, `an internal address in ${text.slice(0, 500)}`).not.toContain(`${host}:${port}`);
  }
}

interface Answer {
  status: number;
  text: string;
  headers: Headers;
  body: { data?: any; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, any> }> };
}

/** One request; every answer is checked for what must never be in it, whatever the test asserts next. */
async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  const text = await response.text();
  expectNothingInternal(text);
  expect(response.headers.get('x-powered-by')).toBeNull();
  expect(response.headers.get('content-type'), text.slice(0, 300)).toMatch(/^application\/(graphql-response\+)?json/);
  return { status: response.status, text, headers: response.headers, body: JSON.parse(text) };
}

/** A JSON GraphQL error response with this status and (first) code. */
async function expectError(url: string, init: RequestInit, status: number, code: string): Promise<Answer> {
  const answer = await send(url, init);
  expect(answer.status, answer.text).toBe(status);
  expect(answer.body.errors?.[0], answer.text).toMatchObject({ message: expect.any(String), extensions: { code } });
  return answer;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const post = (body: BodyInit, headers: Record<string, string> = JSON_TYPE): RequestInit => ({ method: 'POST', headers, body });
const graphql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  post(JSON.stringify({ query, variables }), { ...JSON_TYPE, ...headers });

const BAD_BODIES: Array<[string, () => RequestInit, number, string]> = [
  ['malformed JSON', () => post('{"query": "{ __typename }"'), 400, 'BAD_REQUEST'],
  ['a body of null', () => post('null'), 400, 'BAD_REQUEST'],
  ['a bare JSON string', () => post('"{ __typename }"'), 400, 'BAD_REQUEST'],
  ['a bare JSON number', () => post('42'), 400, 'BAD_REQUEST'],
  ['a bare JSON boolean', () => post('true'), 400, 'BAD_REQUEST'],
  ['an array (batching is not served)', () => post('[{"query": "{ __typename }"}]'), 400, 'BAD_REQUEST'],
  ['an empty object', () => post('{}'), 400, 'BAD_REQUEST'],
  ['an empty body', () => post(''), 400, 'BAD_REQUEST'],
  ['a query that is not a string', () => post('{"query": 42}'), 400, 'BAD_REQUEST'],
  ['variables that are not an object', () => post('{"query": "{ __typename }", "variables": "x"}'), 400, 'BAD_REQUEST'],
  ['a query that does not parse', () => post('{"query": "{ subject(id: "}'), 400, 'GRAPHQL_PARSE_FAILED'],
  ['an operationName naming no operation', () => post('{"query": "{ __typename }", "operationName": "Other"}'), 400, 'OPERATION_RESOLUTION_FAILURE'],
  ['an empty operationName', () => post('{"query": "{ __typename }", "operationName": ""}'), 400, 'OPERATION_RESOLUTION_FAILURE'],
  ['two operations and no operationName', () => post('{"query": "query A { __typename } query B { __typename }"}'), 400, 'OPERATION_RESOLUTION_FAILURE'],
  ['an unknown charset', () => post('{"query": "{ __typename }"}', { 'content-type': 'application/json; charset=klingon' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['a charset other than UTF', () => post('{"query": "{ __typename }"}', { 'content-type': 'application/json; charset=latin1' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['an unknown Content-Encoding', () => post('{}', { ...JSON_TYPE, 'content-encoding': 'x-compress-42' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['a gzip body that is not gzip', () => post('not gzip at all', { ...JSON_TYPE, 'content-encoding': 'gzip' }), 400, 'BAD_REQUEST'],
  ['text/plain', () => post('{"query": "{ __typename }"}', { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['a form', () => post('query=%7B__typename%7D', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['application/xml', () => post('<query/>', { 'content-type': 'application/xml' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['no Content-Type', () => ({ method: 'POST', body: new TextEncoder().encode('{"query": "{ __typename }"}') }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['PUT', () => ({ method: 'PUT', headers: JSON_TYPE, body: '{"query": "{ __typename }"}' }), 405, 'METHOD_NOT_ALLOWED'],
  ['DELETE', () => ({ method: 'DELETE' }), 405, 'METHOD_NOT_ALLOWED'],
  ['OPTIONS', () => ({ method: 'OPTIONS' }), 405, 'METHOD_NOT_ALLOWED'],
  ['GET without a query', () => ({ method: 'GET' }), 400, 'BAD_REQUEST'],
];

describe.each(PARTS)('%s: bad requests are coded JSON errors', (part) => {
  it.each(BAD_BODIES)('%s', async (_label, init, status, code) => {
    await expectError(urlOf(part), init(), status, code);
  });

  it('a body over the limit is 413 LIMIT_EXCEEDED naming the limit, the size sent and the maximum', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(3_000_000) } });
    const { body: answer } = await expectError(urlOf(part), post(body), 413, 'LIMIT_EXCEEDED');
    expect(answer.errors![0]!.extensions).toEqual({
      code: 'LIMIT_EXCEEDED',
      limit: 'requestBody.bytes',
      max: DEFAULT_MAX_REQUEST_BODY_BYTES,
      actual: Buffer.byteLength(body),
    });
    expect(answer.errors![0]!.message).toContain(String(DEFAULT_MAX_REQUEST_BODY_BYTES));
  });

  it('a body over the limit is 413 also when its size is not declared (chunked) or it is compressed', async () => {
    const chunk = new TextEncoder().encode(`{"query": "{ __typename }", "variables": { "padding": "${'x'.repeat(3_000_000)}" } }`);
    const chunked = new ReadableStream({
      start(controller) {
        controller.enqueue(chunk);
        controller.close();
      },
    });
    const streamed = await expectError(urlOf(part), { ...post(chunked), duplex: 'half' } as RequestInit, 413, 'LIMIT_EXCEEDED');
    expect(streamed.body.errors![0]!.extensions).toMatchObject({ limit: 'requestBody.bytes', max: DEFAULT_MAX_REQUEST_BODY_BYTES });
    // 3 MB of JSON in a few KB of gzip: the limit is on what it inflates to.
    const compressed = gzipSync(chunk);
    expect(compressed.length).toBeLessThan(DEFAULT_MAX_REQUEST_BODY_BYTES);
    const inflated = await expectError(urlOf(part), post(compressed, { ...JSON_TYPE, 'content-encoding': 'gzip' }), 413, 'LIMIT_EXCEEDED');
    expect(inflated.body.errors![0]!.extensions).toMatchObject({ limit: 'requestBody.bytes', max: DEFAULT_MAX_REQUEST_BODY_BYTES });
  });

  it('unknown routes are 404 NOT_FOUND and other methods on the health routes 405, as JSON', async () => {
    const base = baseOf(urlOf(part));
    await expectError(`${base}/no-such-route`, {}, 404, 'NOT_FOUND');
    await expectError(`${base}/graphq`, post('{"query": "{ __typename }"}'), 404, 'NOT_FOUND');
    const health = await expectError(`${base}/healthz`, { method: 'POST' }, 405, 'METHOD_NOT_ALLOWED');
    expect(health.headers.get('allow')).toContain('GET');
    await expectError(`${base}/readyz`, { method: 'DELETE' }, 405, 'METHOD_NOT_ALLOWED');
  });

  it('malformed HTTP and oversized headers are answered as JSON too, before express', async () => {
    const { port } = new URL(urlOf(part));
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.end(request));
        let text = '';
        socket.setEncoding('utf8').on('data', (chunk) => (text += chunk)).on('end', () => resolve(text)).on('error', reject);
      });
    for (const [request, status, code] of [
      ['GET /graphql HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n', 400, 'BAD_REQUEST'],
      [`GET /graphql HTTP/1.1\r\nHost: x\r\nX-Big: ${'y'.repeat(20_000)}\r\n\r\n`, 431, 'LIMIT_EXCEEDED'],
    ] as const) {
      const answer = await raw(request);
      expect(answer, answer).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(answer.toLowerCase()).toContain('content-type: application/json');
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
      expect(body.errors[0].extensions.code).toBe(code);
    }
  });
});

/** A public field with a string argument, in each part (the gateway takes any). */
const STRING_ARGUMENTS: Record<SubgraphName, { query: string; field: string; argument: string }> = {
  platform: { query: 'query($v: String!) { searchSubjects(name: $v) { id } }', field: 'searchSubjects', argument: 'name' },
  courts: { query: 'query($v: String!) { judgment(documentNumber: $v) { documentNumber } }', field: 'judgment', argument: 'documentNumber' },
  market: { query: 'query($v: String!) { administrativePenalty(decisionNumber: $v) { decisionNumber } }', field: 'administrativePenalty', argument: 'decisionNumber' },
  'social-security': { query: 'query($v: String!) { wageArrearsCase(caseNumber: $v) { caseNumber } }', field: 'wageArrearsCase', argument: 'caseNumber' },
  finance: { query: 'query($v: String!) { governmentContract(contractNumber: $v) { contractNumber } }', field: 'governmentContract', argument: 'contractNumber' },
};

const MARKET_AGENCY: CallerClaims = { sub: '11150000MB0000000M', role: 'SECTOR_AGENCY', sector: 'MARKET' };
const REPAIR_NOTICE = 'mutation($input: RepairNotice!) { acknowledgeRepair(input: $input) { repairId status } }';
/** A mutation with text input in each subgraph: the query, its variables holding `text`, the argument named. */
const TEXT_INPUTS: Record<SubgraphName, (text: string) => { query: string; variables: Record<string, unknown>; argument: string; claims?: CallerClaims; purpose?: string }> = {
  platform: (text) => ({
    query: 'mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id } }',
    variables: { input: { dishonestyRecordId: '1', ground: 'INACCURATE', statement: `记录有误${text}` } },
    argument: 'input.statement',
    claims: { sub: showcaseWith('ALL_SECTORS').id, role: 'CREDIT_SUBJECT' },
  }),
  courts: (text) => ({
    query: 'mutation($input: ListDebtorInput!) { listDishonestJudgmentDebtor(input: $input) { id } }',
    variables: { input: { caseNumber: '（2024）内01执1号', obligation: '给付', performance: 'NOT_PERFORMED', circumstances: `转移财产${text}` } },
    argument: 'input.circumstances',
  }),
  market: (text) => ({
    query: 'mutation($id: ID!, $reason: String!) { enterAbnormalOperations(subjectId: $id, reason: $reason) { id } }',
    variables: { id: showcaseWith('CLEAN').id, reason: `未按规定报送年度报告${text}` },
    argument: 'reason',
    claims: MARKET_AGENCY,
    purpose: 'REGULATORY_SUPERVISION',
  }),
  'social-security': (text) => ({
    query: REPAIR_NOTICE,
    variables: { input: { repairId: '1', subjectId: showcaseWith('CLEAN').id, basisDocumentNumber: `号${text}` } },
    argument: 'input.basisDocumentNumber',
  }),
  finance: (text) => ({
    query: REPAIR_NOTICE,
    variables: { input: { repairId: '1', subjectId: showcaseWith('CLEAN').id, basisDocumentNumber: `号${text}` } },
    argument: 'input.basisDocumentNumber',
  }),
};

const UNSTORABLE: Array<[string, string, string]> = [
  ['a NUL byte', 'a\u0000b', 'NUL_CHARACTER'],
  ['a lone surrogate', 'a\uD800b', 'LONE_SURROGATE'],
];

describe('input PostgreSQL cannot take is BAD_USER_INPUT naming the argument, never a database error', () => {
  describe.each(SUBGRAPHS.map((info) => info.name))('%s', (name) => {
    const { query, field, argument } = STRING_ARGUMENTS[name];

    it.each(UNSTORABLE)('%s in a string argument, as a variable, directly and through the gateway', async (_label, text, problem) => {
      for (const url of [t.hub.gateway.url, t.hub.subgraphs[name].url]) {
        const { body } = await expectError(url, graphql(query, { v: text }), 400, 'BAD_USER_INPUT');
        expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument, field, problem });
        expect(body.errors![0]!.message).toContain(argument);
      }
    });

    it('a NUL byte in a string literal of the query', async () => {
      const literal = query.replace(/^query\(\$v: String!\) /, '').replace('$v', '"a\\u0000b"');
      for (const url of [t.hub.gateway.url, t.hub.subgraphs[name].url]) {
        const { body } = await expectError(url, graphql(literal), 400, 'BAD_USER_INPUT');
        expect(body.errors![0]!.extensions).toMatchObject({ argument, field, problem: 'NUL_CHARACTER' });
      }
    });

    it.each(UNSTORABLE)('%s in the text input of a mutation', async (_label, text, problem) => {
      const input = TEXT_INPUTS[name](text);
      const headers = input.claims ? await t.headersFor(input.claims, input.purpose) : {};
      const urls = name === 'social-security' || name === 'finance' ? [t.hub.subgraphs[name].url] : [t.hub.gateway.url, t.hub.subgraphs[name].url];
      for (const url of urls) {
        const { body } = await expectError(url, graphql(input.query, input.variables, headers), 400, 'BAD_USER_INPUT');
        expect(body.errors![0]!.extensions).toMatchObject({ argument: input.argument, problem });
      }
    });

    it('a NUL byte in an _entities representation', async () => {
      const { body } = await expectError(
        t.hub.subgraphs[name].url,
        graphql('query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { r: [{ __typename: 'Subject', id: 'a\u0000b' }] }),
        400,
        'BAD_USER_INPUT',
      );
      expect(body.errors![0]!.extensions).toMatchObject({ argument: 'representations[0].id', field: '_entities', problem: 'NUL_CHARACTER' });
    });
  });

  it('text PostgreSQL refuses for its column type (SQLSTATE 22P02) is BAD_USER_INPUT too: the second line', async () => {
    const self = await t.headersFor({ sub: showcaseWith('ALL_SECTORS').id, role: 'CREDIT_SUBJECT' });
    for (const url of [t.hub.gateway.url, t.hub.subgraphs.platform.url]) {
      const { status, body, text } = await send(url, graphql('mutation { revokeAuthorisation(id: "not-a-number") { id } }', {}, self));
      expect(status, text).toBe(200);
      expect(body.errors![0]!.extensions, text).toMatchObject({ code: 'BAD_USER_INPUT', problem: 'INVALID_TEXT_REPRESENTATION' });
      expect(body.errors![0]!.message).toMatch(/^revokeAuthorisation: /);
    }
  });
});

describe('an unexpected failure is a generic message with the request id; the cause goes to the log', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const JUDGMENT = '{ judgment(documentNumber: "（2024）内01民初1号") { documentNumber } }';
  const PENALTY = '{ administrativePenalty(decisionNumber: "呼市监处罚〔2024〕1号") { decisionNumber } }';

  it('an error nobody coded (a database without its tables), through the gateway: INTERNAL_SERVER_ERROR quoting the X-Request-Id', async () => {
    const answer = await send(stopped.gateway.url, graphql(JUDGMENT));
    const requestId = answer.headers.get('x-request-id')!;
    expect(requestId).toMatch(UUID);
    expect(answer.body.errors, answer.text).toEqual([
      {
        message: `Internal error; quote request id ${requestId}.`,
        path: ['judgment'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId, serviceName: 'courts' },
      },
    ]);
    expect(answer.text).not.toMatch(/relation|does not exist|judgments/);
  });

  it('the same error at the subgraph itself: the generic message with its own request id', async () => {
    const answer = await send(stopped.courts.url, graphql(JUDGMENT));
    const error = answer.body.errors![0]!;
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: expect.stringMatching(UUID) });
    expect(error.message).toBe(`Internal error; quote request id ${error.extensions!.requestId}.`);
    expect(answer.text).not.toMatch(/relation|does not exist|judgments/);
  });

  it("an access log that cannot be written: the gateway answers the subgraph's refusal with its own request id, and no data", async () => {
    const body = showcaseWith('GOVERNMENT_OVERDUE');
    const answer = await withAuditUnavailable(t.databases.audit, () =>
      send(t.hub.gateway.url, graphql('{ governmentIntegrity(first: 5) { agency { id name } overdueAmount } }')),
    );
    const requestId = answer.headers.get('x-request-id')!;
    expect(answer.body.errors?.length, answer.text).toBeGreaterThan(0);
    for (const error of answer.body.errors!) {
      expect(error).toMatchObject({ message: `Internal error; quote request id ${requestId}.`, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } });
    }
    expect(answer.text).not.toContain(body.name);
  });

  it('a stopped database is SUBGRAPH_UNAVAILABLE of its subgraph, never its address, through the gateway or at the subgraph', async () => {
    // The subgraph's own answer to a database it cannot reach (safeApolloOptions' ownAnswer), before the generic rule.
    for (const url of [stopped.gateway.url, stopped.market.url]) {
      const answer = await send(url, graphql(PENALTY));
      expect(answer.body.errors, answer.text).toEqual([
        expect.objectContaining({ path: ['administrativePenalty'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'market' } }),
      ]);
    }
  });

  it('an unreachable subgraph stays SUBGRAPH_UNAVAILABLE naming the service, without its address', async () => {
    const answer = await send(stopped.gateway.url, graphql('{ governmentContract(contractNumber: "x") { contractNumber } }'));
    expect(answer.body.errors![0]!.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'finance' });
  });

  it('/readyz names what is not ready in a few words, without addresses', async () => {
    const answer = await send(`${baseOf(stopped.gateway.url)}/readyz`);
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({
      ready: false,
      subgraphs: { market: { ready: false, reason: 'database unreachable' }, finance: { ready: false, reason: 'unreachable' }, platform: { ready: true } },
    });
  });
});

describe('production: no field suggestions, the schema only for authenticated callers', () => {
  const TYPOS: Record<Part, string> = {
    gateway: '{ subjec(id: "x") { id } }',
    platform: '{ subjec(id: "x") { id } }',
    courts: '{ judgmen(documentNumber: "x") { id } }',
    market: '{ administrativePenalt(decisionNumber: "x") { id } }',
    'social-security': '{ wageArrearsCas(caseNumber: "x") { id } }',
    finance: '{ governmentContrac(contractNumber: "x") { id } }',
  };
  const SCHEMA = SCHEMA_QUERY;

  it.each(PARTS)('%s hides "Did you mean" in production and shows it in development', async (part) => {
    const developed = await expectError(urlOf(part), graphql(TYPOS[part]), 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(developed.body.errors![0]!.message).toMatch(/Did you mean/);
    const produced = await expectError(urlOf(part, production), graphql(TYPOS[part]), 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(produced.body.errors![0]!.message).toMatch(/^Cannot query field "\w+" on type "Query"\.$/);
    // An enum value mistyped in the variables: graphql-js suggests the value it expected.
    const enumTypo = (hub: RunningHub) =>
      expectError(
        urlOf(part, hub),
        graphql('mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id } }', { input: { ground: 'INACCURAT', statement: 'x' } }),
        400,
        part === 'gateway' || part === 'platform' ? 'BAD_USER_INPUT' : 'GRAPHQL_VALIDATION_FAILED',
      );
    if (part === 'gateway' || part === 'platform') expect((await enumTypo(t.hub)).body.errors![0]!.message).toMatch(/Did you mean the enum value "INACCURATE"\?/);
    expect((await enumTypo(production)).text).not.toMatch(/Did you mean/);
  });

  it.each(PARTS)('%s refuses public introspection in production with a coded error, and serves it with a token', async (part) => {
    const url = urlOf(part, production);
    const refusals = [SCHEMA, '{ __type(name: "Query") { name } }', ...(part === 'gateway' ? [] : ['{ _service { sdl } }'])];
    for (const query of refusals) {
      const { body } = await expectError(url, graphql(query), 403, 'FORBIDDEN');
      expect(body.errors![0]!.extensions).toMatchObject({ reason: 'INTROSPECTION_NOT_PUBLIC', article: 'Art. 41' });
      expect(body.data).toBeUndefined();
    }
    expect((await send(url, graphql('{ __typename }'))).body.data).toEqual({ __typename: 'Query' });
    const authenticated = await send(url, graphql(SCHEMA, {}, await t.headersFor({ sub: showcaseWith('PERSON').id, role: 'CREDIT_SUBJECT' })));
    expect(authenticated.body, authenticated.text).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it.each(PARTS)('%s in development introspects for anyone (the playground)', async (part) => {
    expect((await send(urlOf(part), graphql(SCHEMA))).body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it.each(PARTS)('%s takes its body limit from the configuration', async (part) => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(PRODUCTION_BODY_LIMIT) } });
    const { body: answer } = await expectError(urlOf(part, production), post(body), 413, 'LIMIT_EXCEEDED');
    expect(answer.errors![0]!.extensions).toMatchObject({ max: PRODUCTION_BODY_LIMIT, actual: Buffer.byteLength(body) });
    expect((await send(urlOf(part, production), graphql('{ __typename }'))).status).toBe(200);
  });

  it('reads MAX_REQUEST_BODY_BYTES and NODE_ENV once, with zod', () => {
    expect(loadServingEnv('test', {})).toEqual({ production: false, maxRequestBodyBytes: 2 * 1024 * 1024 });
    expect(loadServingEnv('test', { NODE_ENV: 'production', MAX_REQUEST_BODY_BYTES: '65536' })).toEqual({ production: true, maxRequestBodyBytes: 65536 });
    for (const wrong of ['lots', '10', '-1', '1.5']) expect(() => loadServingEnv('test', { MAX_REQUEST_BODY_BYTES: wrong })).toThrow(ConfigError);
  });
});

describe('random requests (property): never a 5xx, always JSON, nothing internal', () => {
  const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 80 });
  /** Paths that serve pages to people (the playground, reports, the redirect to them) and /readyz are left out. */
  const pageOrReadiness = (path: string) =>
    !URL.canParse(`http://x${path}`) || /^\/*(?:$|playground|report|readyz)/i.test(new URL(`http://x${path}`).pathname);
  const request = fc.record({
    part: fc.constantFrom(...PARTS),
    hub: fc.constantFrom('development', 'production'),
    // Weighted towards what reaches GraphQL: a POST of JSON to /graphql.
    method: fc.oneof({ arbitrary: fc.constant('POST'), weight: 6 }, fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS')),
    path: fc
      .oneof({ arbitrary: fc.constant('/graphql'), weight: 8 }, fc.constantFrom('/healthz', '/nope', '/graphql/x'), fc.webPath())
      .filter((path) => !pageOrReadiness(path)),
    search: fc.constantFrom('', '', '?query=%7B__typename%7D', '?query=%7B', '?query=', '?variables=%7B%7D&query=%7B__schema%7BqueryType%7Bname%7D%7D%7D'),
    contentType: fc.option(
      fc.oneof(
        { arbitrary: fc.constant('application/json'), weight: 6 },
        fc.constantFrom(
          'application/json',
          'application/json; charset=utf-8',
          'application/json; charset=utf-16le',
          'application/json; charset=klingon',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/graphql',
        ),
        headerText,
      ),
    ),
    contentEncoding: fc.oneof({ arbitrary: fc.constant(null), weight: 6 }, fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown')),
    headers: fc.oneof({ arbitrary: fc.constant({}), weight: 2 }, fc.dictionary(
      fc.constantFrom('authorization', 'x-credit-purpose', 'x-request-id', 'apollo-require-preflight', 'accept', 'x-hub-request-signature'),
      fc.oneof(headerText, fc.constantFrom('Bearer x.y.z', 'application/graphql-response+json', 'text/html', 'JOINT_PUNISHMENT')),
      { maxKeys: 4 },
    )),
    body: fc.oneof(
      fc.json(),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.string(),
      fc.uint8Array({ maxLength: 256 }),
      {
        weight: 4,
        arbitrary: fc
          .record({
            query: fc.oneof(
              fc.string(),
              fc.constantFrom(
                '{ __typename }',
                '{ subject(id: "x") { id name } }',
                SCHEMA_QUERY,
                '{ searchSubjects(name: "\\u0000") { id } }',
                'query($v: String!) { searchSubjects(name: $v) { id name } }',
                'query($v: String!) { judgment(documentNumber: $v) { documentNumber } }',
                'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
                'mutation($v: ID!) { revokeAuthorisation(id: $v) { id } }',
              ),
            ),
            variables: fc.option(fc.oneof(fc.record({ v: fc.string({ unit: 'binary' }) }), fc.record({ r: fc.array(fc.jsonValue()) }), fc.jsonValue())),
            operationName: fc.option(fc.string()),
          })
          .map((body) => JSON.stringify(body)),
      },
    ),
  });

  it('holds for 100 random requests to the gateway and the subgraphs', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const hub = r.hub === 'production' ? production : t.hub;
        const url = `${baseOf(urlOf(r.part, hub))}${r.path}${r.search}`;
        const headers: Record<string, string> = { ...r.headers };
        if (r.contentType !== null) headers['content-type'] = r.contentType;
        if (r.contentEncoding !== null) headers['content-encoding'] = r.contentEncoding;
        const withBody = r.method !== 'GET';
        const answer = await send(url, { method: r.method, headers, ...(withBody ? { body: r.body } : {}) });
        expect(answer.status, answer.text).toBeLessThan(500);
        if (answer.status >= 400) expect(answer.body.errors?.[0]?.extensions?.code, answer.text).toEqual(expect.any(String));
      }),
      { numRuns: 100, interruptAfterTimeLimit: 90_000 },
    );
  }, 120_000);
});
