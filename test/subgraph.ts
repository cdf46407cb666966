/**
 * One subgraph alone over its own seeded database, called directly over HTTP (no
 * gateway), with a counter of the SQL statements it sends.
 */
import type { SubgraphName } from '@credit-hub/schema';
import { createLocalJWKSet } from 'jose';
import {
  countStatements,
  createCallerVerifier,
  createDb,
  createSigningKeys,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  signCallerToken,
  startSubgraph,
  type CallerClaims,
  type StatementCounter,
} from '@credit-hub/runtime';
import type { Knex } from 'knex';
import { subgraphDefinitions } from '../tools/subgraphs.js';
import { seedDemoData } from '../tools/seed/index.js';
import { createTestDatabases, type TestDatabases } from './databases.js';
import { postGraphQL, type GraphQLResponse } from './hub.js';

/** Who a test calls as: claims signed with the test key (+ purpose), or raw headers. */
export type Caller = { claims: CallerClaims; purpose?: string } | { headers: Record<string, string> };

/** A sector agency of the given sector, declaring a purpose any agency may declare. */
export function sectorAgency(sector: CallerClaims['sector'] & string, purpose = 'REGULATORY_SUPERVISION'): Caller {
  return { claims: { sub: `11150000MB${sector.slice(0, 2)}00000X`, role: 'SECTOR_AGENCY', sector }, purpose };
}

export interface SubgraphUnderTest {
  db: Knex;
  databases: TestDatabases;
  statements: StatementCounter;
  /** Runs as the public, or with `as`: a token signed with this test's key (+ X-Credit-Purpose). */
  query<D = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: Caller,
  ): Promise<GraphQLResponse<D>>;
  /** `_entities` for Subject representations, selecting `selection` on each. */
  entities(ids: string[], selection: string, as?: Caller): Promise<GraphQLResponse<{ _entities: Array<Record<string, any> | null> }>>;
  stop(): Promise<void>;
}

export async function startSubgraphUnderTest(name: SubgraphName, subjects = 300): Promise<SubgraphUnderTest> {
  const databases = await createTestDatabases(name);
  await seedDemoData(databases.dbs, { subjects, seed: 7 });
  const db = createDb(databases.urls[name]);
  const keys = await createSigningKeys('subgraph-test');
  const verifyCaller = createCallerVerifier({ keys: createLocalJWKSet(keys.jwks), issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE });
  const running = await startSubgraph(subgraphDefinitions({ audit: databases.audit })[name], {
    db,
    security: { verifyCaller, audit: databases.audit },
  });
  const statements = countStatements(db);
  const query: SubgraphUnderTest['query'] = async (text, variables = {}, as) => {
    let headers: Record<string, string> = {};
    if (as && 'headers' in as) headers = as.headers;
    else if (as) {
      headers = { authorization: `Bearer ${await signCallerToken(keys, as.claims)}` };
      if (as.purpose) headers['x-credit-purpose'] = as.purpose;
    }
    return (await postGraphQL(running.url, text, variables, headers)).body as never;
  };
  return {
    db,
    databases,
    statements,
    query,
    entities: (ids, selection, as) =>
      query(
        `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Subject { ${selection} } } }`,
        { representations: ids.map((id) => ({ __typename: 'Subject', id })) },
        as,
      ),
    stop: async () => {
      await running.stop();
      await db.destroy();
      await databases.destroy();
    },
  };
}

/** Subject ids that have rows in a table of this subgraph's database. */
export async function subjectsWith(db: Knex, table: string, column = 'subject_id', limit = 50): Promise<string[]> {
  const rows = (await db(table).distinct(column).orderBy(column).limit(limit)) as Array<Record<string, string>>;
  return rows.map((row) => row[column]!);
}
