/**
 * Signing keys. Production: the public keys come from configuration (AUTH_JWKS_URL, a
 * JWKS endpoint, or AUTH_JWKS_FILE); the private key stays with the identity provider.
 * Development: an ES256 key pair is created on first start in .keys/ (git-ignored) and
 * `npm run token` signs with it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import { ConfigError, loadAuthEnv, type AuthEnv } from './env.js';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, type CallerClaims } from './identity.js';

export const DEV_KEYS_DIR = fileURLToPath(new URL('../../.keys/', import.meta.url));

export interface SigningKeys {
  privateJwk: JWK;
  jwks: JSONWebKeySet;
}

/** Creates an ES256 key pair with a key id. */
export async function createSigningKeys(kid = `dev-${Date.now().toString(36)}`): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  return { privateJwk, jwks: { keys: [publicJwk] } };
}

/** The development key pair in `dir`, created on first use. */
export async function loadOrCreateDevKeys(dir = DEV_KEYS_DIR): Promise<SigningKeys> {
  const privatePath = `${dir}/signing-key.jwk.json`;
  const publicPath = `${dir}/jwks.json`;
  if (existsSync(privatePath) && existsSync(publicPath)) {
    return { privateJwk: JSON.parse(readFileSync(privatePath, 'utf8')), jwks: JSON.parse(readFileSync(publicPath, 'utf8')) };
  }
  const keys = await createSigningKeys();
  mkdirSync(dir, { recursive: true });
  writeFileSync(privatePath, `${JSON.stringify(keys.privateJwk, null, 2)}\n`, { mode: 0o600 });
  writeFileSync(publicPath, `${JSON.stringify(keys.jwks, null, 2)}\n`);
  return keys;
}

/**
 * Public keys for verification, from configuration; the development key pair only where
 * development tokens are switched on (an unset NODE_ENV opens nothing).
 */
export async function verificationKeys(auth: Pick<AuthEnv, 'jwksUrl' | 'jwksFile' | 'devTokens'>): Promise<JWTVerifyGetKey> {
  if (auth.jwksUrl) return createRemoteJWKSet(new URL(auth.jwksUrl));
  if (auth.jwksFile) return createLocalJWKSet(JSON.parse(readFileSync(auth.jwksFile, 'utf8')) as JSONWebKeySet);
  if (!auth.devTokens) throw new ConfigError('auth', ['AUTH_JWKS_URL or AUTH_JWKS_FILE: required unless DEV_TOKENS=true (development)']);
  return createLocalJWKSet((await loadOrCreateDevKeys()).jwks);
}

/** A caller's token; its lifetime must stay within the verifiers' maximum (12 h unless configured). */
export async function signCallerToken(
  keys: SigningKeys,
  claims: CallerClaims,
  options: { ttlSeconds?: number; issuer?: string; audience?: string } = {},
): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'ES256', kid: keys.privateJwk.kid, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(options.issuer ?? DEFAULT_ISSUER)
    .setAudience(options.audience ?? DEFAULT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds ?? 3600}s`)
    .sign(await importJWK(keys.privateJwk, 'ES256'));
}

/** The platform's own identity when it delivers repairs and objections to the sectors (Art. 39-40). */
export const PLATFORM_SERVICE_SUB = 'platform:service';
export const PLATFORM_SERVICE_CLAIMS = { sub: PLATFORM_SERVICE_SUB, role: 'PLATFORM_OPERATOR', sector: 'PLATFORM' } as const satisfies CallerClaims;

/**
 * The key the platform signs its service tokens with: PLATFORM_SERVICE_KEY_FILE (a private
 * JWK whose public half is in the JWKS), else the development key pair where development tokens are on.
 */
export async function serviceSigningKeys(env: NodeJS.ProcessEnv = process.env): Promise<SigningKeys | undefined> {
  if (env.PLATFORM_SERVICE_KEY_FILE) {
    const privateJwk = JSON.parse(readFileSync(env.PLATFORM_SERVICE_KEY_FILE, 'utf8')) as JWK;
    return { privateJwk, jwks: { keys: [] } };
  }
  return loadAuthEnv('platform', env).devTokens ? loadOrCreateDevKeys() : undefined;
}
