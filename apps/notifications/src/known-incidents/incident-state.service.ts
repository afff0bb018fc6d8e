import { Injectable, Logger } from '@nestjs/common';
import { priorityOf, type IncidentEvent, type Priority } from '@underpin/domain';
import type { SqlRunner } from '@underpin/messaging';
import type { IncidentStatus, KnownIncident } from '../escalation/escalation.type';

interface IncidentRow {
  id: string;
  title: string | null;
  service: string;
  customer: string;
  region: string | null;
  priority: Priority;
  status: IncidentStatus;
  holder: string | null;
  opened_at: Date;
  acknowledged_at: Date | null;
  resolved_at: Date | null;
  updated_at: Date;
}

/** A change of the incident as the status feed tells it; undefined = not worth a feed entry. */
export interface AppliedChange {
  incident: KnownIncident;
  update?: { kind: string; summary: string };
  /** The incident stopped waiting for a response (acknowledged) or for anything (resolved, closed). */
  settles?: 'acknowledged' | 'resolved' | 'closed';
  /** The priority changed, so not-acknowledged policies must be matched again. */
  reprioritized?: boolean;
}

export const INCIDENT_COLUMNS = 'id, title, service, customer, region, priority, status, holder, opened_at, acknowledged_at, resolved_at, updated_at';

/** This service's copy of each incident, kept from incident events (it never reads the incidents service's tables). */
@Injectable()
export class IncidentStateService {
  private readonly logger = new Logger(IncidentStateService.name);

  /** Applies one timeline event; events of one incident arrive in order (one key, one partition). */
  async apply(sql: SqlRunner, event: IncidentEvent): Promise<AppliedChange | undefined> {
    const at = new Date(event.at);
    if (event.type === 'incident.opened') {
      const priority = priorityOf(event.impact, event.urgency);
      const [row] = await sql.query<IncidentRow>(
        `INSERT INTO notifications.incidents (id, title, service, customer, region, priority, status, holder, opened_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $8)
         ON CONFLICT (id) DO NOTHING RETURNING ${INCIDENT_COLUMNS}`,
        [event.incident, event.title ?? null, event.service, event.customer, event.region ?? null, priority, event.assignee ?? null, at],
      );
      if (row === undefined) return undefined;
      const where = event.region ? `${event.service} in ${event.region}` : event.service;
      return { incident: toKnownIncident(row), update: { kind: 'opened', summary: `${priority} incident on ${where}${event.title ? `: ${event.title}` : ''}` } };
    }
    const current = await this.find(sql, event.incident, true);
    if (current === undefined) {
      // Its opening came before this service kept incidents (or fell out of the topic's retention).
      this.logger.warn(`${event.type} for ${event.incident}, whose opening this service never saw: ignored`);
      return undefined;
    }
    switch (event.type) {
      case 'incident.acknowledged':
        return this.change(sql, current, at, 'acknowledged_at = COALESCE(acknowledged_at, $2)', [], current.acknowledgedAt === undefined
          ? { update: { kind: 'acknowledged', summary: 'being worked on' }, settles: 'acknowledged' }
          : {});
      case 'incident.handover':
        return this.change(sql, current, at, 'holder = $3', [event.to], {});
      case 'incident.resolved':
        return this.change(sql, current, at, `status = 'resolved', resolved_at = $2`, [], { update: { kind: 'resolved', summary: 'service restored' }, settles: 'resolved' });
      case 'incident.reopened':
        return this.change(sql, current, at, `status = 'open', resolved_at = NULL`, [], { update: { kind: 'reopened', summary: 'the problem came back' } });
      case 'incident.closed':
        return this.change(sql, current, at, `status = 'closed'`, [], { update: { kind: 'closed', summary: 'closed' }, settles: 'closed' });
      case 'incident.reprioritized': {
        const priority = priorityOf(event.impact, event.urgency);
        if (priority === current.priority) return { incident: current };
        return this.change(sql, current, at, 'priority = $3', [priority], { update: { kind: 'reprioritized', summary: `priority changed from ${current.priority} to ${priority}` }, reprioritized: true });
      }
      case 'incident.paused':
      case 'incident.resumed':
        return { incident: current };
    }
  }

  async find(sql: SqlRunner, id: string, forUpdate = false): Promise<KnownIncident | undefined> {
    const [row] = await sql.query<IncidentRow>(`SELECT ${INCIDENT_COLUMNS} FROM notifications.incidents WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return row === undefined ? undefined : toKnownIncident(row);
  }

  /** `set` may use $2 (the event's instant) and $3… (`params`). */
  private async change(
    sql: SqlRunner,
    current: KnownIncident,
    at: Date,
    set: string,
    params: unknown[],
    change: Omit<AppliedChange, 'incident'>,
  ): Promise<AppliedChange> {
    const [row] = await sql.query<IncidentRow>(
      `UPDATE notifications.incidents SET ${set}, updated_at = GREATEST(updated_at, $2) WHERE id = $1 RETURNING ${INCIDENT_COLUMNS}`,
      [current.id, at, ...params],
    );
    return { ...change, incident: toKnownIncident(row!) };
  }
}

export function toKnownIncident(row: IncidentRow): KnownIncident {
  return {
    id: row.id,
    ...(row.title !== null ? { title: row.title } : {}),
    service: row.service,
    customer: row.customer,
    ...(row.region !== null ? { region: row.region } : {}),
    priority: row.priority,
    status: row.status,
    ...(row.holder !== null ? { holder: row.holder } : {}),
    openedAt: row.opened_at.getTime(),
    ...(row.acknowledged_at !== null ? { acknowledgedAt: row.acknowledged_at.getTime() } : {}),
    ...(row.resolved_at !== null ? { resolvedAt: row.resolved_at.getTime() } : {}),
  };
}

export type { IncidentRow };
