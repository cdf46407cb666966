/**
 * Running the whole hub in one process: the five subgraphs over their databases and the
 * gateway in front. Used by `npm start`, the end-to-end tests and the benchmark; in
 * production each runs as its own process (subgraphs/<name>/index.ts, gateway/index.ts).
 */
import type { Knex } from 'knex';
import { SUBGRAPHS, type SubgraphName } from '@credit-hub/schema';
import { createDb, type RunningSubgraph, startSubgraph } from '@credit-hub/runtime';
import { startGateway, type RunningGateway } from '@credit-hub/gateway';
import { subgraphDefinitions } from './subgraphs.js';

export interface RunningHub {
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  dbs: Record<SubgraphName, Knex>;
  /** Stops one subgraph (to test partial failure); the rest keeps running. */
  stopSubgraph(name: SubgraphName): Promise<void>;
  stop(): Promise<void>;
}

export async function startHub(options: {
  databaseUrls: Record<SubgraphName, string>;
  /** Fixed ports (npm start) or 0 for any free port (tests). */
  ports?: 'default' | 'any';
  gatewayPort?: number;
  env?: NodeJS.ProcessEnv;
}): Promise<RunningHub> {
  const definitions = subgraphDefinitions(options.env);
  const dbs = {} as Record<SubgraphName, Knex>;
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  const stopped = new Set<SubgraphName>();
  for (const info of SUBGRAPHS) {
    dbs[info.name] = createDb(options.databaseUrls[info.name]);
    subgraphs[info.name] = await startSubgraph(definitions[info.name], {
      db: dbs[info.name],
      port: options.ports === 'default' ? info.defaultPort : 0,
    });
  }
  const gateway = await startGateway({
    port: options.gatewayPort ?? (options.ports === 'default' ? 4000 : 0),
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((info) => [info.name, subgraphs[info.name].url])),
  });
  const stopSubgraph = async (name: SubgraphName) => {
    if (stopped.has(name)) return;
    stopped.add(name);
    await subgraphs[name].stop();
  };
  return {
    gateway,
    subgraphs,
    dbs,
    stopSubgraph,
    stop: async () => {
      await gateway.stop();
      await Promise.all(SUBGRAPHS.map((info) => stopSubgraph(info.name)));
      await Promise.all(Object.values(dbs).map((db) => db.destroy()));
    },
  };
}
