export * from './catalog.model';
export * from './events.model';
