import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SLA_CLOCKS_TOPIC, createEnvelope, type EnvelopeOf } from '@underpin/contracts';
import type { AlertChanges, EpochMs, IncidentAlert, RecordedAlert } from '@underpin/domain';
import type { OutboxService } from '@underpin/messaging';
import { OUTBOX } from '@underpin/platform';
import { crossedAfter, type IncidentClock } from './incident-clocks.util';

/** An incident's clocks as evaluated at one instant, and its alerts as judged up to a horizon. */
export interface IncidentEvaluation {
  incident: string;
  clocks: IncidentClock[];
  /** The instant the clocks were read at (the present, or the latest event if later). */
  evaluatedAt: EpochMs;
  /** The catalogue revision the clocks were read under. */
  revision: string;
  /** The latest catalogue revision when this evaluation ran: the incident is up to date with it. */
  latestRevision: string;
  /** Keys (`agreement/objective`) of the clock rows stored for it before this evaluation. */
  storedClocks: readonly string[];
  /** Time up to which alerts were judged: never past what is known to have happened. */
  horizon: EpochMs;
  /** What the recorded alerts need to become the alerts that happened by the horizon. */
  changes: AlertChanges;
  /** The recorded alerts once the changes are made. */
  alertState: RecordedAlert[];
  /** Why an alert withdrawn now never happened, for the people who were told. */
  withdrawReason: (alert: RecordedAlert) => string;
}

/** An alert of one incident that this save published. */
export type PublishedAlert = IncidentAlert & { incident: string; historical: boolean };

export interface SavedEvaluations {
  /** The earliest timer scheduled, so the timer loop can be woken for it. */
  earliestTimer: EpochMs | undefined;
  /** Warnings and breaches fired now (first time, or again after a withdrawal). */
  fired: PublishedAlert[];
  restated: PublishedAlert[];
  withdrawn: Array<RecordedAlert & { incident: string }>;
}

export interface ClockStoreOptions {
  /** Alerts crossed longer ago than this when fired are historical: recorded, not delivered. */
  historyMs: number;
}

export const CLOCK_STORE_OPTIONS = Symbol('CLOCK_STORE_OPTIONS');

// Rows travel as one JSON document: PostgreSQL unpacks it, instead of the driver escaping
// every element of twenty arrays. Instants travel as epoch milliseconds.
const at = (column: string) => `CASE WHEN x.${column} IS NULL THEN NULL ELSE to_timestamp(x.${column} / 1000.0) END`;

const CLOCK_COLUMNS = `incident text, agreement text, objective text, metric text, kind text, party text, role text, priority text,
  state text, elapsed float8, target float8, remaining float8, due float8, breached boolean, breached_at float8, next_kind text,
  next_threshold float8, next_at float8, evaluated_at float8, revision text`;

const KEY_COLUMNS = 'incident text, agreement text, objective text';
const sameKey = (a: string, b: string) => `${a}.incident = ${b}.incident AND ${a}.agreement = ${b}.agreement AND ${a}.objective = ${b}.objective`;

/**
 * The clock rows, timers and evaluation marks of a set of incidents in one statement (one
 * round trip). Only upserts by key: their plans are index lookups however stale the table
 * statistics, where a join to delete rows could become a scan right after a bulk load.
 */
const WRITE_CLOCKS = `
  WITH c AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${CLOCK_COLUMNS})),
  t AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(${KEY_COLUMNS}, kind text, threshold float8, fire_at float8)),
  m AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS x(id text, revision text, evaluated_at float8, horizon float8, alert_state json, clock_keys text[])),
  put_clocks AS (
    INSERT INTO sla_evaluation.clocks AS k (incident, agreement, objective, metric, kind, party, role, priority, state,
      elapsed_seconds, target_seconds, remaining_seconds, due_at, breached, breached_at, next_kind, next_threshold, next_at,
      evaluated_at, catalog_revision)
    SELECT x.incident, x.agreement, x.objective, x.metric, x.kind, x.party, x.role, x.priority, x.state,
      x.elapsed, x.target, x.remaining, ${at('due')}, x.breached, ${at('breached_at')}, x.next_kind, x.next_threshold, ${at('next_at')},
      ${at('evaluated_at')}, x.revision
    FROM c AS x
    ON CONFLICT (incident, agreement, objective) DO UPDATE SET metric = EXCLUDED.metric, kind = EXCLUDED.kind, party = EXCLUDED.party,
      role = EXCLUDED.role, priority = EXCLUDED.priority, state = EXCLUDED.state, elapsed_seconds = EXCLUDED.elapsed_seconds,
      target_seconds = EXCLUDED.target_seconds, remaining_seconds = EXCLUDED.remaining_seconds, due_at = EXCLUDED.due_at,
      breached = EXCLUDED.breached, breached_at = EXCLUDED.breached_at, next_kind = EXCLUDED.next_kind,
      next_threshold = EXCLUDED.next_threshold, next_at = EXCLUDED.next_at, evaluated_at = EXCLUDED.evaluated_at,
      catalog_revision = EXCLUDED.catalog_revision),
  put_timers AS (
    INSERT INTO sla_evaluation.timers AS k (incident, agreement, objective, kind, threshold, fire_at)
    SELECT x.incident, x.agreement, x.objective, x.kind, x.threshold, ${at('fire_at')} FROM t AS x
    ON CONFLICT (incident, agreement, objective) DO UPDATE SET kind = EXCLUDED.kind, threshold = EXCLUDED.threshold, fire_at = EXCLUDED.fire_at
      WHERE (k.kind, k.threshold, k.fire_at) IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.threshold, EXCLUDED.fire_at)),
  mark AS (
    UPDATE sla_evaluation.tracked_incidents AS i
    SET catalog_revision = x.revision, evaluated_at = ${at('evaluated_at')}, alert_horizon = ${at('horizon')}, alert_state = x.alert_state,
      clock_keys = x.clock_keys
    FROM m AS x WHERE i.id = x.id)
  SELECT 1`;

/** Clocks of objectives that no longer apply (after a reprioritization or a catalogue change), and their timers. */
const DELETE_GONE = `
  WITH gone AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${KEY_COLUMNS})),
  gone_clocks AS (DELETE FROM sla_evaluation.clocks AS k USING gone WHERE ${sameKey('k', 'gone')})
  DELETE FROM sla_evaluation.timers AS k USING gone WHERE ${sameKey('k', 'gone')}`;

/**
 * Alerts fired (new, or back after a withdrawal) and restated. A restated alert keeps when it
 * fired; one fired again starts a new story.
 */
const PUT_ALERTS = `
  INSERT INTO sla_evaluation.alerts AS a (incident, agreement, objective, kind, threshold, at, due_at, fired_at, revision, historical, recorded_at)
  SELECT x.incident, x.agreement, x.objective, x.kind, x.threshold, ${at('at')}, ${at('due_at')}, to_timestamp($2 / 1000.0), x.revision,
    x.historical, clock_timestamp()
  FROM jsonb_to_recordset($1::jsonb) AS x(incident text, agreement text, objective text, kind text, threshold float8, at float8,
    due_at float8, revision text, historical boolean)
  ON CONFLICT ON CONSTRAINT alerts_once DO UPDATE SET at = EXCLUDED.at, due_at = EXCLUDED.due_at, revision = EXCLUDED.revision,
    historical = CASE WHEN a.withdrawn_at IS NULL THEN a.historical ELSE EXCLUDED.historical END,
    fired_at = CASE WHEN a.withdrawn_at IS NULL THEN a.fired_at ELSE EXCLUDED.fired_at END,
    recorded_at = CASE WHEN a.withdrawn_at IS NULL THEN a.recorded_at ELSE EXCLUDED.recorded_at END,
    restated_at = CASE WHEN a.withdrawn_at IS NULL THEN to_timestamp($2 / 1000.0) END,
    withdrawn_at = NULL, withdraw_reason = NULL`;

const WITHDRAW_ALERTS = `
  UPDATE sla_evaluation.alerts AS a SET withdrawn_at = to_timestamp($2 / 1000.0), withdraw_reason = x.reason
  FROM jsonb_to_recordset($1::jsonb) AS x(incident text, agreement text, objective text, kind text, threshold float8, reason text)
  WHERE a.incident = x.incident AND a.agreement = x.agreement AND a.objective = x.objective AND a.kind = x.kind AND a.threshold = x.threshold`;

/**
 * Writes evaluated clocks in the caller's transaction, which must hold the incidents' rows:
 * the clock rows and timers are replaced, and each change of the incident's alerts is
 * recorded and published through the outbox in the same transaction: a warning or breach
 * that happened and was not recorded yet, an alert restated at another instant, an alert
 * the events now show never happened. Each incident row keeps its recorded alerts, so an
 * evaluation repeated after a crash, a redelivery or on another replica changes nothing.
 */
@Injectable()
export class ClockStoreService {
  constructor(
    @Inject(OUTBOX) private readonly outbox: OutboxService,
    @Inject(CLOCK_STORE_OPTIONS) private readonly options: ClockStoreOptions,
  ) {}

  async save(manager: EntityManager, evaluations: readonly IncidentEvaluation[], firedAt: EpochMs): Promise<SavedEvaluations> {
    const saved: SavedEvaluations = { earliestTimer: undefined, fired: [], restated: [], withdrawn: [] };
    if (evaluations.length === 0) return saved;
    const timers = timerRows(evaluations);
    const gone: ClockKey[] = [];
    const marks = evaluations.map((evaluation) => {
      const keys = evaluation.clocks.map(clockKeyOf);
      for (const stored of evaluation.storedClocks) {
        if (keys.includes(stored)) continue;
        const [agreement, objective] = stored.split('/');
        gone.push({ incident: evaluation.incident, agreement, objective });
      }
      return {
        id: evaluation.incident,
        revision: evaluation.latestRevision,
        evaluated_at: evaluation.evaluatedAt,
        horizon: evaluation.horizon,
        alert_state: evaluation.alertState,
        clock_keys: keys,
      };
    });
    if (gone.length > 0) await manager.query(DELETE_GONE, [JSON.stringify(gone)]);
    await manager.query(WRITE_CLOCKS, [JSON.stringify(clockRows(evaluations)), JSON.stringify(timers), JSON.stringify(marks)]);
    await this.recordAlerts(manager, evaluations, firedAt, saved);
    for (const timer of timers) if (timer.fire_at !== null && (saved.earliestTimer === undefined || timer.fire_at < saved.earliestTimer)) saved.earliestTimer = timer.fire_at;
    return saved;
  }

  private async recordAlerts(manager: EntityManager, evaluations: readonly IncidentEvaluation[], firedAt: EpochMs, saved: SavedEvaluations): Promise<void> {
    const put: object[] = [];
    const withdrawals: object[] = [];
    const envelopes: Array<{ incident: string; at: EpochMs; order: number; envelope: EnvelopeOf<typeof SLA_CLOCKS_TOPIC> }> = [];
    for (const { incident, changes, withdrawReason } of evaluations) {
      for (const alert of changes.withdrawn) {
        const reason = withdrawReason(alert);
        withdrawals.push({ incident, agreement: alert.agreement, objective: alert.objective, kind: alert.kind, threshold: alert.threshold, reason });
        saved.withdrawn.push({ ...alert, incident });
        envelopes.push({ incident, at: alert.at, order: 0, envelope: withdrawnEnvelope(incident, alert, reason, firedAt) });
      }
      const publish = (alert: IncidentAlert, restated: boolean) => {
        const historical = alert.at < firedAt - this.options.historyMs;
        put.push({ incident, ...alert, due_at: alert.dueAt, historical });
        (restated ? saved.restated : saved.fired).push({ ...alert, incident, historical });
        envelopes.push({ incident, at: alert.at, order: 1, envelope: alertEnvelope(incident, alert, historical, restated) });
      };
      for (const alert of changes.fired) publish(alert, false);
      for (const { alert } of changes.restated) publish(alert, true);
    }
    if (withdrawals.length > 0) await manager.query(WITHDRAW_ALERTS, [JSON.stringify(withdrawals), firedAt]);
    if (put.length > 0) await manager.query(PUT_ALERTS, [JSON.stringify(put), firedAt]);
    if (envelopes.length === 0) return;
    // Per incident in event time, withdrawals before what replaces them: the topic is keyed by incident.
    envelopes.sort((a, b) => (a.incident < b.incident ? -1 : a.incident > b.incident ? 1 : a.order - b.order || a.at - b.at));
    await this.outbox.enqueue(manager, SLA_CLOCKS_TOPIC, envelopes.map((entry) => entry.envelope));
  }
}

function alertEnvelope(incident: string, alert: IncidentAlert, historical: boolean, restated: boolean): EnvelopeOf<typeof SLA_CLOCKS_TOPIC> {
  const payload = {
    incident,
    agreement: alert.agreement,
    objective: alert.objective,
    kind: alert.kind,
    threshold: alert.threshold,
    dueAt: new Date(alert.dueAt).toISOString(),
    at: new Date(alert.at).toISOString(),
    revision: alert.revision,
    ...(historical ? { historical: true } : {}),
    ...(restated ? { restated: true } : {}),
  };
  const meta = { source: 'sla-evaluation', occurredAt: new Date(alert.at) };
  return (alert.kind === 'breach' ? createEnvelope(SLA_CLOCKS_TOPIC, 'sla.clock.breach', payload, meta) : createEnvelope(SLA_CLOCKS_TOPIC, 'sla.clock.warning', payload, meta)) as EnvelopeOf<
    typeof SLA_CLOCKS_TOPIC
  >;
}

function withdrawnEnvelope(incident: string, alert: RecordedAlert, reason: string, withdrawnAt: EpochMs): EnvelopeOf<typeof SLA_CLOCKS_TOPIC> {
  const payload = {
    incident,
    agreement: alert.agreement,
    objective: alert.objective,
    kind: alert.kind,
    threshold: alert.threshold,
    at: new Date(alert.at).toISOString(),
    withdrawnAt: new Date(withdrawnAt).toISOString(),
    reason,
  };
  return createEnvelope(SLA_CLOCKS_TOPIC, 'sla.clock.withdrawn', payload, { source: 'sla-evaluation', occurredAt: new Date(withdrawnAt) }) as EnvelopeOf<typeof SLA_CLOCKS_TOPIC>;
}

interface ClockKey {
  incident: string;
  agreement: string;
  objective: string;
}

function clockKeyOf(clock: { agreement: string; objective: string }): string {
  return `${clock.agreement}/${clock.objective}`;
}

/**
 * One timer per clock: armed for its next deadline, or disarmed. A clock that shows a
 * threshold crossed after the horizon (judged short of the present because events were
 * waiting) is due at once: the timer loop fires it once they are in.
 */
function timerRows(evaluations: readonly IncidentEvaluation[]): Array<ClockKey & { kind: string | null; threshold: number | null; fire_at: EpochMs | null }> {
  return evaluations.flatMap((evaluation) =>
    evaluation.clocks.map((clock) => {
      const pending = evaluation.horizon < evaluation.evaluatedAt ? crossedAfter(clock, evaluation.horizon) : undefined;
      const next = pending ? { ...pending, at: evaluation.evaluatedAt } : clock.next;
      return {
        incident: clock.incident,
        agreement: clock.agreement,
        objective: clock.objective,
        kind: next?.kind ?? null,
        threshold: next?.threshold ?? null,
        fire_at: next?.at ?? null,
      };
    }),
  );
}

function clockRows(evaluations: readonly IncidentEvaluation[]): object[] {
  return evaluations.flatMap((evaluation) =>
    evaluation.clocks.map(({ incident, agreement, objective, metric, kind, party, role, priority, result, next }) => ({
      incident,
      agreement,
      objective,
      metric,
      kind,
      party,
      role,
      priority,
      state: result.state,
      elapsed: result.elapsedSeconds,
      target: result.targetSeconds,
      remaining: result.remainingSeconds,
      due: result.dueAt ?? null,
      breached: result.breached,
      breached_at: result.breachedAt ?? null,
      next_kind: next?.kind ?? null,
      next_threshold: next?.threshold ?? null,
      next_at: next?.at ?? null,
      evaluated_at: evaluation.evaluatedAt,
      revision: evaluation.revision,
    })),
  );
}
