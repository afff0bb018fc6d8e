import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPHS, type SubgraphName } from './subgraphs.constant';

export class CompositionException extends Error {
  constructor(readonly errors: string[]) {
    super(`supergraph composition failed:\n  ${errors.join('\n  ')}`);
    this.name = 'CompositionException';
  }
}

/** Where the services' committed SDL files live, relative to the repository root. */
export function subgraphSchemaPath(repoRoot: string, name: SubgraphName): string {
  return join(repoRoot, 'apps', name, 'schema.graphql');
}

/**
 * Composes the supergraph from the committed subgraph SDL files, never by introspecting
 * running services. The URLs in the result are placeholders; the gateway routes each
 * subgraph to the URL of its configuration.
 */
export function composeSupergraph(repoRoot: string): string {
  const services = SUBGRAPHS.map((name) => ({
    name,
    url: `http://${name}.invalid/graphql`,
    typeDefs: parse(readFileSync(subgraphSchemaPath(repoRoot, name), 'utf8')),
  }));
  const result = composeServices(services);
  if (result.errors) throw new CompositionException(result.errors.map((e) => e.message));
  return result.supergraphSdl;
}
