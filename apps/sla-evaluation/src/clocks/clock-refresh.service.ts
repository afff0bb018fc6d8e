import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EpochMs, IncidentTimeline } from '@underpin/domain';
import type { CompiledCatalog } from '../catalog/compiled-catalog.util';
import { CompiledCatalogs } from '../catalog/compiled-catalogs.service';
import { ClockStore, type IncidentEvaluation, type SavedEvaluations } from './clock-store.service';
import { evaluateIncidentClocks, evaluationInstant, type IncidentClock } from './incident-clocks.util';

export interface TrackedTimeline {
  id: string;
  timeline: IncidentTimeline;
  /** Alerts already fired for the incident (its row's `alerted`). */
  alerted: readonly string[];
  /** The clocks stored for it (its row's `clock_keys`), so those that no longer apply go. */
  clockKeys: readonly string[];
}

/**
 * Re-evaluates incidents' clocks under the catalogue in force and stores them with their
 * timers and any threshold newly crossed. Every path that changes a clock goes through here:
 * a timeline event, a timer coming due, a new catalogue revision.
 */
@Injectable()
export class ClockRefresher {
  private readonly logger = new Logger(ClockRefresher.name);

  constructor(
    private readonly catalogs: CompiledCatalogs,
    private readonly store: ClockStore,
  ) {}

  /** In the caller's transaction, which holds the incidents' rows. */
  async refresh(manager: EntityManager, incidents: readonly TrackedTimeline[], now: EpochMs): Promise<SavedEvaluations> {
    const compiled = this.catalogs.current();
    // Without a catalogue there is nothing to measure against; the timeline is kept and the
    // clocks appear when the first catalogue arrives.
    if (compiled === undefined) return { earliestTimer: undefined, fired: [] };
    const evaluations: IncidentEvaluation[] = incidents.map(({ id, timeline, alerted, clockKeys }) => {
      const evaluatedAt = evaluationInstant(timeline, now);
      return { incident: id, evaluatedAt, revision: compiled.revision, alerted, storedClocks: clockKeys, clocks: this.clocksOf(compiled, id, timeline, evaluatedAt) };
    });
    return this.store.save(manager, evaluations, now);
  }

  private clocksOf(compiled: CompiledCatalog, id: string, timeline: IncidentTimeline, at: EpochMs): IncidentClock[] {
    try {
      return evaluateIncidentClocks(compiled, timeline, at);
    } catch (error) {
      // One incident the catalogue cannot measure must not stop the others (nor spin a timer).
      this.logger.error(`incident ${id}: clocks not evaluated under catalogue ${compiled.revision}: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  }
}
