import type { TimelineEvent } from '@underpin/domain';
import { didYouMean } from '../catalog/did-you-mean.util';
import { parseIsoInstant } from '../catalog/iso-time.util';
import type { Problem } from '../catalog/problem.type';
import { INCIDENT_FIELD_RULES } from '../events/incident-fields.constant';
import { textProblem, type TextRule } from '../events/schema.util';
import { EVENT_FIELDS, EVENT_TYPES, RULE_EXPECTATIONS, type FieldRule } from './event-fields.constant';

export type EventLineResult = { ok: true; event: TimelineEvent } | { ok: false; problems: Problem[] };

type FieldKind = Exclude<FieldRule, `${string}?`>;

/** The rules of each type compiled once: this runs for every line of files of millions of lines. */
const CHECKS = new Map(
  EVENT_TYPES.map((type) => {
    const entries = Object.entries(EVENT_FIELDS[type]);
    const fields = entries.map(([field, rule]) => ({
      field,
      kind: rule.replace('?', '') as FieldKind,
      optional: rule.endsWith('?'),
      limits: limitsOf(type, field),
    }));
    return [type, { fields, allowed: new Set(['type', 'at', ...entries.map(([field]) => field)]) }] as const;
  }),
);

const AT_EXPECTATION = 'expected an ISO-8601 instant with its offset, like "2026-03-02T08:05:00+01:00"';

/**
 * Validates one JSON Lines record. Every field problem of the line is listed, each pointing
 * at the column where its field is written, so a long line is easy to fix.
 */
export function parseEventLine(text: string, line: number, file: string): EventLineResult {
  const problem = (path: string, message: string, column?: number): Problem => ({
    file,
    line,
    ...(column !== undefined && { column }),
    path,
    message,
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    const column = position ? Number(position[1]) + 1 : undefined;
    return { ok: false, problems: [problem('', `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, column)] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problems: [problem('', 'expected a JSON object with "type" and "at"', 1)] };
  }
  const record = value as Record<string, unknown>;
  const at = (field: string) => columnOf(text, field);
  const problems: Problem[] = [];

  const type = record.type;
  const fields =
    typeof type === 'string' && Object.hasOwn(EVENT_FIELDS, type) ? EVENT_FIELDS[type as TimelineEvent['type']] : undefined;
  if (type === undefined) {
    problems.push(problem('type', `is required; expected one of ${EVENT_TYPES.join(', ')}`, 1));
  } else if (fields === undefined) {
    const hint = typeof type === 'string' ? didYouMean(type, EVENT_TYPES) : '';
    const shown = typeof type === 'string' ? `"${type}"` : JSON.stringify(type);
    problems.push(problem('type', `unknown event type ${shown}${hint || `; expected one of ${EVENT_TYPES.join(', ')}`}`, at('type')));
  }

  const instant = typeof record.at === 'string' ? parseIsoInstant(record.at) : undefined;
  if (record.at === undefined) problems.push(problem('at', `is required; ${AT_EXPECTATION}`, 1));
  else if (instant === undefined) problems.push(problem('at', AT_EXPECTATION, at('at')));

  const checks = fields && CHECKS.get(type as TimelineEvent['type']);
  if (checks !== undefined) {
    for (const { field, kind, optional, limits } of checks.fields) {
      if (!Object.hasOwn(record, field)) {
        if (!optional) problems.push(problem(field, `is required; ${RULE_EXPECTATIONS[kind]}`, 1));
      } else if (!satisfies(kind, record[field])) {
        problems.push(problem(field, RULE_EXPECTATIONS[kind], at(field)));
      } else if (limits !== undefined) {
        const broken = textProblem(record[field] as string, limits);
        if (broken !== undefined) problems.push(problem(field, broken, at(field)));
      }
    }
    for (const field in record) {
      if (!checks.allowed.has(field)) {
        problems.push(problem(field, `unknown field for ${String(type)}${didYouMean(field, checks.allowed)}`, at(field)));
      }
    }
  }
  if (type === 'probe') problems.push(...probeStateProblems(record, problem, at));
  if (problems.length > 0) return { ok: false, problems };
  if (type === 'probe' && record.ok === undefined) record.ok = record.state !== 'down';
  // The record is this function's own fresh parse, so it can become the event without a copy.
  record.at = instant;
  return { ok: true, event: record as unknown as TimelineEvent };
}

/**
 * An incident line is an `incidents.events.v1` payload plus its type, so its text fields
 * take the topic's limits: a file the backtest reads or a body the intake takes holds
 * nothing the topic would refuse.
 */
function limitsOf(type: TimelineEvent['type'], field: string): TextRule | undefined {
  if (!type.startsWith('incident.') || !Object.hasOwn(INCIDENT_FIELD_RULES, field)) return undefined;
  return INCIDENT_FIELD_RULES[field as keyof typeof INCIDENT_FIELD_RULES];
}

/** A probe says how it went with `ok`, with `state`, or with both when they agree (ok is false exactly when down). */
function probeStateProblems(
  record: Record<string, unknown>,
  problem: (path: string, message: string, column?: number) => Problem,
  at: (field: string) => number,
): Problem[] {
  const { ok, state } = record;
  if (ok === undefined && state === undefined) {
    return [problem('ok', 'is required; expected true or false, or a "state" of "up", "down" or "degraded" instead', 1)];
  }
  if (typeof ok === 'boolean' && typeof state === 'string' && satisfies('probeState', state) && ok !== (state !== 'down')) {
    return [problem('state', `says "${state}" but ok is ${ok}; give one of them, or both agreeing (ok is false exactly when the state is down)`, at('state'))];
  }
  return [];
}

function satisfies(rule: FieldKind, value: unknown): boolean {
  switch (rule) {
    case 'text':
      return typeof value === 'string' && value.trim() !== '';
    case 'level':
      return value === 'high' || value === 'medium' || value === 'low';
    case 'boolean':
      return typeof value === 'boolean';
    case 'nonNegative':
      return isNumber(value) && value >= 0;
    case 'positive':
      return isNumber(value) && value > 0;
    case 'percent':
      return isNumber(value) && value >= 0 && value <= 100;
    case 'mos':
      return isNumber(value) && value >= 1 && value <= 5;
    case 'probeState':
      return value === 'up' || value === 'down' || value === 'degraded';
    default:
      return false;
  }
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** 1-based column of `"field":` in the raw line, falling back to the line's start. */
function columnOf(text: string, field: string): number {
  const index = text.search(new RegExp(`${escapeRegExp(JSON.stringify(field))}\\s*:`));
  return index < 0 ? 1 : index + 1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
