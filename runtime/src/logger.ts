import pino from 'pino';

/** Structured logs (pino); LOG_LEVEL=silent quiets them in tests and benchmarks. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  base: { service: 'credit-hub' },
});
export type Logger = typeof logger;
