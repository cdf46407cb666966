/**
 * /readyz: the gateway is ready when every subgraph answers its own /readyz (which checks
 * its database). The answer names each subgraph that is not, and why.
 */
export interface ReadinessReport {
  ready: boolean;
  subgraphs: Record<string, { ready: boolean; url: string; reason?: string }>;
}

const READINESS_TIMEOUT_MS = 2000;

export async function checkSubgraphs(urls: Record<string, string>): Promise<ReadinessReport> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      const probe = url.replace(/\/graphql\/?$/, '/readyz');
      try {
        const response = await fetch(probe, { signal: AbortSignal.timeout(READINESS_TIMEOUT_MS) });
        if (response.ok) return [name, { ready: true, url }] as const;
        const body = (await response.json().catch(() => ({}))) as { reason?: string };
        return [name, { ready: false, url, reason: body.reason ?? `HTTP ${response.status}` }] as const;
      } catch (error) {
        const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
        return [name, { ready: false, url, reason: `unreachable: ${reason}` }] as const;
      }
    }),
  );
  const subgraphs = Object.fromEntries(entries);
  return { ready: entries.every(([, state]) => state.ready), subgraphs };
}
