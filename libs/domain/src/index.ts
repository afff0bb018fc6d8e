// The pure calculations of the platform: no I/O, no framework, no clock reads.
export * from './catalog';
export * from './calendar';
export * from './clock';
export * from './periods';
export * from './credits';
export * from './feasibility';
export * from './attribution';
export * from './backtest';
export * from './duration';
