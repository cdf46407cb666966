/**
 * Issue #12, findings 3-5 through real HTTP (design §4): development tokens exist only where
 * switched on, for loopback clients, and a production-configured hub refuses them; the
 * hub keys its access log with ids it generates, a caller's X-Request-Id being only a
 * bounded reference; tokens dated ahead or living for years are UNAUTHENTICATED.
 */
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '@credit-hub/schema';
import { createCallerVerifier, DEFAULT_AUDIENCE, DEFAULT_ISSUER, DEV_ISSUER, type CallerClaims } from '@credit-hub/runtime';
import { startGateway, type RunningGateway } from '@credit-hub/gateway';
import { createLocalJWKSet } from 'jose';
import { startHub, type RunningHub } from '../tools/hub.js';
import { postGraphQL, showcaseWith, startTestHub, type TestHub } from './hub.js';

let t: TestHub; // production-shaped: no DEV_TOKENS, NODE_ENV unset
let dev: RunningHub; // development tokens switched on, same databases and keys
let openGateway: RunningGateway | undefined; // development gateway listening on every interface

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OPERATOR = { role: 'PLATFORM_OPERATOR', sector: 'PLATFORM', sub: 'x' };
const PERSON_QUERY = `query($id: ID!) { subject(id: $id) { name idNumber } }`;
const nonLoopbackAddress = Object.values(networkInterfaces()).flat().find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

beforeAll(async () => {
  t = await startTestHub('trust');
  dev = await startHub({ databaseUrls: t.databases.urls, auditUrl: t.databases.auditUrl, ports: 'any', keys: t.hub.keys, devTokens: true, env: {} });
  if (nonLoopbackAddress) {
    openGateway = await startGateway({
      host: '0.0.0.0',
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((info) => [info.name, dev.subgraphs[info.name].url])),
      verifyCaller: createCallerVerifier({ keys: createLocalJWKSet(t.hub.keys.jwks), issuer: [DEFAULT_ISSUER, DEV_ISSUER], audience: DEFAULT_AUDIENCE }),
      devSigningKeys: t.hub.keys,
    });
  }
}, 180_000);
afterAll(async () => {
  await openGateway?.stop();
  await dev?.stop();
  await t?.stop();
});

const base = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, '');
const mint = (origin: string, headers: Record<string, string> = {}) =>
  fetch(`${origin}/playground/token`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(OPERATOR) });
/** A raw request, for what fetch will not send (its own Host header). */
const mintWithHost = (port: number, host: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/playground/token', method: 'POST', headers: { host, 'content-type': 'application/json' } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end(JSON.stringify(OPERATOR));
  });
const codes = (body: { errors?: Array<{ extensions?: Record<string, any> }> }) => (body.errors ?? []).map((error) => error.extensions?.code);

describe('development tokens only where asked for (finding 3)', () => {
  it('mints on a development hub a token that reads a person whole, which a production-configured hub refuses, having no minting route', async () => {
    const person = showcaseWith('PERSON');
    const minted = await mint(base(dev.gateway.url));
    expect(minted.status).toBe(200);
    const { token } = (await minted.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}`, 'x-credit-purpose': 'REGULATORY_SUPERVISION' };
    const onDev = await postGraphQL(dev.gateway.url, PERSON_QUERY, { id: person.id }, headers);
    expect(onDev.body.data!.subject).toEqual({ name: person.name, idNumber: person.idNumber });

    // The same token on a hub configured without development tokens: UNAUTHENTICATED, no data.
    const onProduction = await postGraphQL(t.hub.gateway.url, PERSON_QUERY, { id: person.id }, headers);
    expect(codes(onProduction.body)).toEqual(['UNAUTHENTICATED']);
    expect(onProduction.body.data ?? null).toBeNull();
    const direct = await postGraphQL(t.hub.subgraphs.platform.url, PERSON_QUERY, { id: person.id }, headers);
    expect(codes(direct.body)).toEqual(['UNAUTHENTICATED']);
    // The identity provider's token for the same caller still reads there.
    const provided = await t.headersFor(OPERATOR as CallerClaims, 'REGULATORY_SUPERVISION');
    expect((await t.query(PERSON_QUERY, { id: person.id }, provided)).data!.subject.idNumber).toBe(person.idNumber);

    expect((await mint(base(t.hub.gateway.url))).status).toBe(404);
    const config = (await (await fetch(`${base(t.hub.gateway.url)}/playground/config.json`)).json()) as { devTokens: boolean };
    expect(config.devTokens).toBe(false);
  });

  it('refuses a client that is not on this machine, however it presents itself', async () => {
    const origin = base(dev.gateway.url);
    expect((await mint(origin)).status).toBe(200);
    // Through a proxy, or under a name a web page could rebind.
    expect((await mint(origin, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(403);
    expect(await mintWithHost(dev.gateway.port, `localhost:${dev.gateway.port}`)).toBe(200);
    expect(await mintWithHost(dev.gateway.port, 'credit-hub.example')).toBe(403);
    if (openGateway && nonLoopbackAddress) {
      expect((await mint(`http://127.0.0.1:${openGateway.port}`)).status).toBe(200);
      const remote = await mint(`http://${nonLoopbackAddress}:${openGateway.port}`);
      expect(remote.status).toBe(403);
      expect(JSON.stringify(await remote.json())).not.toContain('eyJ');
    }
  });
});

describe('request ids the hub trusts (finding 4)', () => {
  const rowsOf = (where: Record<string, string>) => t.databases.audit('access_log').where(where).select('subgraph', 'request_id', 'client_request_id');
  const agency = () => t.headersFor({ sub: '11150000MB0MAR000X', role: 'SECTOR_AGENCY', sector: 'MARKET' }, 'PUBLIC_PROCUREMENT');
  const PROFILE = `query($id: ID!) { subject(id: $id) { name registration { status } judgments { id documentNumber } } }`;

  it("keys every subgraph's rows with the id the gateway generated, keeping a safe caller id beside it", async () => {
    const id = showcaseWith('ALL_SECTORS').id;
    const reference = `client-ref:${Date.now()}`;
    const response = await postGraphQL(t.hub.gateway.url, PROFILE, { id }, { ...(await agency()), 'x-request-id': reference });
    const hubId = response.headers.get('x-request-id')!;
    expect(hubId).toMatch(UUID);
    expect(response.headers.get('x-client-request-id')).toBe(reference);
    const rows = await rowsOf({ request_id: hubId });
    expect(new Set(rows.map((row) => row.subgraph))).toEqual(new Set(['platform', 'market', 'courts']));
    for (const row of rows) expect(row.client_request_id).toBe(reference);
    expect(await rowsOf({ request_id: reference })).toEqual([]);
  });

  it('keeps no 10,000-character id and lets no caller reuse another request\'s id as its key', async () => {
    const id = showcaseWith('ALL_SECTORS').id;
    const first = await postGraphQL(t.hub.gateway.url, PROFILE, { id }, await agency());
    const firstId = first.headers.get('x-request-id')!;
    const firstRows = (await rowsOf({ request_id: firstId })).length;
    expect(firstRows).toBeGreaterThan(0);

    const copied = await postGraphQL(t.hub.gateway.url, PROFILE, { id }, { ...(await agency()), 'x-request-id': firstId });
    const copiedId = copied.headers.get('x-request-id')!;
    expect(copiedId).toMatch(UUID);
    expect(copiedId).not.toBe(firstId);
    expect(await rowsOf({ request_id: firstId })).toHaveLength(firstRows);
    expect((await rowsOf({ request_id: copiedId })).every((row) => row.client_request_id === firstId)).toBe(true);

    const long = 'a'.repeat(10_000);
    const bloated = await postGraphQL(t.hub.gateway.url, PROFILE, { id }, { ...(await agency()), 'x-request-id': long });
    const bloatedRows = await rowsOf({ request_id: bloated.headers.get('x-request-id')! });
    expect(bloatedRows.length).toBeGreaterThan(0);
    expect(bloatedRows.every((row) => row.client_request_id === null)).toBe(true);
    const [{ longest }] = (await t.databases.audit('access_log').max({ longest: t.databases.audit.raw('greatest(length(request_id), coalesce(length(client_request_id), 0))') })) as [{ longest: number }];
    expect(longest).toBeLessThanOrEqual(128);
  });

  it('gives a direct caller an id of the subgraph\'s own, its X-Request-Id (even with a forged signature) only as the reference', async () => {
    const id = showcaseWith('ALL_SECTORS').id;
    const reference = `direct-${Date.now()}`;
    await postGraphQL(t.hub.subgraphs.platform.url, `query($id: ID!) { subject(id: $id) { name } }`, { id }, {
      ...(await agency()),
      'x-request-id': reference,
      'x-hub-request-signature': `${Math.floor(Date.now() / 1000)}.${'A'.repeat(43)}`,
    });
    const rows = await rowsOf({ client_request_id: reference });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.request_id).toMatch(UUID);
  });
});

describe('token lifetime bounds through the hub (finding 5)', () => {
  async function signed(iat: number, exp: number) {
    const jwt = await new SignJWT({ role: 'SECTOR_AGENCY', sector: 'COURTS' })
      .setProtectedHeader({ alg: 'ES256', kid: t.hub.keys.privateJwk.kid })
      .setSubject('11150000MB0COU000X')
      .setIssuer(DEFAULT_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(await importJWK(t.hub.keys.privateJwk, 'ES256'));
    return { authorization: `Bearer ${jwt}`, 'x-credit-purpose': 'JUDICIAL_ENFORCEMENT' };
  }

  it('reads with an hour-long token, and refuses one issued a day ahead or valid for 100 years, at the gateway and at a subgraph', async () => {
    const person = showcaseWith('PERSON');
    const now = Math.floor(Date.now() / 1000);
    const good = await postGraphQL(t.hub.gateway.url, PERSON_QUERY, { id: person.id }, await signed(now, now + 3600));
    expect(good.body.data!.subject.idNumber).toBe(person.idNumber);
    for (const headers of [await signed(now + 86400, now + 86400 + 3600), await signed(now, now + 100 * 365 * 86400)]) {
      for (const url of [t.hub.gateway.url, t.hub.subgraphs.platform.url]) {
        const refused = await postGraphQL(url, PERSON_QUERY, { id: person.id }, headers);
        expect(codes(refused.body)).toEqual(['UNAUTHENTICATED']);
        expect(JSON.stringify(refused.body)).not.toContain(person.idNumber!);
      }
    }
  });
});
