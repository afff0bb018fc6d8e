import { readTelemetryConfig } from './telemetry.config';

describe(readTelemetryConfig.name, () => {
  it('exports nowhere when OTEL_EXPORTER_OTLP_ENDPOINT is unset or empty', () => {
    const problems: string[] = [];
    expect(readTelemetryConfig({}, problems)).toEqual({});
    expect(readTelemetryConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: ' ' }, problems)).toEqual({});
    expect(problems).toEqual([]);
  });

  it('takes an http(s) collector and names the variable otherwise', () => {
    const problems: string[] = [];
    expect(readTelemetryConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, problems)).toEqual({ otlpEndpoint: 'http://collector:4318' });
    expect(readTelemetryConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, problems)).toEqual({});
    expect(problems).toEqual(['OTEL_EXPORTER_OTLP_ENDPOINT: expected an http(s) URL like http://collector:4318, got "collector:4318"']);
  });
});
