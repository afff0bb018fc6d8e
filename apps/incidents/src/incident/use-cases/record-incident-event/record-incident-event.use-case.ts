import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { applyIncidentEvent, buildIncidentTimeline, isPaused, priorityOf, type IncidentEvent, type IncidentTimeline } from '@underpin/domain';
import { INCIDENT_FIELD_RULES as RULES } from '@underpin/contracts';
import { StateConflictException, InputChecker, UnknownEntityException, SERVICE_RUNTIME, type ServiceRuntime } from '@underpin/platform';
import { IncidentEntity } from '../../incident.entity';
import type { IncidentModel } from '../../../graphql/schema.type';
import { toIncidentModel } from '../../incident-mapper.util';
import { TimelineWriterService } from '../../timeline-writer.service';

/** A change to an open incident, as the caller states it; `at` defaults to now. */
export type IncidentChange =
  | { type: 'incident.acknowledged' }
  | { type: 'incident.handover'; to: string }
  | { type: 'incident.paused'; reason: string }
  | { type: 'incident.resumed' }
  | { type: 'incident.resolved' }
  | { type: 'incident.reopened' }
  | { type: 'incident.closed' }
  | { type: 'incident.reprioritized'; impact: IncidentEntity['impact']; urgency: IncidentEntity['urgency'] };

export interface RecordOptions {
  at?: Date | null;
  /** Idempotency key of an externally delivered event. */
  externalKey?: string;
}

export interface RecordResult {
  incident: IncidentModel;
  seq: number;
  duplicate: boolean;
}

/**
 * Records one timeline event: the domain's transition rules decide whether it is allowed
 * (resolve a closed incident, resume what is not paused… are conflicts), then the event row,
 * the incident's summary and the outgoing event commit together. Concurrent changes to one
 * incident serialise on its row.
 */
@Injectable()
export class RecordIncidentEventUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly timeline: TimelineWriterService,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  async execute(incidentId: string, change: IncidentChange, options: RecordOptions = {}): Promise<RecordResult> {
    const at = options.at ?? new Date(this.runtime.now());
    validate(incidentId, change, at);
    return this.dataSource.transaction(async (manager) => {
      if (options.externalKey) {
        const seen = await this.timeline.hasExternalKey(manager, options.externalKey);
        if (seen) {
          const row = await manager.findOneByOrFail(IncidentEntity, { id: seen.incident });
          return { incident: toIncidentModel(row), seq: seen.seq, duplicate: true };
        }
      }
      const row = await manager.findOne(IncidentEntity, { where: { id: incidentId }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new UnknownEntityException('incident', incidentId);
      const events = await this.timeline.read(manager, incidentId);
      const built = buildIncidentTimeline(events);
      if (!built.ok) throw new StateConflictException(`${incidentId}: stored timeline is inconsistent: ${built.error.message}`, built.error.code);
      const event = { ...change, incident: incidentId, at: at.getTime() } as IncidentEvent;
      const next = applyIncidentEvent(built.state, event);
      if (!next.ok) throw new StateConflictException(next.error.message, next.error.code);
      await this.timeline.append(manager, events.length + 1, event, options.externalKey);
      summarise(row, next.state, event);
      await manager.save(row);
      return { incident: toIncidentModel(row), seq: events.length + 1, duplicate: false };
    });
  }
}

/** The limits of the event this records, checked before anything is read or written. */
function validate(incidentId: string, change: IncidentChange, at: Date): void {
  new InputChecker()
    .rule(incidentId, 'id', RULES.incident, { required: true })
    .rule(change.type === 'incident.handover' ? change.to : null, 'to', RULES.to, { required: change.type === 'incident.handover' })
    .rule(change.type === 'incident.paused' ? change.reason : null, 'reason', RULES.reason, { required: change.type === 'incident.paused' })
    .require(!Number.isNaN(at.getTime()), 'at', 'must be a valid date-time')
    .throwIfAny();
}

function summarise(row: IncidentEntity, state: IncidentTimeline, event: IncidentEvent): void {
  row.status = state.status === 'open' && isPaused(state) ? 'paused' : state.status === 'new' ? 'open' : state.status;
  row.assignee = state.holder ?? null;
  if (event.type === 'incident.reprioritized') {
    row.impact = event.impact;
    row.urgency = event.urgency;
    row.priority = priorityOf(event.impact, event.urgency);
  }
}
