import type { EventBus } from '@underpin/messaging';
import type { PlatformConfig } from '../config/platform.config';

export const SERVICE_RUNTIME = Symbol('SERVICE_RUNTIME');

/**
 * What a service receives from its host, the same in both ways to run: in distributed mode
 * one process hosts one service on Kafka; in all-in-one mode one process hosts all of them
 * on one shared in-process bus. Services cannot tell the two apart.
 */
export interface ServiceRuntime {
  config: PlatformConfig;
  bus: EventBus;
  /** The time source; tests inject a controllable one. Domain code receives time from here. */
  now(): number;
}
