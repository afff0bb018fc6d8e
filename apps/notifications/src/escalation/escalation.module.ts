import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { KnownIncidentsModule } from '../known-incidents/known-incidents.module';
import { TriggerService } from './trigger.service';
import { FireEscalationsUseCase } from './use-cases/fire-escalations/fire-escalations.use-case';
import { MatchTriggersUseCase } from './use-cases/match-triggers/match-triggers.use-case';
import { WithdrawAlertUseCase } from './use-cases/withdraw-alert/withdraw-alert.use-case';

/** Triggers matched against the escalation policies, armed as durable timers, fired into deliveries. */
@Module({
  imports: [KnownIncidentsModule, DeliveryModule],
  providers: [TriggerService, MatchTriggersUseCase, FireEscalationsUseCase, WithdrawAlertUseCase],
  exports: [TriggerService, MatchTriggersUseCase, FireEscalationsUseCase, WithdrawAlertUseCase],
})
export class EscalationModule {}
