export * from './invalid-period-input.exception';
export * from './period.type';
export * from './period.util';
export * from './availability.util';
export * from './percentile.util';
export * from './period-objective.util';
export * from './call-quality-accumulator.util';
export * from './state';
