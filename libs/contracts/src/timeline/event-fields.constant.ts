import type { TimelineEvent } from '@underpin/domain';

/** How one field of an event line is checked. A trailing `?` marks it optional. */
export type FieldRule =
  | 'text'
  | 'level'
  | 'boolean'
  | 'nonNegative'
  | 'positive'
  | 'percent'
  | 'mos'
  | 'probeState'
  | 'text?'
  | 'level?'
  | 'boolean?'
  | 'nonNegative?'
  | 'positive?'
  | 'percent?'
  | 'mos?'
  | 'probeState?';

/**
 * The fields each event type carries besides `type` and `at`. Any other field is rejected,
 * so a misspelt optional field (`asignee`) cannot silently change who held an incident.
 */
export const EVENT_FIELDS: Record<TimelineEvent['type'], Record<string, FieldRule>> = {
  'incident.opened': {
    incident: 'text',
    service: 'text',
    customer: 'text',
    region: 'text?',
    impact: 'level',
    urgency: 'level',
    assignee: 'text?',
    title: 'text?',
  },
  'incident.acknowledged': { incident: 'text' },
  'incident.handover': { incident: 'text', to: 'text' },
  'incident.paused': { incident: 'text', reason: 'text' },
  'incident.resumed': { incident: 'text' },
  'incident.resolved': { incident: 'text' },
  'incident.reopened': { incident: 'text' },
  'incident.closed': { incident: 'text' },
  'incident.reprioritized': { incident: 'text', impact: 'level', urgency: 'level' },
  // `ok` or `state` (degraded has no `ok`); parseEventLine requires one and derives `ok` from `state`.
  probe: { service: 'text', region: 'text', ok: 'boolean?', state: 'probeState?', vantage: 'text?' },
  'call.quality': {
    service: 'text',
    region: 'text',
    call: 'text',
    latencyMs: 'nonNegative?',
    lossPercent: 'percent?',
    intervalSeconds: 'positive?',
    mos: 'mos?',
    setupFailed: 'boolean?',
  },
};

export const EVENT_TYPES = Object.keys(EVENT_FIELDS) as Array<TimelineEvent['type']>;

export const RULE_EXPECTATIONS: Record<string, string> = {
  text: 'expected a non-empty string',
  level: 'expected "high", "medium" or "low"',
  boolean: 'expected true or false',
  nonNegative: 'expected a number of at least 0',
  positive: 'expected a number above 0',
  percent: 'expected a number from 0 to 100',
  mos: 'expected a MOS score from 1 to 5',
  probeState: 'expected "up", "down" or "degraded"',
};
