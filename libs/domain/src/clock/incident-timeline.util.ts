import { DEFAULT_PRIORITY_MATRIX, type EpochMs, type PriorityMatrix } from '../catalog/catalog.model';
import type { IncidentEvent } from '../catalog/events.model';
import type {
  IncidentTimeline,
  IncidentTransition,
  IncidentTransitionCode,
  IncidentTransitionError,
  PriorityChange,
} from './incident-timeline.model';
import { isLevel, priorityOf } from './priority.util';

/**
 * Transition rules (each rejection has a code, so a command API can answer precisely):
 * - `opened` only once, first; anything else before it is `not-opened`.
 * - nothing is accepted after `closed` (`incident-closed`); `closed` needs a resolved incident.
 * - `acknowledged`, `handover`, `paused`, `resumed` and `resolved` need an open incident;
 *   a second acknowledgement is accepted and changes nothing (the first one is the response).
 * - `paused` while paused is `already-paused`; `resumed` when not paused is `not-paused`;
 *   resolving ends a running pause.
 * - `handover` to the party already holding the incident is `same-holder`.
 * - `reopened` needs a resolved incident and gives it back to the party that held it then.
 * - `reprioritized` is accepted while open or resolved (a late correction); the same impact
 *   and urgency again changes nothing.
 * - events may not go back in time (`out-of-order`); equal instants keep their order.
 */
export function emptyIncidentTimeline(): IncidentTimeline {
  return { status: 'new', open: [], pauses: [], holders: [], priorities: [] };
}

export function applyIncidentEvent(
  state: IncidentTimeline,
  event: IncidentEvent,
  matrix: PriorityMatrix = DEFAULT_PRIORITY_MATRIX,
): IncidentTransition {
  const error = checkTransition(state, event);
  if (error) return { ok: false, error };
  const draft: IncidentTimeline = {
    ...state,
    open: state.open.slice(),
    pauses: state.pauses.slice(),
    holders: state.holders.slice(),
    priorities: state.priorities.slice(),
  };
  applyChecked(draft, event, matrix);
  return { ok: true, state: draft };
}

export type IncidentTimelineBuild =
  | { ok: true; state: IncidentTimeline }
  | { ok: false; error: IncidentTransitionError; index: number; event: IncidentEvent };

/**
 * Derives an incident's timeline from its events, sorted by `at` with same-instant order
 * kept. Stops at the first event the rules reject and says which one (index in the input).
 */
export function buildIncidentTimeline(
  events: readonly IncidentEvent[],
  matrix: PriorityMatrix = DEFAULT_PRIORITY_MATRIX,
): IncidentTimelineBuild {
  const order = events.map((_, index) => index).sort((a, b) => events[a].at - events[b].at || a - b);
  const draft = emptyIncidentTimeline();
  for (const index of order) {
    const event = events[index];
    const error = checkTransition(draft, event);
    if (error) return { ok: false, error, index, event };
    applyChecked(draft, event, matrix);
  }
  return { ok: true, state: draft };
}

/**
 * A timeline read back from storage (JSON drops `to: undefined`) with its spans in the one
 * shape the reducer gives them, so clocks evaluate it at full speed.
 */
export function restoreIncidentTimeline(stored: IncidentTimeline): IncidentTimeline {
  return {
    ...stored,
    open: stored.open.map((span) => ({ from: span.from, to: span.to ?? undefined })),
    pauses: stored.pauses.map((span) => ({ from: span.from, to: span.to ?? undefined, reason: span.reason })),
    holders: stored.holders.map((span) => ({ party: span.party, from: span.from, to: span.to ?? undefined })),
    priorities: stored.priorities.map((change) => ({ ...change })),
  };
}

/** Whether a pause is running at the end of the timeline. */
export function isPaused(state: IncidentTimeline): boolean {
  const last = state.pauses[state.pauses.length - 1];
  return last !== undefined && last.to === undefined;
}

/** The priority in force at an instant (the opening one before any change). */
export function priorityAt(state: IncidentTimeline, at: EpochMs): PriorityChange | undefined {
  let current: PriorityChange | undefined;
  for (const change of state.priorities) {
    if (change.at > at && current !== undefined) break;
    current = change;
  }
  return current;
}

/** Parties that held the incident before `now`, in order of first holding. */
export function partiesThatHeld(state: IncidentTimeline, now: EpochMs = Number.POSITIVE_INFINITY): string[] {
  const parties: string[] = [];
  for (const span of state.holders) {
    if (span.from < now && (span.to === undefined || span.to > span.from) && !parties.includes(span.party)) {
      parties.push(span.party);
    }
  }
  return parties;
}

function fail(code: IncidentTransitionCode, message: string): IncidentTransitionError {
  return { code, message };
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function checkFields(event: IncidentEvent): IncidentTransitionError | undefined {
  const raw = event as unknown as Record<string, unknown>;
  if (typeof raw.at !== 'number' || !Number.isFinite(raw.at)) return fail('invalid-field', 'at: expected an instant');
  if (!nonEmpty(raw.incident)) return fail('invalid-field', 'incident: expected an incident id');
  switch (event.type) {
    case 'incident.opened':
      if (!nonEmpty(raw.service)) return fail('invalid-field', 'service: expected a service id');
      if (!nonEmpty(raw.customer)) return fail('invalid-field', 'customer: expected a party id');
      if (raw.assignee !== undefined && !nonEmpty(raw.assignee)) return fail('invalid-field', 'assignee: expected a party id');
      return checkLevels(raw);
    case 'incident.reprioritized':
      return checkLevels(raw);
    case 'incident.handover':
      return nonEmpty(raw.to) ? undefined : fail('invalid-field', 'to: expected a party id');
    case 'incident.paused':
      return nonEmpty(raw.reason) ? undefined : fail('invalid-field', 'reason: expected a pause reason');
    case 'incident.acknowledged':
    case 'incident.resumed':
    case 'incident.resolved':
    case 'incident.reopened':
    case 'incident.closed':
      return undefined;
    default:
      return fail('invalid-field', `type: unknown incident event ${JSON.stringify(raw.type)}`);
  }
}

function checkLevels(raw: Record<string, unknown>): IncidentTransitionError | undefined {
  if (!isLevel(raw.impact)) return fail('invalid-field', 'impact: expected high, medium or low');
  if (!isLevel(raw.urgency)) return fail('invalid-field', 'urgency: expected high, medium or low');
  return undefined;
}

function checkTransition(state: IncidentTimeline, event: IncidentEvent): IncidentTransitionError | undefined {
  const fieldError = checkFields(event);
  if (fieldError) return fieldError;
  const id = event.incident;
  if (state.incident !== undefined && event.incident !== state.incident) {
    return fail('wrong-incident', `incident: event for ${id} applied to ${state.incident}`);
  }
  if (state.lastEventAt !== undefined && event.at < state.lastEventAt) {
    return fail('out-of-order', `at: ${event.type} of ${id} is earlier than the event before it`);
  }
  const verb = event.type.slice('incident.'.length);
  if (state.status === 'new') {
    return event.type === 'incident.opened' ? undefined : fail('not-opened', `${id}: cannot be ${verb} before it is opened`);
  }
  if (event.type === 'incident.opened') return fail('already-opened', `${id}: is already opened`);
  if (state.status === 'closed') return fail('incident-closed', `${id}: is closed; nothing can change it`);
  switch (event.type) {
    case 'incident.reprioritized':
      return undefined;
    case 'incident.reopened':
    case 'incident.closed':
      return state.status === 'resolved' ? undefined : fail('not-resolved', `${id}: cannot be ${verb}, it is not resolved`);
    default:
      break;
  }
  if (state.status !== 'open') return fail('not-open', `${id}: cannot be ${verb}, it is ${state.status}`);
  if (event.type === 'incident.paused' && isPaused(state)) return fail('already-paused', `${id}: is already paused`);
  if (event.type === 'incident.resumed' && !isPaused(state)) return fail('not-paused', `${id}: cannot be resumed, it is not paused`);
  if (event.type === 'incident.handover' && state.holder === event.to) {
    return fail('same-holder', `to: ${id} is already held by ${event.to}`);
  }
  return undefined;
}

/**
 * Applies an event that passed checkTransition; spans are replaced, never mutated. A running
 * span carries `to: undefined` so that open and closed spans share one object shape, which
 * keeps property reads in the clock walk monomorphic.
 */
function applyChecked(draft: IncidentTimeline, event: IncidentEvent, matrix: PriorityMatrix): void {
  const at = event.at;
  draft.lastEventAt = at;
  switch (event.type) {
    case 'incident.opened':
      draft.incident = event.incident;
      draft.status = 'open';
      draft.service = event.service;
      draft.customer = event.customer;
      draft.region = event.region;
      draft.title = event.title;
      draft.openedAt = at;
      draft.open.push({ from: at, to: undefined });
      draft.priorities.push({ at, impact: event.impact, urgency: event.urgency, priority: priorityOf(event.impact, event.urgency, matrix) });
      if (event.assignee !== undefined) {
        draft.holder = event.assignee;
        draft.holders.push({ party: event.assignee, from: at, to: undefined });
      }
      return;
    case 'incident.acknowledged':
      draft.acknowledgedAt ??= at;
      return;
    case 'incident.handover':
      endHolding(draft, at);
      draft.holder = event.to;
      draft.holders.push({ party: event.to, from: at, to: undefined });
      return;
    case 'incident.paused':
      draft.pauses.push({ from: at, to: undefined, reason: event.reason });
      return;
    case 'incident.resumed':
      endPause(draft, at);
      return;
    case 'incident.resolved':
      endPause(draft, at);
      endHolding(draft, at);
      draft.open[draft.open.length - 1] = { ...draft.open[draft.open.length - 1], to: at };
      draft.status = 'resolved';
      draft.resolvedAt = at;
      return;
    case 'incident.reopened':
      draft.status = 'open';
      draft.open.push({ from: at, to: undefined });
      if (draft.holder !== undefined) draft.holders.push({ party: draft.holder, from: at, to: undefined });
      return;
    case 'incident.closed':
      draft.status = 'closed';
      draft.closedAt = at;
      return;
    case 'incident.reprioritized': {
      const current = draft.priorities[draft.priorities.length - 1];
      if (current.impact === event.impact && current.urgency === event.urgency) return;
      draft.priorities.push({ at, impact: event.impact, urgency: event.urgency, priority: priorityOf(event.impact, event.urgency, matrix) });
      return;
    }
  }
}

function endPause(draft: IncidentTimeline, at: EpochMs): void {
  const last = draft.pauses.length - 1;
  if (last >= 0 && draft.pauses[last].to === undefined) draft.pauses[last] = { ...draft.pauses[last], to: at };
}

/** Closes the running holder span; a span of no length is dropped: that party never held it. */
function endHolding(draft: IncidentTimeline, at: EpochMs): void {
  const last = draft.holders.length - 1;
  if (last < 0 || draft.holders[last].to !== undefined) return;
  if (draft.holders[last].from === at) draft.holders.pop();
  else draft.holders[last] = { ...draft.holders[last], to: at };
}
