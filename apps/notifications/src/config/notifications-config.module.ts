import { Global, Module, type DynamicModule } from '@nestjs/common';
import { NOTIFICATIONS_CONFIG } from './notifications-config.constant';
import type { NotificationsConfig } from './notifications.config';

/** The service's settings, read once at boot, for every feature that needs them. */
@Global()
@Module({})
export class NotificationsConfigModule {
  static forRoot(config: NotificationsConfig): DynamicModule {
    return { module: NotificationsConfigModule, providers: [{ provide: NOTIFICATIONS_CONFIG, useValue: config }], exports: [NOTIFICATIONS_CONFIG] };
  }
}
