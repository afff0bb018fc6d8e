export * from './attribution.model';
export * from './attribute-incident.util';
export * from './format-duration.util';
