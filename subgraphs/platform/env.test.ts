/** The platform's keys (design §5): development defaults that a production configuration refuses. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@credit-hub/runtime';
import { DEVELOPMENT_REPORT_VERIFICATION_KEY, loadPlatformEnv } from './env.js';

const OWN_KEYS = { SUBJECT_PSEUDONYM_KEY: 'a-pseudonym-key-of-its-own-0123', REPORT_VERIFICATION_KEY: 'a-report-verification-key-of-its-own-0123456789' };

describe('platform configuration', () => {
  it('refuses the development report verification key in production, and takes a key of its own', () => {
    const refusal = (() => {
      try {
        loadPlatformEnv({ NODE_ENV: 'production', SUBJECT_PSEUDONYM_KEY: OWN_KEYS.SUBJECT_PSEUDONYM_KEY });
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(ConfigError);
    expect((refusal as ConfigError).problems.join('\n')).toContain('REPORT_VERIFICATION_KEY');
    // Positive twin: with keys of its own, production starts and uses them.
    expect(loadPlatformEnv({ NODE_ENV: 'production', ...OWN_KEYS }).reportVerificationKey).toBe(OWN_KEYS.REPORT_VERIFICATION_KEY);
    expect(loadPlatformEnv({ NODE_ENV: 'development' }).reportVerificationKey).toBe(DEVELOPMENT_REPORT_VERIFICATION_KEY);
  });
});
