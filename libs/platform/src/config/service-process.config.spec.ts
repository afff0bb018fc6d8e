import { ConfigException } from './config.exception';
import { readServiceProcessConfig, serviceProcessEnvironment } from './service-process.config';
import type { ServiceDefinition } from '../service/service-definition.type';
import { defineSettings } from './settings.util';

const DB = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/underpin' };
const OWN = defineSettings('spec', [{ name: 'SPEC_LIMIT', description: 'a limit', default: '3' }]);

/** A service with one setting of its own, which refuses anything but digits. */
const service: ServiceDefinition = {
  name: 'spec-service',
  subgraph: false,
  module: () => ({ module: class SpecModule {} }),
  settings: {
    groups: [OWN],
    read: (env) => {
      const raw = env['SPEC_LIMIT'] ?? '3';
      if (!/^\d+$/.test(raw)) throw new ConfigException([`SPEC_LIMIT: expected digits, got "${raw}"`]);
      return { values: { limit: Number(raw) }, service: { ...service, name: `spec-service-${raw}` } };
    },
  },
};

describe(readServiceProcessConfig.name, () => {
  it("listens on 127.0.0.1:3000 under the service's own Kafka client id by default", () => {
    const config = readServiceProcessConfig(service, DB);
    expect(config).toMatchObject({ listen: { host: '127.0.0.1', port: 3000 }, platform: { bus: 'kafka', kafkaClientId: 'underpin-spec-service' }, own: { limit: 3 }, telemetry: {} });
    expect(config.service.name).toBe('spec-service-3');
  });

  it("lists the platform's, the server's, tracing's and the service's own problems at once", () => {
    const read = () => readServiceProcessConfig(service, { LOG_LEVEL: 'loud', PORT: '-1', HOST: 'my host', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318', SPEC_LIMIT: 'many' });
    expect(read).toThrow(ConfigException);
    expect(() => read()).toThrow(
      [
        'invalid configuration:',
        '  DATABASE_URL: required (e.g. postgres://user:pass@host:5432/underpin)',
        '  LOG_LEVEL: expected error, warn, log or debug',
        '  PORT: expected a non-negative integer, got "-1"',
        '  HOST: expected an address like 127.0.0.1 or 0.0.0.0, got "my host"',
        '  OTEL_EXPORTER_OTLP_ENDPOINT: expected an http(s) URL like http://collector:4318, got "collector:4318"',
        '  SPEC_LIMIT: expected digits, got "many"',
      ].join('\n'),
    );
  });
});

describe(serviceProcessEnvironment.name, () => {
  it("lists the platform's groups, then the service's, with the service's client id as the default", () => {
    const environment = serviceProcessEnvironment(service);
    expect(environment.groups.map((group) => group.title)).toEqual(['Services: database, Kafka, retention', 'HTTP and logs', 'Tracing', 'spec']);
    expect(environment.groups[0]!.settings.find((s) => s.name === 'KAFKA_CLIENT_ID')?.default).toBe('underpin-spec-service');
    expect(environment.read(DB)).not.toHaveProperty('service');
  });
});
