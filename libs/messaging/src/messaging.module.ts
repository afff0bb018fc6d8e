import { type DynamicModule, type FactoryProvider, Inject, Injectable, Module, type ModuleMetadata, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventBus } from './core/event-bus.type';

/** Injection token of the process's EventBus. */
export const EVENT_BUS = Symbol('EVENT_BUS');

export interface MessagingModuleOptions {
  /** Builds the bus (Kafka or in-process), e.g. from the service's validated config. */
  useFactory: FactoryProvider<EventBus | Promise<EventBus>>['useFactory'];
  inject?: FactoryProvider['inject'];
  imports?: ModuleMetadata['imports'];
}

/**
 * Starts the bus once every module has initialised (so subscriptions made in onModuleInit
 * are all in place before the first event) and stops it on shutdown.
 */
@Injectable()
class EventBusLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(EVENT_BUS) private readonly bus: EventBus) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.stop();
  }
}

/** Thin NestJS wrapper: the bus itself knows nothing of Nest. */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: options.imports ?? [],
      providers: [{ provide: EVENT_BUS, useFactory: options.useFactory, inject: options.inject ?? [] }, EventBusLifecycle],
      exports: [EVENT_BUS],
    };
  }
}
