import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  CREDITS_LEDGER_TOPIC,
  INCIDENT_EVENTS_TOPIC,
  SLA_CLOCKS_TOPIC,
  type ClockAlertPayload,
  type ClockAlertWithdrawnPayload,
  type EnvelopeOf,
} from '@underpin/contracts';
import type { SqlRunner, Subscription } from '@underpin/messaging';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@underpin/platform';
import { DataSource } from 'typeorm';
import { TriggerService } from '../../escalation/trigger.service';
import { WithdrawAlertUseCase } from '../../escalation/use-cases/withdraw-alert/withdraw-alert.use-case';
import { ApplyIncidentEventUseCase, type IncidentEnvelope } from '../use-cases/apply-incident-event/apply-incident-event.use-case';
import { idempotentHandler } from './idempotent-handler.util';

type ClockEnvelope = EnvelopeOf<typeof SLA_CLOCKS_TOPIC>;
type LedgerEnvelope = EnvelopeOf<typeof CREDITS_LEDGER_TOPIC>;

export const NOTIFICATION_GROUPS = {
  incidents: 'notifications.incidents',
  clocks: 'notifications.sla-clocks',
  ledger: 'notifications.credits-ledger',
} as const;

/**
 * Everything this service hears: incident timelines (its incident copy, the status feed and
 * the not-acknowledged timers), clock warnings and breaches, and fired exit triggers.
 */
@Injectable()
export class NotificationTriggersConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationTriggersConsumer.name);
  private subscriptions: Subscription[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly applyIncidentEvent: ApplyIncidentEventUseCase,
    private readonly triggers: TriggerService,
    private readonly withdrawAlert: WithdrawAlertUseCase,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  onApplicationBootstrap(): void {
    const { bus } = this.runtime;
    const handler = <E extends IncidentEnvelope | ClockEnvelope | LedgerEnvelope>(group: string, apply: (sql: SqlRunner, envelope: E, now: Date) => Promise<void>) =>
      idempotentHandler<E>(this.runtime, this.dataSource, group, apply);
    this.subscriptions = [
      bus.subscribe({
        topic: INCIDENT_EVENTS_TOPIC,
        group: NOTIFICATION_GROUPS.incidents,
        handler: handler<IncidentEnvelope>(NOTIFICATION_GROUPS.incidents, (sql, envelope, now) => this.applyIncidentEvent.execute(sql, envelope, now)),
      }),
      bus.subscribe({
        topic: SLA_CLOCKS_TOPIC,
        group: NOTIFICATION_GROUPS.clocks,
        handler: handler<ClockEnvelope>(NOTIFICATION_GROUPS.clocks, (sql, envelope, now) => this.recordAlert(sql, envelope, now)),
      }),
      bus.subscribe({
        topic: CREDITS_LEDGER_TOPIC,
        group: NOTIFICATION_GROUPS.ledger,
        handler: handler<LedgerEnvelope>(NOTIFICATION_GROUPS.ledger, (sql, envelope, now) => this.recordExitTrigger(sql, envelope, now)),
      }),
    ];
    this.logger.log(`consuming ${[INCIDENT_EVENTS_TOPIC, SLA_CLOCKS_TOPIC, CREDITS_LEDGER_TOPIC].map((t) => t.name).join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.subscriptions.map((subscription) => subscription.close()));
    this.subscriptions = [];
  }

  /**
   * A warning or breach becomes a trigger for the policies, unless it is historical (recorded
   * only) or a restatement of one recorded before (that trigger moves). A withdrawal takes
   * its alert back: escalations cancelled, corrections sent to whoever was told.
   */
  private async recordAlert(sql: SqlRunner, envelope: ClockEnvelope, now: Date): Promise<void> {
    if (envelope.type === 'sla.clock.withdrawn') {
      const withdrawn = envelope.payload as ClockAlertWithdrawnPayload;
      const alert = { incident: withdrawn.incident, agreement: withdrawn.agreement, objective: withdrawn.objective, event: withdrawn.kind, threshold: withdrawn.threshold };
      const outcome = await this.withdrawAlert.execute(sql, { alert, reason: withdrawn.reason, eventId: envelope.id }, now);
      this.logger.log(
        `${withdrawn.kind} of ${withdrawn.agreement}/${withdrawn.objective} on ${withdrawn.incident} withdrawn: ${outcome.cancelledEscalations} escalations and ${outcome.cancelledDeliveries} deliveries cancelled, ${outcome.corrections} corrections sent`,
      );
      return;
    }
    const alert = envelope.payload as ClockAlertPayload;
    const identity = { incident: alert.incident, agreement: alert.agreement, objective: alert.objective, event: alert.kind, threshold: alert.threshold };
    if (alert.restated && (await this.triggers.restate(sql, identity, new Date(alert.at), alert.dueAt, now))) return;
    await this.triggers.record(
      sql,
      {
        eventId: envelope.id,
        event: alert.kind,
        incident: alert.incident,
        agreement: alert.agreement,
        objective: alert.objective,
        threshold: alert.threshold,
        occurredAt: Date.parse(alert.at),
        details: { dueAt: alert.dueAt },
      },
      now,
      { historical: alert.historical === true },
    );
  }

  private async recordExitTrigger(sql: SqlRunner, envelope: LedgerEnvelope, now: Date): Promise<void> {
    if (envelope.type !== 'exit-trigger.fired') return;
    const fired = envelope.payload;
    await this.triggers.record(
      sql,
      { eventId: envelope.id, event: 'exit-trigger', agreement: fired.agreement, occurredAt: Date.parse(fired.at), details: { trigger: fired.trigger, count: fired.count } },
      now,
    );
  }
}
