export * from './ids/entity-id.constant';
export * from './events';
export * from './catalog';
export * from './timeline';
