import type { DynamicModule } from '@nestjs/common';
import type { PlatformConfig } from '../config/platform.config';
import type { Env, SettingGroup } from '../config/setting.type';
import type { ServiceRuntime } from './service-runtime.type';

/** A service as a host sees it: a name and the Nest module that runs it on a runtime. */
export interface ServiceDefinition {
  name: string;
  /** Whether the service publishes a GraphQL subgraph at /graphql. */
  subgraph: boolean;
  module(runtime: ServiceRuntime): DynamicModule;
  /** What the service reads from the environment beyond the platform's settings. */
  settings?: ServiceSettings;
  /**
   * Paths (and what lies below them) whose request bodies the service reads as streams
   * itself, with limits of its own: the platform's JSON body parser leaves them alone.
   */
  streamedBodyPaths?: readonly string[];
}

export interface ServiceSettings {
  readonly groups: readonly SettingGroup[];
  /**
   * Reads and checks them from `env`, throwing a ConfigException that lists every problem, and
   * gives the values read (plain data) and the service to start with them. Hosts call it for
   * every service before they start anything. `platform` is absent when the platform's own
   * settings had problems; checks against it are then left for the next start.
   */
  read(env: Env, platform: PlatformConfig | undefined): { values: unknown; service: ServiceDefinition };
}
