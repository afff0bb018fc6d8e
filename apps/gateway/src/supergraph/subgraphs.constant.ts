/** The services that publish a subgraph, in composition order. Their SDL is committed. */
export const SUBGRAPHS = ['incidents', 'sla-evaluation', 'ola-chaining'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];
