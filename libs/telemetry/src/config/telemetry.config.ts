/**
 * What tracing reads, declared as the platform declares settings (a `SettingGroup` of
 * libs/platform, by shape: telemetry depends on nothing of the platform, which checks this
 * group with the rest of a process's settings at boot).
 */
export const TELEMETRY_SETTINGS = {
  title: 'Tracing',
  settings: [
    {
      name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
      description:
        'OTLP/HTTP collector for traces (`http://collector:4318`); unset, nothing is exported, but trace context is still propagated, carried by records and written on log lines (docs/architecture.md § Trace context).',
      example: 'http://localhost:4318',
    },
  ],
} as const;

export interface TelemetryConfig {
  /** OTLP/HTTP endpoint of the collector; absent: spans are made and propagated, not exported. */
  otlpEndpoint?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads OTEL_EXPORTER_OTLP_ENDPOINT, adding a line naming it to `problems` when it is not an http(s) URL. */
export function readTelemetryConfig(env: Env, problems: string[]): TelemetryConfig {
  const endpoint = env[TELEMETRY_SETTINGS.settings[0].name]?.trim();
  if (!endpoint) return {};
  if (!/^https?:\/\/\S+$/.test(endpoint)) {
    problems.push(`OTEL_EXPORTER_OTLP_ENDPOINT: expected an http(s) URL like http://collector:4318, got "${endpoint}"`);
    return {};
  }
  return { otlpEndpoint: endpoint };
}

/**
 * The process's telemetry settings, read before anything else is loaded. A bad value is left
 * out here (tracing must not stop the import of a main) and stops the process at its config
 * check, with the rest of its problems.
 */
export function telemetryConfigFromProcess(): TelemetryConfig {
  return readTelemetryConfig(process.env, []);
}
