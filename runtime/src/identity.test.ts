/**
 * Token hygiene (design §4, Art. 41): a token dated ahead of the clock or living longer
 * than the configured maximum is UNAUTHENTICATED, however good its signature.
 */
import { createLocalJWKSet, importJWK, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createCallerVerifier, DEFAULT_AUDIENCE, DEFAULT_ISSUER, DEV_ISSUER, verifierSettings } from './identity.js';
import { loadAuthEnv, ConfigError } from './env.js';
import { createSigningKeys, type SigningKeys } from './keys.js';

const keys: SigningKeys = await createSigningKeys('identity-test');
const now = () => Math.floor(Date.now() / 1000);

async function token(times: { iat?: number; exp: number }, issuer = DEFAULT_ISSUER) {
  const jwt = new SignJWT({ role: 'SECTOR_AGENCY', sector: 'MARKET' })
    .setProtectedHeader({ alg: 'ES256', kid: keys.privateJwk.kid })
    .setSubject('11150000MB0000000M')
    .setIssuer(issuer)
    .setAudience(DEFAULT_AUDIENCE)
    .setExpirationTime(times.exp);
  if (times.iat !== undefined) jwt.setIssuedAt(times.iat);
  return `Bearer ${await jwt.sign(await importJWK(keys.privateJwk, 'ES256'))}`;
}

const verify = createCallerVerifier({ keys: createLocalJWKSet(keys.jwks), issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE });
const codeOf = (promise: Promise<unknown>) => promise.then(() => 'OK', (error: { extensions?: { code?: string } }) => error.extensions?.code);

describe('token lifetime bounds (issue #12 finding 5)', () => {
  it('accepts an hour-long token issued now, and one issued within the clock skew ahead', async () => {
    expect(await verify(await token({ iat: now(), exp: now() + 3600 }))).toMatchObject({ role: 'SECTOR_AGENCY', sector: 'MARKET' });
    expect(await codeOf(verify(await token({ iat: now() + 30, exp: now() + 3600 })))).toBe('OK');
  });

  it('refuses a token issued a day in the future', async () => {
    const answer = verify(await token({ iat: now() + 86400, exp: now() + 86400 + 3600 }));
    expect(await codeOf(answer)).toBe('UNAUTHENTICATED');
  });

  it('refuses a token valid for 100 years, and one of 13 hours against the default 12, but not one of 12', async () => {
    expect(await codeOf(verify(await token({ iat: now(), exp: now() + 100 * 365 * 86400 })))).toBe('UNAUTHENTICATED');
    expect(await codeOf(verify(await token({ iat: now(), exp: now() + 13 * 3600 })))).toBe('UNAUTHENTICATED');
    expect(await codeOf(verify(await token({ iat: now(), exp: now() + 12 * 3600 })))).toBe('OK');
  });

  it('refuses a token without iat: its lifetime cannot be told', async () => {
    expect(await codeOf(verify(await token({ exp: now() + 600 })))).toBe('UNAUTHENTICATED');
  });

  it('takes the maximum from AUTH_MAX_TOKEN_LIFETIME_HOURS', async () => {
    const auth = loadAuthEnv('test', { AUTH_MAX_TOKEN_LIFETIME_HOURS: '1' });
    const strict = createCallerVerifier({ keys: createLocalJWKSet(keys.jwks), ...verifierSettings(auth) });
    expect(await codeOf(strict(await token({ iat: now(), exp: now() + 3000 })))).toBe('OK');
    expect(await codeOf(strict(await token({ iat: now(), exp: now() + 7200 })))).toBe('UNAUTHENTICATED');
  });
});

describe('development tokens only where switched on (issue #12 finding 3)', () => {
  it('accepts the development issuer only with DEV_TOKENS=true; an unset NODE_ENV opens nothing', async () => {
    const devToken = await token({ iat: now(), exp: now() + 3600 }, DEV_ISSUER);
    const on = createCallerVerifier({ keys: createLocalJWKSet(keys.jwks), ...verifierSettings(loadAuthEnv('test', { DEV_TOKENS: 'true' })) });
    expect(await codeOf(on(devToken))).toBe('OK');
    const unset = loadAuthEnv('test', {});
    expect(unset.devTokens).toBe(false);
    const off = createCallerVerifier({ keys: createLocalJWKSet(keys.jwks), ...verifierSettings(unset) });
    expect(await codeOf(off(devToken))).toBe('UNAUTHENTICATED');
    expect(await codeOf(off(await token({ iat: now(), exp: now() + 3600 })))).toBe('OK');
  });

  it('refuses a configuration that would open development tokens in production or name the development issuer', () => {
    expect(() => loadAuthEnv('test', { NODE_ENV: 'production', DEV_TOKENS: 'true' })).toThrow(ConfigError);
    expect(() => loadAuthEnv('test', { AUTH_ISSUER: DEV_ISSUER })).toThrow(ConfigError);
    expect(() => loadAuthEnv('test', { DEV_TOKENS: 'yes' })).toThrow(ConfigError);
    expect(loadAuthEnv('test', { NODE_ENV: 'production' }).devTokens).toBe(false);
  });
});
