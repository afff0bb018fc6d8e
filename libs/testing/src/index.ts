export * from './kafka.util';
export * from './postgres.util';
export * from './postgres-server.util';
export * from './wait.util';
export * from './node-process.util';
export * from './runaway-queries.util';
export * from './test-buses.util';
