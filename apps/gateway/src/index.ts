// What a host (the all-in-one process) needs to run the gateway.
export * from './config/gateway.config';
export * from './start-gateway.util';
export * from './supergraph/subgraphs.constant';
export * from './supergraph/compose-supergraph.util';
