/**
 * /readyz: the gateway is ready when every subgraph answers its own /readyz (which checks
 * its database). The answer names each subgraph that is not, and why in a few words; the
 * subgraphs' addresses and the network's detail go to the log, not to the caller (Art. 42).
 */
import { logger } from '@credit-hub/runtime';

export interface ReadinessReport {
  ready: boolean;
  subgraphs: Record<string, { ready: boolean; reason?: string }>;
}

const READINESS_TIMEOUT_MS = 2000;

/** A subgraph's own reason (e.g. "database unreachable") when it is a few plain words; else its status. */
const PLAIN_REASON = /^[a-z][a-z ]{0,63}$/i;

export async function checkSubgraphs(urls: Record<string, string>): Promise<ReadinessReport> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      const probe = url.replace(/\/graphql\/?$/, '/readyz');
      try {
        const response = await fetch(probe, { signal: AbortSignal.timeout(READINESS_TIMEOUT_MS) });
        if (response.ok) return [name, { ready: true }] as const;
        const body = (await response.json().catch(() => ({}))) as { reason?: unknown };
        const reason = typeof body.reason === 'string' && PLAIN_REASON.test(body.reason) ? body.reason : `HTTP ${response.status}`;
        logger.warn({ subgraph: name, url: probe, status: response.status, reason: body.reason }, 'subgraph not ready');
        return [name, { ready: false, reason }] as const;
      } catch (error) {
        logger.warn({ subgraph: name, url: probe, err: error }, 'subgraph unreachable');
        return [name, { ready: false, reason: 'unreachable' }] as const;
      }
    }),
  );
  const subgraphs = Object.fromEntries(entries);
  return { ready: entries.every(([, state]) => state.ready), subgraphs };
}
