/**
 * Who is calling (design §4, Art. 41): an ES256 JWT in `Authorization: Bearer`, verified
 * by every subgraph itself with the same public keys, so a direct call to a subgraph gets
 * the caller's own rights and never more. No token means PUBLIC; a token that does not
 * verify means UNAUTHENTICATED, never PUBLIC.
 */
import { errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { errors, ROLES, SECTORS, type Role, type Sector } from '@credit-hub/schema';
import type { AuthEnv } from './env.js';

export interface Caller {
  role: Role;
  /** Credit code or subject id of the caller; null for the public. */
  sub: string | null;
  sector: Sector | null;
  region: string | null;
}

export const PUBLIC_CALLER: Caller = Object.freeze({ role: 'PUBLIC', sub: null, sector: null, region: null });

const claimsSchema = z
  .object({
    sub: z.string().min(1).max(64),
    role: z.enum(ROLES).exclude(['PUBLIC']),
    sector: z.enum(SECTORS).optional(),
    region: z.string().regex(/^\d{6}$/, 'region must be a 6-digit division code').optional(),
  })
  .superRefine((claims, context) => {
    if (claims.role === 'SECTOR_AGENCY' && !claims.sector) {
      context.addIssue({ code: 'custom', path: ['sector'], message: 'a SECTOR_AGENCY token must name its sector' });
    }
    if (claims.role === 'PLATFORM_OPERATOR' && claims.sector && claims.sector !== 'PLATFORM') {
      context.addIssue({ code: 'custom', path: ['sector'], message: 'a PLATFORM_OPERATOR belongs to the PLATFORM sector' });
    }
  });

export type CallerClaims = z.infer<typeof claimsSchema>;

export interface IdentityOptions {
  keys: JWTVerifyGetKey;
  /** Issuers whose tokens are accepted: the identity provider's, plus DEV_ISSUER only where development tokens are switched on. */
  issuer: string | string[];
  audience: string;
  /** Longest lifetime (exp - iat) a token may have; DEFAULT_MAX_TOKEN_LIFETIME_SECONDS unless configured. */
  maxLifetimeSeconds?: number;
}

export const DEFAULT_ISSUER = 'credit-hub';
/** Issuer of development tokens (playground, `npm run token`): a production configuration never accepts it. */
export const DEV_ISSUER = 'credit-hub-dev';
export const DEFAULT_AUDIENCE = 'credit-hub';
/** Clock difference tolerated between the issuer and the hub. */
export const CLOCK_SKEW_SECONDS = 60;
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;

export type CallerVerifier = (authorization: string | undefined) => Promise<Caller>;

/** Verifier settings from the configuration: the development issuer is accepted only where development tokens are on. */
export function verifierSettings(auth: Pick<AuthEnv, 'issuer' | 'audience' | 'maxTokenLifetimeSeconds' | 'devTokens'>) {
  return {
    issuer: auth.devTokens ? [auth.issuer, DEV_ISSUER] : auth.issuer,
    audience: auth.audience,
    maxLifetimeSeconds: auth.maxTokenLifetimeSeconds,
  } satisfies Omit<IdentityOptions, 'keys'>;
}

export function createCallerVerifier(options: IdentityOptions): CallerVerifier {
  const maxLifetime = options.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  return async (authorization) => {
    if (!authorization) return PUBLIC_CALLER;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw errors.unauthenticated('Authorization must be "Bearer <JWT>".');
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(match[1]!, options.keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ['ES256'], // never `none`, never a symmetric key guessed from a public one
        requiredClaims: ['exp', 'iat', 'sub'],
        clockTolerance: CLOCK_SKEW_SECONDS,
      }));
    } catch (error) {
      throw errors.unauthenticated(`The token was rejected: ${describeJoseError(error)}.`);
    }
    // A token dated ahead or living for years is a leaked signer's or a forger's (Art. 41): refused.
    const { iat, exp } = payload as { iat: number; exp: number };
    if (iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) throw errors.unauthenticated('The token was rejected: it is issued in the future.');
    if (exp - iat > maxLifetime) {
      throw errors.unauthenticated(`The token was rejected: it lives ${exp - iat} s, longer than the ${maxLifetime} s allowed.`);
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) {
      throw errors.unauthenticated(
        `The token's claims are invalid: ${claims.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}.`,
      );
    }
    const { sub, role, sector, region } = claims.data;
    return { role, sub, sector: role === 'PLATFORM_OPERATOR' ? 'PLATFORM' : (sector ?? null), region: region ?? null };
  };
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'it has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `claim "${error.claim}" ${error.reason === 'check_failed' ? 'is wrong' : 'is missing'}`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'its signature does not verify';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'its algorithm is not ES256';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'it was signed by an unknown key';
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) return 'it is malformed';
  return 'it could not be verified';
}
