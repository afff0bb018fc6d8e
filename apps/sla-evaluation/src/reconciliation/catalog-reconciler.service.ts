import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { IncidentEvent, IncidentTimeline } from '@underpin/domain';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@underpin/platform';
import { ClockRefreshService } from '../clocks/clock-refresh.service';
import { unitOfWork } from '../database/unit-of-work.util';
import { IncidentStreamWatchService } from '../timers/incident-stream-watch.service';
import { ClockTimerLoopService } from '../timers/clock-timer-loop.service';
import { restoreIncidentRecord } from '../tracking/incident-record.util';
import { TRACKED_STATE_COLUMNS, trackedStateOf, type TrackedStateRow } from '../tracking/tracked-state.util';
import { CLOCK_CATALOG_SOURCE, type ClockCatalogSource } from '../catalog/clock-catalog-source.type';
import { CompiledCatalogsService } from '../catalog/compiled-catalogs.service';

const BATCH = 500;
const HELD_RETRY_MS = 100;

/**
 * Open incidents not yet evaluated under `$1`, in id order after `$2`. Rows held by an
 * event batch are skipped: that batch evaluates them under the catalogue in force anyway.
 */
const CLAIM_STALE = `
  SELECT id, state, CASE WHEN state IS NULL THEN timeline END AS events, ${TRACKED_STATE_COLUMNS}
  FROM sla_evaluation.tracked_incidents
  WHERE status = 'open' AND (catalog_revision IS NULL OR catalog_revision <> $1) AND id > $2
  ORDER BY id
  LIMIT $3
  FOR UPDATE SKIP LOCKED`;

const COUNT_STALE = `
  SELECT count(*)::int AS n FROM sla_evaluation.tracked_incidents
  WHERE status = 'open' AND (catalog_revision IS NULL OR catalog_revision <> $1)`;

/**
 * Re-evaluates every open incident when the catalogue changes (and at start-up, for a change
 * that came while the service was down): from the stored timeline, so paused time and
 * segments carry over; timers are rescheduled by the same write.
 */
@Injectable()
export class CatalogReconcilerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CatalogReconcilerService.name);
  private unsubscribe: (() => void) | undefined;
  private current: Promise<void> | undefined;
  private again = false;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK_CATALOG_SOURCE) private readonly source: ClockCatalogSource,
    private readonly catalogs: CompiledCatalogsService,
    private readonly clocks: ClockRefreshService,
    private readonly timers: ClockTimerLoopService,
    private readonly watch: IncidentStreamWatchService,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: a long re-evaluation must neither hold up the boot nor the replica's consumer.
    this.unsubscribe = this.source.onChange(() => void this.reconcile());
    void this.reconcile();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.unsubscribe?.();
    await this.current;
  }

  /** Brings every open incident to the catalogue in force; resolves when none is left behind. */
  reconcile(): Promise<void> {
    if (this.current) {
      this.again = true;
      return this.current;
    }
    this.current = (async () => {
      try {
        do {
          this.again = false;
          await this.pass();
        } while (this.again && !this.stopping);
      } catch (error) {
        this.logger.error(`re-evaluation under the new catalogue failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        this.current = undefined;
      }
    })();
    return this.current;
  }

  private async pass(): Promise<void> {
    const transaction = unitOfWork(this.dataSource);
    let total = 0;
    while (!this.stopping) {
      const compiled = this.catalogs.current();
      if (compiled === undefined) return;
      let after = '';
      for (;;) {
        const batch = await transaction(async (work) => {
          const rows = (await work.manager.query(CLAIM_STALE, [compiled.revision, after, BATCH])) as Array<
            TrackedStateRow & { id: string; state: IncidentTimeline | null; events: IncidentEvent[] | null }
          >;
          const incidents = rows.map((row) => ({ id: row.id, timeline: restoreIncidentRecord(row.events ?? [], row.state, []).timeline, ...trackedStateOf(row) }));
          // While incident events wait to be handled, alerts are judged up to what they say.
          const saved = await this.clocks.refresh(work.manager, incidents, this.runtime.now(), { eventTimeOnly: !this.watch.caughtUp() });
          work.afterCommit(() => this.timers.scheduled(saved.earliestTimer));
          return rows.map((row) => row.id);
        });
        total += batch.length;
        if (batch.length < BATCH || this.stopping) break;
        after = batch[batch.length - 1];
      }
      const [{ n }] = (await this.dataSource.query(COUNT_STALE, [compiled.revision])) as Array<{ n: number }>;
      if (n === 0 || this.catalogs.current()?.revision !== compiled.revision) {
        if (total > 0) this.logger.log(`re-evaluated ${total} open incidents under catalogue ${compiled.revision}`);
        if (n === 0) return;
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, HELD_RETRY_MS));
    }
  }
}
