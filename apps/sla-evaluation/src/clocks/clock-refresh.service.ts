import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  applyAlertChanges,
  incidentAlerts,
  incidentCatalogVersion,
  reconcileAlerts,
  type EpochMs,
  type IncidentAlert,
  type IncidentEvent,
  type IncidentTimeline,
  type RecordedAlert,
} from '@underpin/domain';
import type { CompiledCatalog } from '../catalog/compiled-catalog.util';
import { CompiledCatalogsService } from '../catalog/compiled-catalogs.service';
import { ClockStoreService, type IncidentEvaluation, type SavedEvaluations } from './clock-store.service';
import { evaluateIncidentClocks, evaluationInstant, type IncidentClock } from './incident-clocks.util';
import { withdrawalReason } from './withdrawal-reason.util';

export interface TrackedTimeline {
  id: string;
  timeline: IncidentTimeline;
  /** The alerts recorded for the incident (its row's `alert_state`). */
  recorded: readonly RecordedAlert[];
  /** The horizon they were judged up to; a later evaluation never judges short of it. */
  alertHorizon: EpochMs | undefined;
  /** The clocks stored for it (its row's `clock_keys`), so those that no longer apply go. */
  clockKeys: readonly string[];
  /** The incident's events applied by the evaluation's cause, if events caused it. */
  applied?: readonly IncidentEvent[];
}

export interface RefreshOptions {
  /**
   * Judge alerts only up to each incident's latest event, not up to the present: events
   * known to be waiting (a consumer backlog) may still stop a clock before now.
   */
  eventTimeOnly?: boolean;
}

const NOTHING_SAVED: SavedEvaluations = { earliestTimer: undefined, fired: [], restated: [], withdrawn: [] };

/**
 * Re-evaluates incidents' clocks and alerts and stores them with their timers and every
 * change of their alerts. Every path that changes a clock goes through here: a timeline
 * event, a timer coming due, a new catalogue version.
 *
 * Clocks are read at the present under the catalogue version that applies to the incident.
 * Alerts are the domain's function of the timeline and the catalogue versions up to a
 * horizon: the present, or only the latest event while events are known to be waiting. The
 * horizon of an incident never moves back, so nothing once judged to have happened is taken
 * back for want of time; only events can show that an alert never happened.
 */
@Injectable()
export class ClockRefreshService {
  private readonly logger = new Logger(ClockRefreshService.name);

  constructor(
    private readonly catalogs: CompiledCatalogsService,
    private readonly store: ClockStoreService,
  ) {}

  /** In the caller's transaction, which holds the incidents' rows. */
  async refresh(manager: EntityManager, incidents: readonly TrackedTimeline[], now: EpochMs, options: RefreshOptions = {}): Promise<SavedEvaluations> {
    const latest = this.catalogs.current();
    // Without a catalogue there is nothing to measure against; the timeline is kept and the
    // clocks appear when the first catalogue arrives.
    if (latest === undefined || incidents.length === 0) return NOTHING_SAVED;
    const judged = incidents.map((incident) => ({ incident, evaluatedAt: evaluationInstant(incident.timeline, now), horizon: horizonOf(incident, now, options) }));
    const openings = incidents.map(({ timeline }) => timeline.openedAt ?? now);
    const versions = await this.catalogs.over(Math.min(...openings), Math.max(...judged.map((j) => j.evaluatedAt)));
    const evaluations = judged.map(({ incident, evaluatedAt, horizon }) => this.evaluate(incident, versions, latest, evaluatedAt, horizon));
    return this.store.save(manager, evaluations, now);
  }

  private evaluate(tracked: TrackedTimeline, versions: CompiledCatalog[], latest: CompiledCatalog, evaluatedAt: EpochMs, horizon: EpochMs): IncidentEvaluation {
    const { id, timeline } = tracked;
    const version = incidentCatalogVersion(timeline, versions, evaluatedAt) ?? latest;
    const clocks = this.clocksOf(version, id, timeline, evaluatedAt);
    const happened = this.alertsOf(id, timeline, versions, horizon, tracked.recorded);
    const changes = reconcileAlerts(tracked.recorded, happened);
    return {
      incident: id,
      clocks,
      evaluatedAt,
      revision: version.revision,
      latestRevision: latest.revision,
      storedClocks: tracked.clockKeys,
      horizon,
      changes,
      alertState: applyAlertChanges(tracked.recorded, changes),
      withdrawReason: (alert) => withdrawalReason(alert, tracked.applied ?? []),
    };
  }

  private clocksOf(version: CompiledCatalog, id: string, timeline: IncidentTimeline, at: EpochMs): IncidentClock[] {
    try {
      return evaluateIncidentClocks(version, timeline, at);
    } catch (error) {
      // One incident the catalogue cannot measure must not stop the others (nor spin a timer).
      this.logger.error(`incident ${id}: clocks not evaluated under catalogue ${version.revision}: ${errorText(error)}`);
      return [];
    }
  }

  private alertsOf(id: string, timeline: IncidentTimeline, versions: CompiledCatalog[], horizon: EpochMs, recorded: readonly RecordedAlert[]): IncidentAlert[] {
    try {
      return incidentAlerts(timeline, versions, horizon);
    } catch (error) {
      // Not measurable under these terms: what was recorded stands; nothing is withdrawn for it.
      this.logger.error(`incident ${id}: alerts not judged: ${errorText(error)}`);
      return recorded.filter((alert) => !alert.withdrawn).map(({ withdrawn: _withdrawn, ...alert }) => alert);
    }
  }
}

function horizonOf(incident: TrackedTimeline, now: EpochMs, options: RefreshOptions): EpochMs {
  const { timeline, alertHorizon } = incident;
  const candidate = options.eventTimeOnly ? (timeline.lastEventAt ?? now) : evaluationInstant(timeline, now);
  return alertHorizon !== undefined && alertHorizon > candidate ? alertHorizon : candidate;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
