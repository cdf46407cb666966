/**
 * Composing the supergraph (Federation 2) from the subgraphs' type definitions. The
 * result is checked in as schema/supergraph.graphql; a test fails when it drifts.
 */
import { composeServices } from '@apollo/composition';
import type { DocumentNode } from 'graphql';
import { fileURLToPath } from 'node:url';

export const SUPERGRAPH_PATH = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));

export interface ComposableSubgraph {
  name: string;
  url: string;
  typeDefs: DocumentNode;
}

export function composeSupergraph(subgraphs: ComposableSubgraph[]): string {
  const result = composeServices(subgraphs);
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((error) => `  - ${error.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trim()}\n`;
}
