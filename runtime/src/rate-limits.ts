/**
 * Rate limits per caller (Art. 41: one caller cannot exhaust the hub for the others): a
 * bucket of requests per verified caller (`sub`) and, for the public, per client address,
 * refilled over a window (rate-limiter-flexible). A caller over its rate gets HTTP 429 with
 * `Retry-After` and `LIMIT_EXCEEDED` (limit `rate`), before any work is done for it.
 */
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ErrorCode, type Role } from '@credit-hub/schema';
import { parseEnv, z } from './env.js';

export interface RateLimits {
  enabled: boolean;
  /** Requests per window for one client address of the public. */
  publicPerWindow: number;
  /** Requests per window for one authenticated caller. */
  callerPerWindow: number;
  windowSeconds: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { enabled: true, publicPerWindow: 120, callerPerWindow: 1_200, windowSeconds: 60 };

const rateLimitsEnv = z.object({
  RATE_LIMIT_ENABLED: z.enum(['true', 'false']).default('true'),
  RATE_LIMIT_PUBLIC_PER_WINDOW: z.coerce.number().int().positive().default(DEFAULT_RATE_LIMITS.publicPerWindow),
  RATE_LIMIT_CALLER_PER_WINDOW: z.coerce.number().int().positive().default(DEFAULT_RATE_LIMITS.callerPerWindow),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(DEFAULT_RATE_LIMITS.windowSeconds),
});

export function loadRateLimits(service: string, env: NodeJS.ProcessEnv): RateLimits {
  const parsed = parseEnv(service, rateLimitsEnv, env);
  return {
    enabled: parsed.RATE_LIMIT_ENABLED === 'true',
    publicPerWindow: parsed.RATE_LIMIT_PUBLIC_PER_WINDOW,
    callerPerWindow: parsed.RATE_LIMIT_CALLER_PER_WINDOW,
    windowSeconds: parsed.RATE_LIMIT_WINDOW_SECONDS,
  };
}

export interface RateLimiter {
  /** Takes one request from the caller's bucket, or throws the 429 refusal. */
  take(caller: { role: Role; sub: string | null }, clientAddress: string | undefined): Promise<void>;
}

export function createRateLimiter(limits: RateLimits): RateLimiter {
  if (!limits.enabled) return { take: async () => {} };
  const publicBucket = new RateLimiterMemory({ keyPrefix: 'public', points: limits.publicPerWindow, duration: limits.windowSeconds });
  const callerBucket = new RateLimiterMemory({ keyPrefix: 'caller', points: limits.callerPerWindow, duration: limits.windowSeconds });
  return {
    async take(caller, clientAddress) {
      const isPublic = caller.role === 'PUBLIC' || caller.sub === null;
      const [bucket, key, max] = isPublic
        ? [publicBucket, clientAddress ?? 'unknown', limits.publicPerWindow]
        : [callerBucket, `${caller.role}:${caller.sub}`, limits.callerPerWindow];
      try {
        await bucket.consume(key);
      } catch (result) {
        if (!(result instanceof RateLimiterRes)) throw result;
        const retryAfter = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
        // Apollo Server sends `http` as the response's status and headers (a HeaderMap).
        const extensions: Record<string, unknown> = {
          code: ErrorCode.LIMIT_EXCEEDED,
          limit: 'rate',
          max,
          actual: max + 1,
          retryAfter,
          http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfter)]]) },
        };
        throw new GraphQLError(`Too many requests: at most ${max} per ${limits.windowSeconds} s ${isPublic ? 'from one address' : 'for one caller'}; retry after ${retryAfter} s.`, { extensions });
      }
    },
  };
}
