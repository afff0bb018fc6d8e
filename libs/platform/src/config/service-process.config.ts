import { readTelemetryConfig, TELEMETRY_SETTINGS, type TelemetryConfig } from '@underpin/telemetry';
import type { ServiceDefinition } from '../service/service-definition.type';
import { HTTP_SETTINGS, PLATFORM_SETTINGS } from './platform-settings.constant';
import { ConfigException } from './config.exception';
import { gatherProblems, readListenConfig, readPlatformConfig, type ListenConfig, type PlatformConfig } from './platform.config';
import type { AppEnvironment, Env } from './setting.type';
import { adjustSettings } from './settings.util';

/** Everything one service process reads, checked at once before it connects or listens. */
export interface ServiceProcessConfig {
  platform: PlatformConfig;
  listen: ListenConfig;
  telemetry: TelemetryConfig;
  /** The service's own settings as read (absent for a service without any). */
  own?: unknown;
  /** The service, configured with them. */
  service: ServiceDefinition;
}

/** One service alone in a process of the distributed mode, on Kafka. */
export function readServiceProcessConfig(definition: ServiceDefinition, env: Env): ServiceProcessConfig {
  const problems: string[] = [];
  const platform = gatherProblems(problems, () => readPlatformConfig(env, { bus: 'kafka', kafkaClientId: clientIdOf(definition) }));
  const listen = gatherProblems(problems, () => readListenConfig(env));
  const telemetry = readTelemetryConfig(env, problems);
  const own = definition.settings ? gatherProblems(problems, () => definition.settings!.read(env, platform)) : undefined;
  if (problems.length > 0) throw new ConfigException(problems);
  return { platform: platform!, listen: listen!, telemetry, ...(own ? { own: own.values } : {}), service: own?.service ?? definition };
}

/** The settings of this process, from its environment. */
export function serviceProcessConfigFromProcess(definition: ServiceDefinition): ServiceProcessConfig {
  return readServiceProcessConfig(definition, process.env);
}

/** What a service's process reads, for its `.env.example` and docs/configuration.md. */
export function serviceProcessEnvironment(definition: ServiceDefinition): AppEnvironment {
  return {
    app: definition.name,
    groups: [
      adjustSettings(PLATFORM_SETTINGS, { KAFKA_CLIENT_ID: { default: clientIdOf(definition) } }),
      HTTP_SETTINGS,
      TELEMETRY_SETTINGS,
      ...(definition.settings?.groups ?? []),
    ],
    read: (env) => {
      const { service: _service, ...values } = readServiceProcessConfig(definition, env);
      return values;
    },
  };
}

function clientIdOf(definition: ServiceDefinition): string {
  return `underpin-${definition.name}`;
}
