/**
 * `npm run compose`: writes schema/supergraph.graphql from the five subgraph schemas.
 * Subgraph URLs in it are the default local ports; the gateway can override them.
 * `npm run compose -- --check` exits 1 when the checked-in file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { SUBGRAPHS, SUPERGRAPH_PATH, composeSupergraph } from '@credit-hub/schema';
import { subgraphDefinitions } from './subgraphs.js';

export function composeLocalSupergraph(): string {
  const definitions = subgraphDefinitions();
  return composeSupergraph(
    SUBGRAPHS.map((subgraph) => ({
      name: subgraph.name,
      url: `http://127.0.0.1:${subgraph.defaultPort}/graphql`,
      typeDefs: definitions[subgraph.name].typeDefs,
    })),
  );
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const composed = composeLocalSupergraph();
  if (process.argv.includes('--check')) {
    const current = readFileSync(SUPERGRAPH_PATH, 'utf8');
    if (current !== composed) {
      console.error('schema/supergraph.graphql is out of date: run `npm run compose` and commit it.');
      process.exit(1);
    }
    console.log('schema/supergraph.graphql is up to date.');
  } else {
    writeFileSync(SUPERGRAPH_PATH, composed);
    console.log(`wrote ${SUPERGRAPH_PATH}`);
  }
}
