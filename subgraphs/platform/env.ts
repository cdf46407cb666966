/** Platform subgraph configuration, parsed once at start. */
import { DEVELOPMENT_PSEUDONYM_KEY, subgraphInfo, type SubgraphName } from '@credit-hub/schema';
import { ConfigError, loadSubgraphEnv, z } from '@credit-hub/runtime';

export function loadPlatformEnv(env: NodeJS.ProcessEnv = process.env) {
  const parsed = loadSubgraphEnv(
    subgraphInfo('platform'),
    // Key of the persons' pseudonymous subject ids (design §5).
    {
      SUBJECT_PSEUDONYM_KEY: z.string().min(16).default(DEVELOPMENT_PSEUDONYM_KEY),
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
  if (parsed.nodeEnv === 'production' && parsed.SUBJECT_PSEUDONYM_KEY === DEVELOPMENT_PSEUDONYM_KEY) {
    throw new ConfigError('platform', ['SUBJECT_PSEUDONYM_KEY: must be set to a secret of its own in production']);
  }
  return {
    port: parsed.port,
    databaseUrl: parsed.databaseUrl,
    pseudonymKey: parsed.SUBJECT_PSEUDONYM_KEY,
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
