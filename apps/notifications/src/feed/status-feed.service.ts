import { Inject, Injectable } from '@nestjs/common';
import { toSqlRunner } from '@underpin/messaging';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@underpin/platform';
import { DataSource } from 'typeorm';
import { NOTIFICATIONS_CONFIG } from '../config/notifications-config.constant';
import type { NotificationsConfig } from '../config/notifications.config';
import type { IncidentStatus } from '../escalation/escalation.type';
import { INCIDENT_COLUMNS, toKnownIncident, type IncidentRow } from '../known-incidents/incident-state.service';
import type { FeedIncident, IncidentUpdate } from './feed.type';

interface UpdateRow {
  event_id: string;
  incident: string;
  kind: string;
  status: IncidentStatus;
  at: Date;
  summary: string;
  withdrawn_at?: Date | null;
  withdraw_reason?: string | null;
}

/**
 * Breaches as feed updates, beside the incident events: the public sees a missed target, and
 * sees it withdrawn when later events show it never happened. `$1` limits to some incidents.
 */
const BREACH_UPDATES = `
  SELECT t.event_id::text AS event_id, t.incident, 'breach' AS kind, i.status, t.occurred_at AS at,
    t.agreement || '/' || t.objective || ' target missed' AS summary, t.withdrawn_at, t.withdraw_reason
  FROM notifications.triggers t JOIN notifications.incidents i ON i.id = t.incident
  WHERE t.event = 'breach'`;

/** Withdrawals as updates of their own, for feeds whose readers never look at an item twice (RSS). */
const WITHDRAWAL_UPDATES = `
  SELECT t.withdrawn_by::text AS event_id, t.incident, 'breach withdrawn' AS kind, i.status, t.withdrawn_at AS at,
    t.agreement || '/' || t.objective || ' breach withdrawn: ' || t.withdraw_reason AS summary
  FROM notifications.triggers t JOIN notifications.incidents i ON i.id = t.incident
  WHERE t.event = 'breach' AND t.withdrawn_at IS NOT NULL AND t.withdrawn_by IS NOT NULL`;

/** Most incidents one JSON feed lists; a status page with more is not read anyway. */
const MAX_INCIDENTS = 200;

/** Reads the status feed from this service's incident copy. */
@Injectable()
export class StatusFeedService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  /** Open incidents and those resolved within the last `feedResolvedHours`, newest first, each with its history. */
  async currentIncidents(): Promise<FeedIncident[]> {
    const sql = toSqlRunner(this.dataSource);
    const since = new Date(this.runtime.now() - this.config.feedResolvedHours * 3_600_000);
    const rows = await sql.query<IncidentRow>(
      `SELECT ${INCIDENT_COLUMNS} FROM notifications.incidents
       WHERE status = 'open' OR COALESCE(resolved_at, updated_at) >= $1
       ORDER BY opened_at DESC, id LIMIT $2`,
      [since, MAX_INCIDENTS],
    );
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const updates = [
      ...(await sql.query<UpdateRow>(
        `SELECT event_id::text AS event_id, incident, kind, status, at, summary FROM notifications.incident_updates
         WHERE incident = ANY($1::text[]) ORDER BY at, event_id`,
        [ids],
      )),
      ...(await sql.query<UpdateRow>(`${BREACH_UPDATES} AND t.incident = ANY($1::text[])`, [ids])),
    ].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.event_id < b.event_id ? -1 : 1));
    return rows.map((row) => {
      const history = updates.filter((u) => u.incident === row.id).map(toUpdate);
      return { ...toKnownIncident(row), updatedAt: row.updated_at.getTime(), updates: history };
    });
  }

  /** The latest updates across incidents, newest first. */
  async latestUpdates(): Promise<IncidentUpdate[]> {
    const rows = await toSqlRunner(this.dataSource).query<UpdateRow>(
      `SELECT * FROM (
         SELECT event_id::text AS event_id, incident, kind, status, at, summary FROM notifications.incident_updates
         UNION ALL SELECT event_id, incident, kind, status, at, summary FROM (${BREACH_UPDATES}) AS breaches
         UNION ALL ${WITHDRAWAL_UPDATES}
       ) AS u ORDER BY at DESC, event_id DESC LIMIT $1`,
      [this.config.feedItems],
    );
    return rows.map(toUpdate);
  }

  now(): number {
    return this.runtime.now();
  }
}

function toUpdate(row: UpdateRow): IncidentUpdate {
  const update: IncidentUpdate = { eventId: row.event_id, incident: row.incident, kind: row.kind, status: row.status, at: row.at.getTime(), summary: row.summary };
  if (row.withdrawn_at) update.withdrawn = { at: row.withdrawn_at.getTime(), reason: row.withdraw_reason ?? '' };
  return update;
}
