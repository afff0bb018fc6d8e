import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { EscalationModule } from '../escalation/escalation.module';
import { NotificationsLoopService } from './notifications-loop.service';

/** The loop that drives the durable work: matching, due timers, due deliveries. */
@Module({
  imports: [EscalationModule, DeliveryModule],
  providers: [NotificationsLoopService],
})
export class LoopModule {}
