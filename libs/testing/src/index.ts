export * from './kafka';
export * from './postgres';
export * from './postgres-server';
export * from './wait';
export * from './node-process';
export * from './runaway-queries';
export * from './test-buses';
