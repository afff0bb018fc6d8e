import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { checkPageSize, connectionOf, decodeCursor, encodeCursor, invalidCursor, type PageArgs } from '@underpin/platform';
import { IncidentEntity } from './incident.entity';
import type { IncidentConnectionModel, IncidentModel, TimelineEventConnectionModel, TimelineEventModel } from '../graphql/schema.type';
import { toIncidentModel } from './incident-mapper.util';

interface TimelineRow {
  seq: number;
  type: string;
  at: Date;
  data: Record<string, unknown>;
}

const INCIDENTS_LIST = 'incidents';
const TIMELINE_LIST = 'timeline';

@Injectable()
export class IncidentQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async byId(id: string): Promise<IncidentModel | null> {
    const row = await this.dataSource.getRepository(IncidentEntity).findOneBy({ id });
    return row ? toIncidentModel(row) : null;
  }

  /** A page of one incident's timeline in order; the cursor is the last event's seq. */
  async timeline(id: string, { first, after }: PageArgs): Promise<TimelineEventConnectionModel> {
    checkPageSize(first);
    const afterSeq = after ? seqOf(after) : 0;
    const rows = (await this.dataSource.query(
      `SELECT seq, type, at, data FROM incidents.timeline_events WHERE incident_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [id, afterSeq, first + 1],
    )) as TimelineRow[];
    return connectionOf(rows, first, (row) => encodeCursor(TIMELINE_LIST, [row.seq]), toTimelineEvent);
  }

  /** Keyset pagination on (opened_at, id), newest first; the cursor is opaque to callers. */
  async page({ first, after }: PageArgs): Promise<IncidentConnectionModel> {
    checkPageSize(first);
    const qb = this.dataSource.getRepository(IncidentEntity).createQueryBuilder('i').orderBy('i.opened_at', 'DESC').addOrderBy('i.id', 'DESC').limit(first + 1);
    if (after) qb.where('(i.opened_at, i.id) < (:openedAt, :id)', openedAtAndId(after));
    const rows = await qb.getMany();
    return connectionOf(rows, first, (row) => encodeCursor(INCIDENTS_LIST, [row.openedAt.toISOString(), row.id]), toIncidentModel);
  }
}

function openedAtAndId(after: string): { openedAt: string; id: string } {
  const [openedAt, id] = decodeCursor(after, INCIDENTS_LIST);
  if (typeof openedAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(openedAt))) throw invalidCursor();
  return { openedAt, id };
}

function seqOf(after: string): number {
  const [seq] = decodeCursor(after, TIMELINE_LIST);
  if (!Number.isSafeInteger(seq) || (seq as number) < 0) throw invalidCursor();
  return seq as number;
}

function toTimelineEvent(row: TimelineRow): TimelineEventModel {
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    seq: row.seq,
    type: row.type,
    at: row.at,
    to: text(row.data['to']),
    reason: text(row.data['reason']),
    impact: text(row.data['impact']) as TimelineEventModel['impact'],
    urgency: text(row.data['urgency']) as TimelineEventModel['urgency'],
  };
}
