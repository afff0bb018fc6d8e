import { Module } from '@nestjs/common';
import { EscalationModule } from '../escalation/escalation.module';
import { KnownIncidentsModule } from '../known-incidents/known-incidents.module';
import { NotificationTriggersConsumer } from './events/notification-triggers.consumer';
import { ApplyIncidentEventUseCase } from './use-cases/apply-incident-event/apply-incident-event.use-case';

/** What the service hears (incident timelines, clock alerts, exit triggers), applied once each. */
@Module({
  imports: [KnownIncidentsModule, EscalationModule],
  providers: [ApplyIncidentEventUseCase, NotificationTriggersConsumer],
})
export class IntakeModule {}
