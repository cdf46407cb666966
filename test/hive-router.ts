/**
 * A foreign Federation 2 router for end-to-end tests: Hive Gateway (The Guild) embedded in
 * this process, serving the checked-in supergraph in front of the test hub's subgraphs.
 * It verifies nothing and enforces nothing itself; it only forwards the three headers the
 * subgraphs need to check the caller on their own (design §4).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { FORWARDED_HEADERS } from '@credit-hub/gateway/forwarded-headers.js';
import { SUPERGRAPH_PATH, type SubgraphName } from '@credit-hub/schema';

export interface RunningHiveRouter {
  url: string;
  stop(): Promise<void>;
}

export async function startHiveRouter(options: {
  /** Replaces the subgraph URLs written in the supergraph (the test subgraphs listen on port 0). */
  subgraphUrls: Record<SubgraphName, string>;
}): Promise<RunningHiveRouter> {
  const runtime = createGatewayRuntime({
    supergraph: SUPERGRAPH_PATH,
    // Keyed by the join__graph name, as in the supergraph ("social-security", not SOCIAL_SECURITY).
    transportEntries: Object.fromEntries(
      Object.entries(options.subgraphUrls).map(([name, location]) => [name, { location }]),
    ),
    // Hive's own request-id plugin would pass X-Request-Id on as well; naming all three keeps the contract in one place.
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) =>
        Object.fromEntries(FORWARDED_HEADERS.map((name) => [name, request.headers.get(name)])),
    },
    logging: false,
    landingPage: false,
    graphiql: false,
  });
  const server = createServer(runtime);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${runtime.graphqlEndpoint}`,
    stop: async () => {
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      server.closeAllConnections();
      await closed;
      await runtime.dispose();
    },
  };
}
