/**
 * A whole hub for an end-to-end test file: fresh databases on the run's PostgreSQL,
 * seeded demo data, the five subgraphs and the gateway on free ports, real HTTP between them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  createSigningKeys,
  DEFAULT_OPERATION_LIMITS,
  DEFAULT_RATE_LIMITS,
  signCallerToken,
  type CallerClaims,
  type OperationLimits,
  type RateLimits,
} from '@credit-hub/runtime';
import { startHub, type RunningHub } from '../tools/hub.js';
import { seedDemoData } from '../tools/seed/index.js';
import { createTestDatabases, type TestDatabases } from './databases.js';

export interface ShowcaseSubject {
  id: string;
  idNumber?: string;
  kind: string;
  name: string;
  region: string;
  tags: string[];
}

export const showcase: ShowcaseSubject[] = JSON.parse(
  readFileSync(fileURLToPath(new URL('../migrations/showcase.json', import.meta.url)), 'utf8'),
);

export function showcaseWith(tag: string): ShowcaseSubject {
  const subject = showcase.find((entry) => entry.tags.includes(tag));
  if (!subject) throw new Error(`no showcase subject tagged ${tag}`);
  return subject;
}

export interface GraphQLResponse<D = Record<string, any>> {
  data?: D | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
}

export async function postGraphQL<D = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ status: number; body: GraphQLResponse<D>; headers: Headers }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse<D>, headers: response.headers };
}

export interface TestHub {
  hub: RunningHub;
  databases: TestDatabases;
  query<D = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<D>>;
  /** Headers of a caller: a token signed with the hub's key, and the declared purpose. */
  headersFor(claims: CallerClaims, purpose?: string): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

/** Rate limits are off in tests that do not test them (each file sends many requests from one address). */
export const NO_RATE_LIMITS: RateLimits = { ...DEFAULT_RATE_LIMITS, enabled: false };

export type HubOptions = Parameters<typeof startHub>[0];

export async function startTestHub(
  label: string,
  options: {
    subjects?: number;
    devTokens?: boolean;
    limits?: OperationLimits;
    rateLimits?: RateLimits;
    /** Options of startHub over the defaults, given the test's databases (e.g. a database URL through a proxy, short timeouts). */
    hub?: (databases: TestDatabases) => Partial<HubOptions>;
  } = {},
): Promise<TestHub> {
  const databases = await createTestDatabases(label);
  await seedDemoData(databases.dbs, { subjects: options.subjects ?? 300, seed: 1 });
  const hub = await startHub({
    databaseUrls: databases.urls,
    auditUrl: databases.auditUrl,
    ports: 'any',
    keys: await createSigningKeys('e2e-test'),
    devTokens: options.devTokens ?? false,
    // The deployed defaults unless a test asks for others.
    limits: options.limits ?? DEFAULT_OPERATION_LIMITS,
    rateLimits: options.rateLimits ?? NO_RATE_LIMITS,
    ...options.hub?.(databases),
  });
  return {
    hub,
    databases,
    query: async (query, variables, headers) => (await postGraphQL(hub.gateway.url, query, variables, headers)).body as never,
    headersFor: async (claims, purpose) => ({
      authorization: `Bearer ${await signCallerToken(hub.keys, claims)}`,
      ...(purpose ? { 'x-credit-purpose': purpose } : {}),
    }),
    stop: async () => {
      await hub.stop();
      await databases.destroy();
    },
  };
}
