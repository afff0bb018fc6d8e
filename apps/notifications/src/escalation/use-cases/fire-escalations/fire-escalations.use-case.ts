import { Injectable } from '@nestjs/common';
import type { Catalog, EscalationPolicySpec } from '@underpin/domain';
import { toSqlRunner, type SqlRunner } from '@underpin/messaging';
import { CatalogReplicaService } from '@underpin/platform';
import { DataSource } from 'typeorm';
import { DeliveryPlannerService } from '../../../delivery/delivery-planner.service';
import { IncidentStateService } from '../../../known-incidents/incident-state.service';
import { matchPolicy } from '../../escalation-matcher.util';
import type { KnownIncident, Trigger } from '../../escalation.type';
import { ESCALATION_BATCH, TRIGGER_COLUMNS, toTrigger, type TriggerRow } from '../../trigger-row.util';

type Verdict = { fire: true } | { fire: false; status: 'cancelled' | 'skipped'; reason: string };

/**
 * Fires the timers due by `now`: checks that what each waited for still holds (nobody
 * acknowledged, not resolved, the policy still there and still matching), then plans its
 * deliveries in the same transaction that settles it.
 */
@Injectable()
export class FireEscalationsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly replica: CatalogReplicaService,
    private readonly incidents: IncidentStateService,
    private readonly planner: DeliveryPlannerService,
  ) {}

  /** Returns how many escalations it settled. */
  async execute(now: Date): Promise<number> {
    const catalog = this.replica.current()?.catalog;
    if (catalog === undefined) return 0;
    return this.dataSource.transaction(async (manager) => {
      const sql = toSqlRunner(manager);
      const rows = await sql.query<TriggerRow & { pending_id: string; policy: string }>(
        `SELECT p.id::text AS pending_id, p.policy, ${TRIGGER_COLUMNS}
         FROM notifications.pending_escalations p JOIN notifications.triggers t ON t.event_id = p.trigger_event_id
         WHERE p.status = 'pending' AND p.due_at <= $1
         ORDER BY p.due_at, p.id LIMIT $2 FOR UPDATE OF p SKIP LOCKED`,
        [now, ESCALATION_BATCH],
      );
      for (const row of rows) {
        const trigger = toTrigger(row);
        const policy = catalog.escalations?.find((p) => p.id === row.policy);
        if (policy === undefined) {
          await settle(sql, row.pending_id, 'cancelled', 'policy no longer in the catalogue', now);
          continue;
        }
        const incident = trigger.incident === undefined ? undefined : await this.incidents.find(sql, trigger.incident);
        const verdict = stillApplies(policy, trigger, catalog, incident);
        if (!verdict.fire) {
          await settle(sql, row.pending_id, verdict.status, verdict.reason, now);
          continue;
        }
        const outcome = await this.planner.plan(sql, { policy, trigger, catalog, incident }, now);
        await settle(sql, row.pending_id, 'fired', outcome, now);
      }
      return rows.length;
    });
  }
}

function stillApplies(policy: EscalationPolicySpec, trigger: Trigger, catalog: Catalog, incident: KnownIncident | undefined): Verdict {
  if (trigger.event === 'not-acknowledged') {
    if (incident === undefined) return { fire: false, status: 'skipped', reason: 'incident unknown' };
    if (incident.acknowledgedAt !== undefined) return { fire: false, status: 'cancelled', reason: 'incident acknowledged' };
    if (incident.status !== 'open') return { fire: false, status: 'cancelled', reason: `incident ${incident.status}` };
  } else if ((policy.when.after ?? 0) > 0 && incident !== undefined && incident.status !== 'open') {
    return { fire: false, status: 'cancelled', reason: `incident ${incident.status} before the delay ended` };
  }
  const outcome = matchPolicy(policy, trigger, catalog, incident);
  if (outcome.kind === 'no-match') return { fire: false, status: 'skipped', reason: outcome.reason };
  if (outcome.kind === 'priority-unknown') return { fire: false, status: 'skipped', reason: 'priority unknown' };
  return { fire: true };
}

async function settle(sql: SqlRunner, id: string, status: 'fired' | 'cancelled' | 'skipped', outcome: string, now: Date): Promise<void> {
  await sql.query(`UPDATE notifications.pending_escalations SET status = $2, outcome = $3, settled_at = $4 WHERE id = $1`, [id, status, outcome, now]);
}
