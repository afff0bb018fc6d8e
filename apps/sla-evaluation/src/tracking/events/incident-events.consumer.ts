import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { INCIDENT_EVENTS_TOPIC, incidentEventFromWire, type EnvelopeOf } from '@underpin/contracts';
import { IdempotentConsumer, type HandlerContext, type Subscription } from '@underpin/messaging';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@underpin/platform';
import { ClockRefreshService } from '../../clocks/clock-refresh.service';
import { SLA_EVALUATION_CONFIG, type SlaEvaluationConfig } from '../../config/sla-evaluation.config';
import { unitOfWork, type UnitOfWork } from '../../database/unit-of-work.util';
import { ClockTimerLoopService } from '../../timers/clock-timer-loop.service';
import { TrackingService } from '../tracking.service';
import { SLA_EVALUATION_SCHEMA } from '../../database/sla-evaluation-database.constant';
import { INCIDENT_EVENTS_GROUP } from './incident-events.constant';

type IncidentEnvelope = EnvelopeOf<typeof INCIDENT_EVENTS_TOPIC>;

/**
 * Applies incident events exactly once in effect: a batch's event ids are recorded in the
 * same transaction as the timelines, the clocks, the timers and the alerts they cause, so a
 * redelivered event changes nothing. Once committed, the timer loop is told of the earliest
 * timer scheduled, in case it sleeps past it.
 *
 * A batch read from a backlog (more events wait behind it in the partition) judges alerts
 * only up to each incident's latest event: a waiting event may stop a clock before now. What
 * would have crossed since is left to the timer loop, which waits for the backlog first.
 */
@Injectable()
export class IncidentEventsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(IncidentEventsConsumer.name);
  private subscription: Subscription | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tracking: TrackingService,
    private readonly clocks: ClockRefreshService,
    private readonly timers: ClockTimerLoopService,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(SLA_EVALUATION_CONFIG) private readonly config: SlaEvaluationConfig,
  ) {}

  onApplicationBootstrap(): void {
    const consumer = new IdempotentConsumer<UnitOfWork, IncidentEnvelope>({
      transactional: unitOfWork(this.dataSource),
      schema: SLA_EVALUATION_SCHEMA,
      group: INCIDENT_EVENTS_GROUP,
      applyBatch: (work, envelopes, context) => this.apply(work, envelopes, context),
    });
    this.subscription = this.runtime.bus.subscribe({
      topic: INCIDENT_EVENTS_TOPIC,
      group: INCIDENT_EVENTS_GROUP,
      batchHandler: consumer.batchHandler,
      maxBatchSize: this.config.incidentBatchSize,
      // An event the timeline rules refuse is kept aside, not thrown, and one incident the
      // catalogue cannot measure is logged: what still fails is the database, which comes
      // back. Dead-lettering a batch then would lose timeline events for good.
      retry: { onExhausted: 'block' },
    });
    this.logger.log(`consuming ${INCIDENT_EVENTS_TOPIC.name} as ${INCIDENT_EVENTS_GROUP}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
  }

  private async apply(work: UnitOfWork, envelopes: IncidentEnvelope[], context: HandlerContext): Promise<void> {
    const now = this.runtime.now();
    const events = envelopes.map((envelope) => incidentEventFromWire(envelope.type, envelope.payload as never));
    const touched = await this.tracking.apply(work.manager, events, now);
    const saved = await this.clocks.refresh(work.manager, touched, now, { eventTimeOnly: context.backlog > 0 });
    work.afterCommit(() => this.timers.scheduled(saved.earliestTimer));
  }
}
