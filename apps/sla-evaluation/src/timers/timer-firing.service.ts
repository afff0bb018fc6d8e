import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import type { EpochMs, IncidentEvent, IncidentTimeline } from '@underpin/domain';
import { ClockRefreshService, type TrackedTimeline } from '../clocks/clock-refresh.service';
import { restoreIncidentRecord } from '../tracking/incident-record.util';
import { trackedStateOf, type TrackedStateRow } from '../tracking/tracked-state.util';

export interface FiringPass {
  /** Due timers claimed (rows, several per incident possibly). */
  claimed: number;
  /** Warnings and breaches that fired. */
  fired: number;
  /** Earliest timer the pass scheduled. */
  earliestTimer: EpochMs | undefined;
}

/**
 * Claims due timers by locking their incidents' rows — the lock under which every path
 * rewrites an incident's clocks — skipping rows another replica or an event batch holds.
 * Skipped rows are not counted by LIMIT, so replicas share the due timers between them.
 */
const CLAIM_DUE = `
  SELECT i.id, i.state, CASE WHEN i.state IS NULL THEN i.timeline END AS events, i.alert_state, i.alert_horizon, i.clock_keys
  FROM sla_evaluation.timers t JOIN sla_evaluation.tracked_incidents i ON i.id = t.incident
  WHERE t.fire_at <= $1
  ORDER BY t.fire_at
  LIMIT $2
  FOR UPDATE OF i SKIP LOCKED`;

/**
 * Runs on connections of its own, held for the service's life: were it to queue for the
 * shared pool behind a burst of event batches, timers would fire late.
 */
@Injectable()
export class TimerFiringService {
  private readonly idle: QueryRunner[] = [];
  private readonly held: QueryRunner[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly clocks: ClockRefreshService,
  ) {}

  /**
   * Re-evaluates, at `now`, the clocks of incidents with a timer due by then, and fires what is
   * still due: a timer is a reminder to look, the clock decides. One transaction per call;
   * calls may run side by side (each on its own connection).
   */
  fireDue(now: EpochMs, limit: number): Promise<FiringPass> {
    return this.inTransaction(async (manager) => {
      const rows = (await manager.query(CLAIM_DUE, [new Date(now).toISOString(), limit])) as Array<
        TrackedStateRow & { id: string; state: IncidentTimeline | null; events: IncidentEvent[] | null }
      >;
      const incidents = new Map<string, TrackedTimeline>();
      for (const row of rows) {
        if (!incidents.has(row.id)) incidents.set(row.id, { id: row.id, timeline: restoreIncidentRecord(row.events ?? [], row.state, []).timeline, ...trackedStateOf(row) });
      }
      const saved = await this.clocks.refresh(manager, [...incidents.values()], now);
      return { claimed: rows.length, fired: saved.fired.length, earliestTimer: saved.earliestTimer };
    });
  }

  async earliestTimer(): Promise<EpochMs | undefined> {
    return this.withConnection(async (runner) => {
      const rows = (await runner.query(`SELECT min(fire_at) AS at FROM sla_evaluation.timers`)) as Array<{ at: Date | null }>;
      return rows[0]?.at?.getTime() ?? undefined;
    });
  }

  /** Gives the connections back; the loop calls it once it has stopped. */
  async release(): Promise<void> {
    const held = this.held.splice(0);
    this.idle.splice(0);
    await Promise.all(held.map((runner) => runner.release()));
  }

  private inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.withConnection(async (runner) => {
      await runner.startTransaction();
      try {
        const result = await work(runner.manager);
        await runner.commitTransaction();
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        throw error;
      }
    });
  }

  private async withConnection<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    let runner = this.idle.pop();
    if (runner === undefined) {
      runner = this.dataSource.createQueryRunner();
      this.held.push(runner);
    }
    try {
      const result = await work(runner);
      this.idle.push(runner);
      return result;
    } catch (error) {
      // The connection may be broken: give it back to the pool and take a fresh one next time.
      this.held.splice(this.held.indexOf(runner), 1);
      await runner.release().catch(() => undefined);
      throw error;
    }
  }
}
