export * from './telemetry';
export * from './config/telemetry.config';
