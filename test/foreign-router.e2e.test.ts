/**
 * A foreign router gives the same answers as ours (design §4: "any Federation 2 router
 * that forwards these three headers is exactly as safe as ours"). Hive Gateway serves the
 * checked-in supergraph in front of the same running subgraphs, forwarding only
 * Authorization, X-Credit-Purpose and X-Request-Id; it verifies no token and knows no policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPHS, type SubgraphName } from '@credit-hub/schema';
import { createSigningKeys, signCallerToken, type CallerClaims } from '@credit-hub/runtime';
import { postGraphQL, showcaseWith, startTestHub, type GraphQLResponse, type TestHub } from './hub.js';
import { startHiveRouter, type RunningHiveRouter } from './hive-router.js';

let t: TestHub;
let hive: RunningHiveRouter;
beforeAll(async () => {
  t = await startTestHub('foreign');
  hive = await startHiveRouter({
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((info) => [info.name, t.hub.subgraphs[info.name].url])) as Record<SubgraphName, string>,
  });
});
afterAll(async () => {
  await hive?.stop();
  await t?.stop();
});

const MARKET_AGENCY: CallerClaims = { sub: '11150000MB0000000M', role: 'SECTOR_AGENCY', sector: 'MARKET' };

/** The joined profile across all five subgraphs, with fields each caller may or may not see. */
const PROFILE = /* GraphQL */ `
  query Profile($id: ID!) {
    subject(id: $id) {
      name
      registration { name legalRepresentative { name } }
      judgments { documentNumber }
      enforcementCases { caseNumber }
      socialInsurance { status }
      financialCredit { loanCount }
      dishonestyRecords { severity notice { remedies } }
    }
  }
`;

interface Answers {
  ours: GraphQLResponse;
  hive: GraphQLResponse;
}

let requests = 0;
/** The same query, variables and caller headers to both routers; each gets its own request id, to find its access-log rows. */
async function askBoth(id: string, headers: Record<string, string>): Promise<Answers & { requestIds: { ours: string; hive: string } }> {
  const requestIds = { ours: `foreign-${++requests}-ours`, hive: `foreign-${requests}-hive` };
  const [ours, theirs] = await Promise.all([
    postGraphQL(t.hub.gateway.url, PROFILE, { id }, { ...headers, 'x-request-id': requestIds.ours }),
    postGraphQL(hive.url, PROFILE, { id }, { ...headers, 'x-request-id': requestIds.hive }),
  ]);
  return { ours: ours.body, hive: theirs.body, requestIds };
}

/**
 * What must not depend on the router: the data, and every error's code, path and the
 * subgraph's own policy details (field, reason, purpose, article), in any order. Messages
 * and serviceName are the router's wording, so they are left out.
 */
function outcome(response: GraphQLResponse) {
  const errors = (response.errors ?? []).map(({ path, extensions }) => {
    const { serviceName: _serviceName, ...rest } = extensions ?? {};
    return { path: path ?? null, ...rest };
  });
  return { data: response.data ?? null, errors: errors.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) };
}

const codes = (response: GraphQLResponse) => [...new Set((response.errors ?? []).map((error) => error.extensions?.code))];

/** Paths of every non-null leaf: empty when an answer discloses nothing about the subject. */
function disclosedLeaves(value: unknown, path = ''): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object') return [path];
  return Object.entries(value).flatMap(([key, child]) => disclosedLeaves(child, `${path}.${key}`));
}

/** What each subgraph wrote to the access log for one request (found by the caller's reference), without ids and time (design §6). */
async function accessLogOf(clientRequestId: string) {
  return t.hub
    .audit('access_log')
    .where({ client_request_id: clientRequestId })
    .select('subgraph', 'caller_sub', 'caller_role', 'caller_sector', 'purpose', 'subject_ids', 'fields_disclosed', 'fields_denied')
    .orderBy(['subgraph', 'seq']);
}

describe('Hive Gateway in front of the same subgraphs (design §4)', () => {
  it('gives the public the same disclosed fields and the same FORBIDDEN errors', async () => {
    // No token is PUBLIC at every subgraph, whichever router passes the request on (design §4-§5).
    const { ours, hive: theirs } = await askBoth(showcaseWith('ALL_SECTORS').id, {});
    expect(codes(ours)).toEqual(['FORBIDDEN']);
    expect(ours.data!.subject.judgments.length).toBeGreaterThan(0);
    expect(outcome(theirs)).toEqual(outcome(ours));
  });

  it('gives a sector agency the same answer for its declared purpose, with the same masking', async () => {
    // The purpose header reaches every subgraph through Hive, so CONDITIONAL sharing and masking match (design §4-§5).
    const enterprise = showcaseWith('ALL_SECTORS');
    const person = showcaseWith('PERSON');
    const { ours, hive: theirs, requestIds } = await askBoth(enterprise.id, await t.headersFor(MARKET_AGENCY, 'PUBLIC_PROCUREMENT'));
    expect(ours.data!.subject.financialCredit).not.toBeNull();
    expect(ours.data!.subject.registration.legalRepresentative.name).toBe(person.name[0] + '*'.repeat(person.name.length - 1));
    expect(outcome(theirs)).toEqual(outcome(ours));

    // The caller's request id reaches every subgraph too: each logs the same disclosure with it as the reference (design §4, §6).
    const logged = await accessLogOf(requestIds.hive);
    expect(new Set(logged.map((row) => row.subgraph))).toEqual(new Set(SUBGRAPHS.map((info) => info.name)));
    expect(logged).toEqual(await accessLogOf(requestIds.ours));
  });

  it('rejects a forged token as UNAUTHENTICATED with no data, though Hive never checks it', async () => {
    // Same key id, other key: only the subgraphs' own verification stands between it and the data (design §4).
    const forger = await createSigningKeys('e2e-test');
    const forged = { authorization: `Bearer ${await signCallerToken(forger, MARKET_AGENCY)}`, 'x-credit-purpose': 'PUBLIC_PROCUREMENT' };
    const answers = await askBoth(showcaseWith('ALL_SECTORS').id, forged);
    for (const router of ['ours', 'hive'] as const) {
      expect(codes(answers[router]), router).toEqual(['UNAUTHENTICATED']);
      expect(disclosedLeaves(answers[router].data), router).toEqual([]);
    }
  });

  it('answers PURPOSE_REQUIRED with no subject data to a sector agency that declares no purpose', async () => {
    // A SECTOR_AGENCY must declare a purpose; Hive does not know that, the subgraphs refuse (design §4).
    const answers = await askBoth(showcaseWith('ALL_SECTORS').id, await t.headersFor(MARKET_AGENCY));
    for (const router of ['ours', 'hive'] as const) {
      expect(codes(answers[router]), router).toEqual(['PURPOSE_REQUIRED']);
      expect(disclosedLeaves(answers[router].data?.subject), router).toEqual([]);
    }
  });

  it('shows a credit subject what the public cannot see about itself', async () => {
    // SELF_QUERY is implied from the forwarded token alone (design §4; Art. 38).
    const subject = showcaseWith('ALL_SECTORS');
    const { ours, hive: theirs } = await askBoth(subject.id, await t.headersFor({ sub: subject.id, role: 'CREDIT_SUBJECT' }));
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data!.subject.enforcementCases.length).toBeGreaterThan(0);
    expect(theirs.data!.subject.dishonestyRecords[0].notice.remedies).toBeTruthy();
    expect(outcome(theirs)).toEqual(outcome(ours));

    const asPublic = await postGraphQL(hive.url, PROFILE, { id: subject.id });
    expect(asPublic.body.data!.subject.enforcementCases).toBeNull();
  });
});
