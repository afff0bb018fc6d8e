// The schema helpers have generic names (string, object…), so they travel under one namespace.
export * as eventSchema from './schema.util';
export type { Infer, Schema, TextRule, ValidationIssue, ValidationResult } from './schema.util';
export { formatValidationIssues, isoInstantMs, textProblem } from './schema.util';
export * from './event-envelope.model';
export * from './event-validation.exception';
export * from './envelope.util';
export * from './dead-letter.model';
export * from './incident-events.event';
export * from './metric-samples.event';
export * from './catalog-changes.event';
export * from './sla-clocks.event';
export * from './sla-periods.event';
export * from './ola-attribution.event';
export * from './credits-ledger.event';
export * from './notification-deliveries.event';
export * from './topics.constant';
export * from './incident-fields.constant';
