import { createHash } from 'node:crypto';
import { Body, Controller, HttpCode, HttpException, HttpStatus, Post } from '@nestjs/common';
import { parseEventLine, type Problem } from '@underpin/contracts';
import type { IncidentEvent } from '@underpin/domain';
import { StateConflictException, UnknownEntityException, UserInputException } from '@underpin/platform';
import { DataSource } from 'typeorm';
import { IncidentEntity } from '../incident/incident.entity';
import { OpenIncidentUseCase } from '../incident/use-cases/open-incident/open-incident.use-case';
import { RecordIncidentEventUseCase, type IncidentChange } from '../incident/use-cases/record-incident-event/record-incident-event.use-case';

const MAX_EVENTS = 1000;

export interface IntakeResult {
  index: number;
  /** The external id the sender used. */
  externalId: string;
  incident?: string;
  status: 'recorded' | 'duplicate' | 'rejected';
  error?: { code: string; message: string };
}

/**
 * Generic JSON webhook for ITSM tools: one event or an array, in the timeline format of
 * agreements-as-code (`incident` is the sender's id of the incident). Idempotent: a retried
 * delivery of the same event (same `eventId`, or the same content when none is given)
 * records nothing twice. The whole body is validated before anything is recorded: its
 * shape, and every field of every event against the limits of the event contract (the
 * same ones the use cases apply), so a bad event anywhere in a batch records nothing and
 * answers 400. What can still refuse an event while recording is the incident's state
 * (resolving a closed incident…): those answer 409 with the result of each event.
 */
@Controller('intake')
export class IntakeController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly openIncident: OpenIncidentUseCase,
    private readonly recordEvent: RecordIncidentEventUseCase,
  ) {}

  @Post('events')
  @HttpCode(200)
  async receive(@Body() body: unknown): Promise<{ results: IntakeResult[] }> {
    const shapeProblem = bodyShapeProblem(body);
    if (shapeProblem !== undefined) {
      throw new HttpException({ error: 'bad-request', problems: [{ path: '', message: `${EXPECTED_BODY}; ${shapeProblem}` }] }, HttpStatus.BAD_REQUEST);
    }
    const items = Array.isArray(body) ? body : [body];
    const parsed = items.map((item, index) => parseItem(item, index));
    const problems = parsed.flatMap((p) => ('problems' in p ? p.problems : []));
    if (problems.length > 0) {
      throw new HttpException({ error: 'bad-request', problems: problems.map(({ line, path, message }) => ({ index: (line ?? 1) - 1, path, message })) }, HttpStatus.BAD_REQUEST);
    }
    const results: IntakeResult[] = [];
    for (const [index, item] of parsed.entries()) {
      if (!('event' in item)) continue;
      results.push(await this.apply(index, item.event, item.key));
    }
    if (results.some((r) => r.status === 'rejected')) throw new HttpException({ error: 'conflict', results }, HttpStatus.CONFLICT);
    return { results };
  }

  private async apply(index: number, event: IncidentEvent, key: string): Promise<IntakeResult> {
    const externalId = event.incident;
    try {
      if (event.type === 'incident.opened') {
        const { incident, duplicate } = await this.openIncident.execute(
          {
            externalId,
            service: event.service,
            customer: event.customer,
            region: event.region,
            impact: event.impact,
            urgency: event.urgency,
            assignee: event.assignee,
            title: event.title,
            openedAt: new Date(event.at),
          },
          key,
        );
        return { index, externalId, incident: incident.id, status: duplicate ? 'duplicate' : 'recorded' };
      }
      const row = await this.dataSource.getRepository(IncidentEntity).findOneBy({ externalId });
      if (!row) throw new UnknownEntityException('incident with external id', externalId);
      const { type, incident: _incident, at, ...fields } = event;
      const result = await this.recordEvent.execute(row.id, { type, ...fields } as IncidentChange, { at: new Date(at), externalKey: key });
      return { index, externalId, incident: row.id, status: result.duplicate ? 'duplicate' : 'recorded' };
    } catch (error) {
      if (error instanceof StateConflictException) return { index, externalId, status: 'rejected', error: { code: error.reason, message: error.message } };
      if (error instanceof UnknownEntityException) return { index, externalId, status: 'rejected', error: { code: 'unknown-incident', message: error.message } };
      if (error instanceof UserInputException) return { index, externalId, status: 'rejected', error: { code: 'bad-input', message: error.message } };
      throw error;
    }
  }
}

const EXPECTED_BODY = `expected one incident event (a JSON object with "type", "at" and "incident") or a JSON array of 1 to ${MAX_EVENTS} of them`;

/** What makes the body as a whole unreadable as events, in terms of what was received. */
function bodyShapeProblem(body: unknown): string | undefined {
  if (Array.isArray(body)) {
    if (body.length === 0) return 'got an empty array';
    return body.length > MAX_EVENTS ? `got an array of ${body.length}` : undefined;
  }
  if (typeof body !== 'object' || body === null) return `got ${describeValue(body)}`;
  const fields = Object.keys(body);
  if (fields.length === 0) return 'got an empty object';
  // An object without a type is not an event; most often a wrapper (`{"events": […]}`).
  if (!('type' in body)) return `got an object without "type" (its fields: ${fields.slice(0, 10).join(', ')})`;
  return undefined;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `a string of ${value.length} characters` : `the string ${JSON.stringify(value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `the value ${value}`;
    default:
      return 'an object';
  }
}

function parseItem(item: unknown, index: number): { event: IncidentEvent; key: string } | { problems: Problem[] } {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return { problems: [{ file: 'body', line: index + 1, path: '', message: `expected an event object, got ${describeValue(item)}` }] };
  }
  const { eventId, ...rest } = item as Record<string, unknown>;
  if (eventId !== undefined && (typeof eventId !== 'string' || eventId.length === 0 || eventId.length > 200)) {
    return { problems: [{ file: 'body', line: index + 1, path: 'eventId', message: 'must be a non-empty string of at most 200 characters' }] };
  }
  const text = JSON.stringify(rest);
  const result = parseEventLine(text, index + 1, 'body');
  if (!result.ok) return { problems: result.problems };
  if (!result.event.type.startsWith('incident.')) {
    return { problems: [{ file: 'body', line: index + 1, path: 'type', message: 'the intake takes incident.* events; probes and call samples go to metrics ingestion' }] };
  }
  const event = result.event as IncidentEvent;
  const key = typeof eventId === 'string' ? `id:${event.incident}:${eventId}` : `sha256:${createHash('sha256').update(canonical(rest)).digest('hex')}`;
  return { event, key };
}

/** Same content, same key, whatever the order of the sender's fields. */
function canonical(value: Record<string, unknown>): string {
  return JSON.stringify(Object.keys(value).sort().map((k) => [k, value[k]]));
}
