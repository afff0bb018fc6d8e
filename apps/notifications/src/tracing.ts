import { startTelemetry } from '@underpin/telemetry';

// Imported first by main.ts: instrumentations must be registered before Nest and pg load.
export const telemetry = startTelemetry({ serviceName: 'underpin-notifications' });
