export * from './attribution.model';
export * from './attribute-incident.util';
