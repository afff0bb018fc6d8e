import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { EpochMs, IncidentEvent, IncidentTimeline } from '@underpin/domain';
import { checkPageSize, connectionOf, decodeCursor, encodeCursor, invalidCursor, type PageArgs } from '@underpin/platform';
import type { TrackedTimeline } from '../clocks/clock-refresh.service';
import { appendIncidentEvent, emptyIncidentRecord, restoreIncidentRecord, type IncidentRecord, type RejectedEvent } from './incident-record.util';
import type { TrackedIncidentConnectionModel } from '../graphql/schema.type';
import { TrackedIncidentEntity } from './tracked-incident.entity';
import { TRACKED_STATE_COLUMNS, trackedStateOf, type TrackedStateRow } from './tracked-state.util';

interface StoredRecordRow extends TrackedStateRow {
  id: string;
  timeline: IncidentEvent[];
  state: IncidentTimeline | null;
  rejected_events: RejectedEvent[];
  recorded_at: Date;
}

const LOCK_RECORDS = `
  SELECT id, timeline, state, rejected_events, recorded_at, ${TRACKED_STATE_COLUMNS} FROM sla_evaluation.tracked_incidents
  WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`;

const TRACKED_LIST = 'trackedIncidents';

// The cursor keeps last_event_at to the microsecond, as PostgreSQL stores it: a millisecond
// Date would compare unequal to the row it came from and skip or repeat it.
const PAGE_OF_TRACKED = (after: boolean) => `
  SELECT id, to_char(last_event_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS last_event_at
  FROM sla_evaluation.tracked_incidents
  ${after ? 'WHERE last_event_at <= $2::timestamptz AND (last_event_at < $2::timestamptz OR id > $3)' : ''}
  ORDER BY last_event_at DESC, id ASC LIMIT $1`;

const CURSOR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const at = (column: string) => `CASE WHEN x.${column} IS NULL THEN NULL ELSE to_timestamp(x.${column} / 1000.0) END`;

// One JSON document per batch: PostgreSQL unpacks it, the timelines stay JSON all the way.
const UPSERT_RECORDS = `
  INSERT INTO sla_evaluation.tracked_incidents (id, service, customer, region, priority, opened_at, events_applied, last_event_at,
    timeline, recorded_at, status, holder, state, rejected_events)
  SELECT x.id, x.service, x.customer, x.region, x.priority, ${at('opened_at')}, x.events_applied, ${at('last_event_at')},
    x.timeline, ${at('recorded_at')}, x.status, x.holder, x.state, x.rejected_events
  FROM jsonb_to_recordset($1::jsonb) AS x(id text, service text, customer text, region text, priority text, opened_at float8,
    events_applied int, last_event_at float8, timeline json, recorded_at float8, status text, holder text, state json, rejected_events json)
  ON CONFLICT (id) DO UPDATE SET service = EXCLUDED.service, customer = EXCLUDED.customer, region = EXCLUDED.region,
    priority = EXCLUDED.priority, opened_at = EXCLUDED.opened_at, events_applied = EXCLUDED.events_applied,
    last_event_at = EXCLUDED.last_event_at, timeline = EXCLUDED.timeline, status = EXCLUDED.status, holder = EXCLUDED.holder,
    state = EXCLUDED.state, rejected_events = EXCLUDED.rejected_events`;

/**
 * Keeps the service's copy of each incident's timeline. Events of one incident arrive in
 * order (one key, one partition); the rows of a batch are locked in id order, so concurrent
 * batches and the timer loop never deadlock on them.
 */
@Injectable()
export class TrackingService {
  private readonly logger = new Logger(TrackingService.name);

  constructor(private readonly dataSource: DataSource) {}

  /** Applies events in the caller's transaction; returns the timelines of the incidents they touched. */
  async apply(manager: EntityManager, events: readonly IncidentEvent[], receivedAt: EpochMs): Promise<TrackedTimeline[]> {
    const ids = [...new Set(events.map((event) => event.incident))].sort();
    const rows = (await manager.query(LOCK_RECORDS, [ids])) as StoredRecordRow[];
    const records = new Map<string, { record: IncidentRecord; recordedAt: EpochMs }>();
    const stored = new Map<string, ReturnType<typeof trackedStateOf>>();
    for (const row of rows) {
      records.set(row.id, { record: restoreIncidentRecord(row.timeline, row.state, row.rejected_events), recordedAt: row.recorded_at.getTime() });
      stored.set(row.id, trackedStateOf(row));
    }
    const applied = new Map<string, IncidentEvent[]>();
    for (const event of events) {
      const entry = records.get(event.incident) ?? { record: emptyIncidentRecord(), recordedAt: receivedAt };
      const outcome = appendIncidentEvent(entry.record, event);
      if (outcome.accepted) {
        applied.set(event.incident, [...(applied.get(event.incident) ?? []), event]);
      } else {
        const rejected = outcome.record.rejected[outcome.record.rejected.length - 1];
        this.logger.warn(`incident ${event.incident}: ${event.type} at ${new Date(event.at).toISOString()} kept aside: ${rejected.message}`);
      }
      records.set(event.incident, { record: outcome.record, recordedAt: entry.recordedAt });
    }
    const touched = ids.map((id) => ({ id, ...records.get(id)! }));
    await manager.query(UPSERT_RECORDS, [JSON.stringify(upsertRows(touched))]);
    return touched.map(({ id, record }) => ({
      id,
      timeline: record.timeline,
      recorded: stored.get(id)?.recorded ?? [],
      alertHorizon: stored.get(id)?.alertHorizon,
      clockKeys: stored.get(id)?.clockKeys ?? [],
      applied: applied.get(id) ?? [],
    }));
  }

  /** Latest event first, then by id: keyset pages on (last_event_at, id). */
  async page({ first, after }: PageArgs): Promise<TrackedIncidentConnectionModel> {
    checkPageSize(first);
    const from = after ? trackedCursorKey(after) : undefined;
    const rows = (await this.dataSource.query(PAGE_OF_TRACKED(from !== undefined), from ? [first + 1, from.lastEventAt, from.id] : [first + 1])) as Array<{
      id: string;
      last_event_at: string;
    }>;
    return connectionOf(rows, first, (row) => encodeCursor(TRACKED_LIST, [row.last_event_at, row.id]), (row) => ({ id: row.id }));
  }

  byId(id: string): Promise<TrackedIncidentEntity | null> {
    return this.dataSource.getRepository(TrackedIncidentEntity).findOneBy({ id });
  }
}

function trackedCursorKey(after: string): { lastEventAt: string; id: string } {
  const [lastEventAt, id] = decodeCursor(after, TRACKED_LIST);
  if (typeof lastEventAt !== 'string' || !CURSOR_INSTANT.test(lastEventAt) || Number.isNaN(Date.parse(lastEventAt)) || typeof id !== 'string') throw invalidCursor();
  return { lastEventAt, id };
}

function upsertRows(rows: Array<{ id: string; record: IncidentRecord; recordedAt: EpochMs }>): object[] {
  return rows.map(({ id, record, recordedAt }) => {
    const { timeline } = record;
    return {
      id,
      service: timeline.service ?? null,
      customer: timeline.customer ?? null,
      region: timeline.region ?? null,
      priority: timeline.priorities.at(-1)?.priority ?? null,
      opened_at: timeline.openedAt ?? null,
      events_applied: record.events.length,
      // An incident known only by refused events is dated by the latest of them.
      last_event_at: Math.max(timeline.lastEventAt ?? Number.NEGATIVE_INFINITY, ...record.rejected.map((rejected) => rejected.event.at)),
      timeline: record.events,
      recorded_at: recordedAt,
      status: timeline.status,
      holder: timeline.holder ?? null,
      state: timeline,
      rejected_events: record.rejected,
    };
  });
}
