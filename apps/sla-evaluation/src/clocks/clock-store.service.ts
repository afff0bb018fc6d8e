import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SLA_CLOCKS_TOPIC, createEnvelope, type EnvelopeOf } from '@underpin/contracts';
import type { EpochMs } from '@underpin/domain';
import type { Outbox } from '@underpin/messaging';
import { OUTBOX } from '@underpin/platform';
import { alertKeyOf, crossedThresholds, type CrossedThreshold, type IncidentClock } from './incident-clocks.util';

/** An incident's clocks as evaluated at one instant under one catalogue revision. */
export interface IncidentEvaluation {
  incident: string;
  clocks: IncidentClock[];
  evaluatedAt: EpochMs;
  revision: string;
  /** Alert keys (`alertKeyOf`) already fired for the incident, as its row lists them. */
  alerted: readonly string[];
  /** Keys (`agreement/objective`) of the clock rows stored for it before this evaluation. */
  storedClocks: readonly string[];
}

export interface SavedEvaluations {
  /** The earliest timer scheduled, so the timer loop can be woken for it. */
  earliestTimer: EpochMs | undefined;
  /** The warnings and breaches that fired now (each for the first and only time). */
  fired: CrossedThreshold[];
}

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
  m AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS x(id text, revision text, evaluated_at float8, proposed text[], clock_keys text[])),
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
    SET catalog_revision = x.revision, evaluated_at = ${at('evaluated_at')}, alerted = i.alerted || x.proposed, clock_keys = x.clock_keys
    FROM m AS x WHERE i.id = x.id)
  SELECT 1`;

/** Clocks of objectives that no longer apply (after a reprioritization or a catalogue change), and their timers. */
const DELETE_GONE = `
  WITH gone AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${KEY_COLUMNS})),
  gone_clocks AS (DELETE FROM sla_evaluation.clocks AS k USING gone WHERE ${sameKey('k', 'gone')})
  DELETE FROM sla_evaluation.timers AS k USING gone WHERE ${sameKey('k', 'gone')}`;

const INSERT_ALERTS = `
  INSERT INTO sla_evaluation.alerts (incident, agreement, objective, kind, threshold, at, due_at, fired_at)
  SELECT x.incident, x.agreement, x.objective, x.kind, x.threshold, ${at('at')}, ${at('due_at')}, to_timestamp($2 / 1000.0)
  FROM jsonb_to_recordset($1::jsonb) AS x(incident text, agreement text, objective text, kind text, threshold float8, at float8, due_at float8)
  ON CONFLICT ON CONSTRAINT alerts_once DO NOTHING
  RETURNING incident, agreement, objective, kind, threshold`;

/**
 * Writes evaluated clocks in the caller's transaction, which must hold the incidents' rows:
 * the clock rows and timers are replaced, and every threshold crossed that has not fired
 * yet gets its alert row and its `sla.clock.*` event in the outbox. The alert's unique key
 * decides what is new, so an evaluation repeated after a crash or a redelivery fires nothing;
 * the incident's `alerted` list only spares proposing again what has fired already.
 */
@Injectable()
export class ClockStore {
  constructor(@Inject(OUTBOX) private readonly outbox: Outbox) {}

  async save(manager: EntityManager, evaluations: readonly IncidentEvaluation[], firedAt: EpochMs): Promise<SavedEvaluations> {
    if (evaluations.length === 0) return { earliestTimer: undefined, fired: [] };
    const proposed = evaluations.map((evaluation) => {
      const known = new Set(evaluation.alerted);
      return evaluation.clocks.flatMap(crossedThresholds).filter((crossed) => !known.has(alertKeyOf(crossed)));
    });
    const timers = timerRows(evaluations);
    const gone: ClockKey[] = [];
    const marks = evaluations.map((evaluation, i) => {
      const keys = evaluation.clocks.map(clockKeyOf);
      for (const stored of evaluation.storedClocks) {
        if (keys.includes(stored)) continue;
        const [agreement, objective] = stored.split('/');
        gone.push({ incident: evaluation.incident, agreement, objective });
      }
      return { id: evaluation.incident, revision: evaluation.revision, evaluated_at: evaluation.evaluatedAt, proposed: proposed[i].map(alertKeyOf), clock_keys: keys };
    });
    if (gone.length > 0) await manager.query(DELETE_GONE, [JSON.stringify(gone)]);
    await manager.query(WRITE_CLOCKS, [JSON.stringify(clockRows(evaluations)), JSON.stringify(timers), JSON.stringify(marks)]);
    const fired = await this.fire(manager, proposed.flat(), firedAt);
    let earliestTimer: EpochMs | undefined;
    for (const timer of timers) if (timer.fire_at !== null && (earliestTimer === undefined || timer.fire_at < earliestTimer)) earliestTimer = timer.fire_at;
    return { earliestTimer, fired };
  }

  private async fire(manager: EntityManager, crossed: CrossedThreshold[], firedAt: EpochMs): Promise<CrossedThreshold[]> {
    if (crossed.length === 0) return [];
    const rows = crossed.map((c) => ({ incident: c.incident, agreement: c.agreement, objective: c.objective, kind: c.kind, threshold: c.threshold, at: c.at, due_at: c.dueAt }));
    const inserted = (await manager.query(INSERT_ALERTS, [JSON.stringify(rows), firedAt])) as Array<Pick<CrossedThreshold, 'incident' | 'agreement' | 'objective' | 'kind' | 'threshold'>>;
    if (inserted.length === 0) return [];
    const fresh = new Set(inserted.map((row) => `${row.incident}\u0000${alertKeyOf(row)}`));
    // Per incident in the order they were crossed: the topic is keyed by incident.
    const fired = crossed
      .filter((c) => fresh.has(`${c.incident}\u0000${alertKeyOf(c)}`))
      .sort((a, b) => (a.incident < b.incident ? -1 : a.incident > b.incident ? 1 : a.at - b.at || a.threshold - b.threshold));
    await this.outbox.enqueue(manager, SLA_CLOCKS_TOPIC, fired.map(alertEnvelope));
    return fired;
  }
}

function alertEnvelope(alert: CrossedThreshold): EnvelopeOf<typeof SLA_CLOCKS_TOPIC> {
  const payload = {
    incident: alert.incident,
    agreement: alert.agreement,
    objective: alert.objective,
    kind: alert.kind,
    threshold: alert.threshold,
    dueAt: new Date(alert.dueAt).toISOString(),
    at: new Date(alert.at).toISOString(),
  };
  const meta = { source: 'sla-evaluation', occurredAt: new Date(alert.at) };
  return (alert.kind === 'breach' ? createEnvelope(SLA_CLOCKS_TOPIC, 'sla.clock.breach', payload, meta) : createEnvelope(SLA_CLOCKS_TOPIC, 'sla.clock.warning', payload, meta)) as EnvelopeOf<
    typeof SLA_CLOCKS_TOPIC
  >;
}

interface ClockKey {
  incident: string;
  agreement: string;
  objective: string;
}

function clockKeyOf(clock: { agreement: string; objective: string }): string {
  return `${clock.agreement}/${clock.objective}`;
}

/** One timer per clock: armed for its next deadline, or disarmed. */
function timerRows(evaluations: readonly IncidentEvaluation[]): Array<ClockKey & { kind: string | null; threshold: number | null; fire_at: EpochMs | null }> {
  return evaluations.flatMap((evaluation) =>
    evaluation.clocks.map(({ incident, agreement, objective, next }) => ({
      incident,
      agreement,
      objective,
      kind: next?.kind ?? null,
      threshold: next?.threshold ?? null,
      fire_at: next?.at ?? null,
    })),
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
