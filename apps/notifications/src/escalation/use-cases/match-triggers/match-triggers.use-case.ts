import { Injectable, Logger } from '@nestjs/common';
import { CatalogReplicaService } from '@underpin/platform';
import { DataSource } from 'typeorm';
import { toSqlRunner } from '@underpin/messaging';
import { IncidentStateService } from '../../../known-incidents/incident-state.service';
import { matchPolicy } from '../../escalation-matcher.util';
import { ESCALATION_BATCH, TRIGGER_COLUMNS, toTrigger, type TriggerRow } from '../../trigger-row.util';

/**
 * How long a trigger whose priority is still unknown waits for its incident's opening to
 * arrive (topics are not ordered against each other) before policies that filter on
 * priority pass it by.
 */
export const INCIDENT_GRACE_MS = 5 * 60_000;

/**
 * Arms the durable timers: each recorded trigger, matched against the policies in force,
 * becomes one pending escalation per matching policy, due `after` the event (at once
 * without a delay). Waits while no catalogue is in force, so nothing is matched against none.
 */
@Injectable()
export class MatchTriggersUseCase {
  private readonly logger = new Logger(MatchTriggersUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly replica: CatalogReplicaService,
    private readonly incidents: IncidentStateService,
  ) {}

  /** Returns how many triggers it looked at. */
  async execute(now: Date): Promise<number> {
    const catalog = this.replica.current()?.catalog;
    if (catalog === undefined) return 0;
    return this.dataSource.transaction(async (manager) => {
      const sql = toSqlRunner(manager);
      const rows = await sql.query<TriggerRow>(
        `SELECT ${TRIGGER_COLUMNS} FROM notifications.triggers t
         WHERE t.matched_at IS NULL ORDER BY t.recorded_at, t.event_id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [ESCALATION_BATCH],
      );
      const matched: string[] = [];
      for (const row of rows) {
        const trigger = toTrigger(row);
        const incident = trigger.incident === undefined ? undefined : await this.incidents.find(sql, trigger.incident);
        const mayWait = now.getTime() - row.recorded_at.getTime() < INCIDENT_GRACE_MS;
        let waiting = false;
        for (const policy of catalog.escalations ?? []) {
          const outcome = matchPolicy(policy, trigger, catalog, incident);
          if (outcome.kind === 'priority-unknown') {
            if (mayWait) waiting = true;
            else this.logger.warn(`${policy.id} passes ${trigger.event} ${trigger.eventId} by: the priority of ${trigger.incident} never became known`);
          }
          if (outcome.kind !== 'match') continue;
          // A timer skipped because the priority had changed is armed again when it changes back.
          await sql.query(
            `INSERT INTO notifications.pending_escalations (policy, trigger_event_id, incident, due_at, status, created_at)
             VALUES ($1, $2, $3, $4, 'pending', $5)
             ON CONFLICT (policy, trigger_event_id) DO UPDATE SET status = 'pending', due_at = EXCLUDED.due_at, outcome = NULL, settled_at = NULL
             WHERE pending_escalations.status = 'skipped'`,
            [policy.id, trigger.eventId, trigger.incident ?? null, new Date(trigger.occurredAt + (policy.when.after ?? 0) * 1000), now],
          );
        }
        if (!waiting) matched.push(trigger.eventId);
      }
      if (matched.length > 0) await sql.query(`UPDATE notifications.triggers SET matched_at = $2 WHERE event_id = ANY($1::uuid[])`, [matched, now]);
      return rows.length;
    });
  }
}
