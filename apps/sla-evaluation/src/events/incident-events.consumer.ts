import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { INCIDENT_EVENTS_TOPIC, incidentEventFromWire, type EnvelopeOf } from '@underpin/contracts';
import { IdempotentConsumer, typeOrmTransactional, type Subscription } from '@underpin/messaging';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@underpin/platform';
import { TrackingService } from '../tracking/tracking.service';

type IncidentEnvelope = EnvelopeOf<typeof INCIDENT_EVENTS_TOPIC>;

export const SLA_EVALUATION_SCHEMA = 'sla_evaluation';
export const INCIDENT_EVENTS_GROUP = 'sla-evaluation.incidents';

/**
 * Applies incident events exactly once in effect: the event id is recorded in the same
 * transaction as the tracking row, so a redelivered event changes nothing.
 */
@Injectable()
export class IncidentEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IncidentEventsConsumer.name);
  private subscription: Subscription | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tracking: TrackingService,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  onApplicationBootstrap(): void {
    const consumer = new IdempotentConsumer<EntityManager, IncidentEnvelope>({
      transactional: typeOrmTransactional(this.dataSource),
      schema: SLA_EVALUATION_SCHEMA,
      group: INCIDENT_EVENTS_GROUP,
      apply: (manager, envelope) =>
        this.tracking.apply(manager, incidentEventFromWire(envelope.type, envelope.payload as never), new Date(this.runtime.now())),
    });
    this.subscription = this.runtime.bus.subscribe({
      topic: INCIDENT_EVENTS_TOPIC,
      group: INCIDENT_EVENTS_GROUP,
      handler: consumer.handler,
    });
    this.logger.log(`consuming ${INCIDENT_EVENTS_TOPIC.name} as ${INCIDENT_EVENTS_GROUP}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
  }
}
