/**
 * The playground's example operations (examples/*.graphql) are real: each runs through the
 * gateway as the caller its header names, and answers with data, refusing only what the
 * policy refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExamples } from '@credit-hub/gateway/playground.js';
import type { CallerClaims } from '@credit-hub/runtime';
import { startTestHub, type TestHub } from './hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub('examples');
});
afterAll(async () => t?.stop());

const examples = loadExamples();

describe('example operations', () => {
  it('covers each kind of user', () => {
    expect(new Set(examples.map((example) => example.identity.role))).toEqual(
      new Set(['SECTOR_AGENCY', 'CREDIT_SERVICE_AGENCY', 'CREDIT_SUBJECT']),
    );
  });

  it.each(examples.map((example) => [example.id, example] as const))('%s answers with data as its caller', async (_id, example) => {
    const { role, sector, sub, purpose } = example.identity;
    const headers = role === 'PUBLIC' ? {} : await t.headersFor({ role, sector, sub } as CallerClaims, purpose);
    const response = await t.query(example.query, JSON.parse(example.variables), headers);
    const root = Object.values(response.data ?? {})[0];
    expect(root).toBeTruthy();
    const unexpected = (response.errors ?? []).filter((error) => error.extensions?.code !== 'FORBIDDEN');
    expect(unexpected).toEqual([]);
    if (Array.isArray(root)) {
      expect(root).toHaveLength(JSON.parse(example.variables).ids.length);
      expect(root.filter(Boolean).length).toBeGreaterThan(0);
    }
  });
});
