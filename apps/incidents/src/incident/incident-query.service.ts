import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserInputException } from '@underpin/platform';
import { IncidentEntity } from './incident.entity';
import type { IncidentModel, IncidentPageModel, TimelineEventModel } from './incident.model';
import { toIncidentModel } from './incident.mapper';

@Injectable()
export class IncidentQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async byId(id: string): Promise<IncidentModel | null> {
    const row = await this.dataSource.getRepository(IncidentEntity).findOneBy({ id });
    return row ? toIncidentModel(row) : null;
  }

  async timeline(id: string): Promise<TimelineEventModel[]> {
    const rows = (await this.dataSource.query(`SELECT seq, type, at, data FROM incidents.timeline_events WHERE incident_id = $1 ORDER BY seq`, [id])) as Array<{
      seq: number;
      type: string;
      at: Date;
      data: Record<string, unknown>;
    }>;
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    return rows.map((r) => ({
      seq: r.seq,
      type: r.type,
      at: r.at,
      to: text(r.data['to']),
      reason: text(r.data['reason']),
      impact: text(r.data['impact']) as TimelineEventModel['impact'],
      urgency: text(r.data['urgency']) as TimelineEventModel['urgency'],
    }));
  }

  /** Keyset pagination on (opened_at, id), newest first; the cursor is opaque to callers. */
  async page(first: number, after: string | null): Promise<IncidentPageModel> {
    const qb = this.dataSource.getRepository(IncidentEntity).createQueryBuilder('i').orderBy('i.opened_at', 'DESC').addOrderBy('i.id', 'DESC').limit(first + 1);
    if (after) {
      const cursor = decodeCursor(after);
      qb.where('(i.opened_at, i.id) < (:openedAt, :id)', cursor);
    }
    const rows = await qb.getMany();
    const items = rows.slice(0, first).map(toIncidentModel);
    const last = rows.length > first ? rows[first - 1] : undefined;
    return { items, nextCursor: last ? encodeCursor(last) : null };
  }
}

function encodeCursor(row: IncidentEntity): string {
  return Buffer.from(JSON.stringify([row.openedAt.toISOString(), row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { openedAt: string; id: string } {
  try {
    const [openedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof openedAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(openedAt))) throw new Error('shape');
    return { openedAt, id };
  } catch {
    throw new UserInputException([{ field: 'after', message: 'is not a cursor returned by this query' }]);
  }
}
