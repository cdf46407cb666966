/** Platform subgraph configuration, parsed once at start. */
import { DEVELOPMENT_PSEUDONYM_KEY, subgraphInfo } from '@credit-hub/schema';
import { ConfigError, loadSubgraphEnv, z } from '@credit-hub/runtime';

export function loadPlatformEnv(env: NodeJS.ProcessEnv = process.env) {
  const parsed = loadSubgraphEnv(
    subgraphInfo('platform'),
    // Key of the persons' pseudonymous subject ids (design §5).
    { SUBJECT_PSEUDONYM_KEY: z.string().min(16).default(DEVELOPMENT_PSEUDONYM_KEY) },
    env,
  );
  if (parsed.nodeEnv === 'production' && parsed.SUBJECT_PSEUDONYM_KEY === DEVELOPMENT_PSEUDONYM_KEY) {
    throw new ConfigError('platform', ['SUBJECT_PSEUDONYM_KEY: must be set to a secret of its own in production']);
  }
  return { port: parsed.port, databaseUrl: parsed.databaseUrl, pseudonymKey: parsed.SUBJECT_PSEUDONYM_KEY };
}

export type PlatformEnv = ReturnType<typeof loadPlatformEnv>;
