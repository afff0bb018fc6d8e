import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { incidentCatalogVersion, type IncidentEvent, type IncidentTimeline } from '@underpin/domain';
import { SERVICE_RUNTIME, connectionOf, decodeCursor, encodeCursor, invalidCursor, type PageArgs, type ServiceRuntime } from '@underpin/platform';
import { CompiledCatalogsService } from '../catalog/compiled-catalogs.service';
import { restoreIncidentRecord } from '../tracking/incident-record.util';
import type { ClockAlertModel, ClockModel, TeamQueueConnectionModel } from '../graphql/schema.type';
import { byDueTime, compareQueueKeys, queueKeyOf, queueOrder, remainingBudget, toClockModel, type FiredWarning, type QueueKey } from './clock-view.util';
import { evaluateIncidentClocks, evaluationInstant, type IncidentClock } from './incident-clocks.util';

interface TimelineRow {
  id: string;
  priority: string | null;
  state: IncidentTimeline | null;
  events: IncidentEvent[] | null;
}

const TIMELINE_COLUMNS = `id, priority, state, CASE WHEN state IS NULL THEN timeline END AS events`;

const QUEUE_LIST = 'teamQueue';

/**
 * Clocks as of the query: evaluated from the stored timeline at the runtime's now, so a
 * running clock's elapsed time is current rather than that of its last event or timer.
 */
@Injectable()
export class ClockQueryService {
  private readonly logger = new Logger(ClockQueryService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogs: CompiledCatalogsService,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  async clocksOf(incident: string): Promise<ClockModel[]> {
    const rows = (await this.dataSource.query(`SELECT ${TIMELINE_COLUMNS} FROM sla_evaluation.tracked_incidents WHERE id = $1`, [incident])) as TimelineRow[];
    if (rows.length === 0) return [];
    const warnings = await this.firedWarnings([incident]);
    return (await this.evaluate(rows[0])).map((clock) => toClockModel(clock, warnings));
  }

  /**
   * A page of the party's queue, ranked now. The cursor is the sort key of the page's last
   * entry, so the next page starts after it in the ranking as it stands when that page is asked.
   */
  async teamQueue(party: string, { first, after }: PageArgs): Promise<TeamQueueConnectionModel> {
    const from = after ? queueCursorKey(after) : undefined;
    const rows = (await this.dataSource.query(
      `SELECT ${TIMELINE_COLUMNS} FROM sla_evaluation.tracked_incidents WHERE status = 'open' AND holder = $1`,
      [party],
    )) as TimelineRow[];
    const entries = await Promise.all(rows.map(async (row) => {
      const clocks = await this.evaluate(row);
      const deadlines = byDueTime(clocks.map((clock) => toClockModel(clock, [])));
      return { id: row.id, priority: row.priority, clocks, remainingSeconds: remainingBudget(deadlines), deadlines };
    }));
    const ranked = queueOrder(entries);
    const start = from === undefined ? 0 : ranked.findIndex((entry) => compareQueueKeys(queueKeyOf(entry), from) > 0);
    const window = start < 0 ? [] : ranked.slice(start, start + first + 1);
    const warnings = await this.firedWarnings(window.slice(0, first).map((entry) => entry.id));
    return connectionOf(
      window,
      first,
      (entry) => encodeCursor(QUEUE_LIST, encodeQueueKey(queueKeyOf(entry))),
      (entry) => ({
        incident: { id: entry.id },
        priority: entry.priority,
        remainingSeconds: entry.remainingSeconds,
        deadlines: byDueTime(entry.clocks.map((clock) => toClockModel(clock, warnings))),
      }),
    );
  }

  async alertsOf(incident: string, includeWithdrawn: boolean): Promise<ClockAlertModel[]> {
    const rows = (await this.dataSource.query(
      `SELECT agreement, objective, kind, threshold, at, due_at, fired_at, historical, restated_at, withdrawn_at, withdraw_reason, revision
       FROM sla_evaluation.alerts WHERE incident = $1 AND ($2 OR withdrawn_at IS NULL)
       ORDER BY at, agreement, objective, threshold`,
      [incident, includeWithdrawn],
    )) as Array<{
      agreement: string;
      objective: string;
      kind: 'warning' | 'breach';
      threshold: number;
      at: Date;
      due_at: Date;
      fired_at: Date;
      historical: boolean;
      restated_at: Date | null;
      withdrawn_at: Date | null;
      withdraw_reason: string | null;
      revision: string | null;
    }>;
    return rows.map((row) => ({
      agreement: row.agreement,
      objective: row.objective,
      kind: row.kind,
      threshold: row.threshold,
      at: row.at,
      dueAt: row.due_at,
      firedAt: row.fired_at,
      historical: row.historical,
      status: row.withdrawn_at === null ? 'fired' : 'withdrawn',
      restatedAt: row.restated_at,
      withdrawnAt: row.withdrawn_at,
      withdrawReason: row.withdraw_reason,
      revision: row.revision,
    }));
  }

  /** At the present, under the catalogue version that applies to the incident (see ClockRefreshService). */
  private async evaluate(row: TimelineRow): Promise<IncidentClock[]> {
    const latest = this.catalogs.current();
    if (latest === undefined) return [];
    try {
      const timeline = restoreIncidentRecord(row.events ?? [], row.state, []).timeline;
      const at = evaluationInstant(timeline, this.runtime.now());
      const version = incidentCatalogVersion(timeline, await this.catalogs.over(timeline.openedAt ?? at, at), at) ?? latest;
      return evaluateIncidentClocks(version, timeline, at);
    } catch (error) {
      this.logger.error(`incident ${row.id}: clocks not evaluated: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  }

  private async firedWarnings(incidents: string[]): Promise<FiredWarning[]> {
    if (incidents.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT incident, agreement, objective, threshold, at, fired_at FROM sla_evaluation.alerts
       WHERE incident = ANY($1::text[]) AND kind = 'warning' AND withdrawn_at IS NULL`,
      [incidents],
    )) as Array<{ incident: string; agreement: string; objective: string; threshold: number; at: Date; fired_at: Date }>;
    return rows.map((row) => ({ incident: row.incident, agreement: row.agreement, objective: row.objective, threshold: row.threshold, at: row.at, firedAt: row.fired_at }));
  }
}

// JSON has no Infinity: "nothing counting" and "never due" travel as "none".
function encodeQueueKey(key: QueueKey): Array<number | string> {
  return [Number.isFinite(key.remaining) ? key.remaining : 'none', Number.isFinite(key.soonest) ? key.soonest : 'none', key.id];
}

function queueCursorKey(after: string): QueueKey {
  const [remaining, soonest, id] = decodeCursor(after, QUEUE_LIST);
  const bound = (value: unknown) => (value === 'none' ? Infinity : typeof value === 'number' && Number.isFinite(value) ? value : undefined);
  const key = { remaining: bound(remaining), soonest: bound(soonest), id };
  if (key.remaining === undefined || key.soonest === undefined || typeof key.id !== 'string') throw invalidCursor();
  return key as QueueKey;
}
