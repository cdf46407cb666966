/** Platform subgraph configuration, parsed once at start. */
import { DEVELOPMENT_PSEUDONYM_KEY, subgraphInfo, type SubgraphName } from '@credit-hub/schema';
import { ConfigError, loadSubgraphEnv, z } from '@credit-hub/runtime';

/**
 * Key of the credit reports' verification codes in development and tests. Production sets
 * REPORT_VERIFICATION_KEY: a code under a known key could be recomputed over guessed hidden
 * values, which is what design §5 forbids (Art. 24, 42).
 */
export const DEVELOPMENT_REPORT_VERIFICATION_KEY = 'credit-hub-development-report-verification-key-v1';

export function loadPlatformEnv(env: NodeJS.ProcessEnv = process.env) {
  const parsed = loadSubgraphEnv(
    subgraphInfo('platform'),
    // Key of the persons' pseudonymous subject ids (design §5).
    {
      SUBJECT_PSEUDONYM_KEY: z.string().min(16).default(DEVELOPMENT_PSEUDONYM_KEY),
      // HMAC key of credit reports' verification codes (design §5: digests the hub emits are keyed).
      REPORT_VERIFICATION_KEY: z.string().min(32).default(DEVELOPMENT_REPORT_VERIFICATION_KEY),
      // Art. 36: an objection to a proposed listing is answered within this many working days.
      OBJECTION_ANSWER_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(10),
      // Sector subgraphs, for basis documents (Art. 33) and key persons (Art. 37).
      COURTS_URL: z.string().url().optional(),
      MARKET_URL: z.string().url().optional(),
      SOCIAL_SECURITY_URL: z.string().url().optional(),
      FINANCE_URL: z.string().url().optional(),
    },
    env,
  );
  if (parsed.nodeEnv === 'production') {
    const problems: string[] = [];
    if (parsed.SUBJECT_PSEUDONYM_KEY === DEVELOPMENT_PSEUDONYM_KEY) problems.push('SUBJECT_PSEUDONYM_KEY: must be set to a secret of its own in production');
    if (parsed.REPORT_VERIFICATION_KEY === DEVELOPMENT_REPORT_VERIFICATION_KEY) problems.push('REPORT_VERIFICATION_KEY: must be set to a secret of its own in production');
    if (problems.length > 0) throw new ConfigError('platform', problems);
  }
  return {
    port: parsed.port,
    databaseUrl: parsed.databaseUrl,
    pseudonymKey: parsed.SUBJECT_PSEUDONYM_KEY,
    reportVerificationKey: parsed.REPORT_VERIFICATION_KEY,
    objectionAnswerDays: parsed.OBJECTION_ANSWER_WORKING_DAYS,
    sectorUrls: {
      courts: parsed.COURTS_URL,
      market: parsed.MARKET_URL,
      'social-security': parsed.SOCIAL_SECURITY_URL,
      finance: parsed.FINANCE_URL,
    } as Partial<Record<SubgraphName, string>>,
  };
}

export type PlatformEnv = ReturnType<typeof loadPlatformEnv>;
