export * from './telemetry.util';
export * from './config/telemetry.config';
