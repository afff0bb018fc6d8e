export * from './events';
export * from './catalog';
export * from './timeline';
