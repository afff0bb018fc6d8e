import fc from 'fast-check';
import { ALERT_SPEC_CATALOGS, alertSpecCalendarOf, alertSpecVersion, timelineFromSteps, timelineOf, timelineSteps, type AlertSpecVariant } from '@underpin/testing';
import type { IncidentEvent } from '../catalog/events.model';
import { applicableObjectives, incidentAttributesOf } from './applicable-objectives.util';
import { evaluateClock, nextClockDeadline } from './evaluate-clock.util';
import {
  applyAlertChanges,
  catalogVersionAt,
  incidentCatalogVersion,
  incidentAlertKey,
  incidentAlerts,
  reconcileAlerts,
  type CatalogVersion,
  type IncidentAlert,
  type RecordedAlert,
} from './incident-alerts.util';
import type { IncidentTimeline } from './incident-timeline.model';
import { buildIncidentTimeline } from './incident-timeline.util';

const utc = (iso: string): number => Date.parse(`${iso}Z`);
const OPENED = utc('2026-03-03T08:00:00'); // a Tuesday; office hours are 07:00–15:00 UTC
const base = { incident: 'INC-A' };
const opened: IncidentEvent = { type: 'incident.opened', at: OPENED, ...base, service: 's', customer: 'c', impact: 'high', urgency: 'high', assignee: 'desk' };
const at = (hhmmss: string): number => utc(`2026-03-03T${hhmmss}`);

const summary = (alerts: readonly IncidentAlert[]) => alerts.map((a) => `${new Date(a.at).toISOString().slice(11, 19)} ${a.agreement}/${a.objective} ${a.kind} ${a.threshold}`);
const onlyA = [alertSpecVersion('a', Number.NEGATIVE_INFINITY)];

describe(incidentAlerts.name, () => {
  it('keeps the warnings of a P1 objective crossed before a reprioritization took it away, however the events came', () => {
    const events: IncidentEvent[] = [
      opened,
      { type: 'incident.handover', at: at('08:09:00'), ...base, to: 'netops' },
      { type: 'incident.reprioritized', at: at('08:12:00'), ...base, impact: 'medium', urgency: 'medium' },
    ];
    const alerts = incidentAlerts(timelineOf(events), onlyA, at('09:00:00'));
    expect(summary(alerts)).toEqual([
      '08:05:00 ola-desk/p1-response warning 0.5',
      '08:07:30 ola-desk/p1-handover warning 0.5',
      '08:07:30 ola-desk/p1-response warning 0.75',
      '08:07:30 sla-c/p1-response warning 0.5',
      '08:09:00 ola-desk/p1-response warning 0.9',
      '08:10:00 ola-desk/p1-response breach 1',
      '08:11:15 sla-c/p1-response warning 0.75',
    ]);
    // Nothing of P1 after 08:12, and the P3 clocks (4 h of office time) have crossed nothing yet.
    const warning = alerts.find((a) => a.objective === 'p1-handover')!;
    expect(warning).toMatchObject({ at: at('08:07:30'), dueAt: at('08:15:00'), revision: 'a' });
    expect(alerts.find((a) => a.kind === 'breach')).toMatchObject({ at: at('08:10:00'), dueAt: at('08:10:00') });
  });

  it('gives no breach to a response acknowledged in time, even when the clock is read long after', () => {
    const events: IncidentEvent[] = [opened, { type: 'incident.acknowledged', at: at('08:05:00'), ...base }];
    const alerts = incidentAlerts(timelineOf(events), onlyA, at('12:00:00'));
    // The desk's 10-minute response reached half its target the instant it was acknowledged.
    expect(summary(alerts.filter((a) => a.objective.endsWith('response')))).toEqual(['08:05:00 ola-desk/p1-response warning 0.5']);
  });

  it('stops a resolution clock’s warnings at the resolution', () => {
    const events: IncidentEvent[] = [opened, { type: 'incident.acknowledged', at: at('08:01:00'), ...base }, { type: 'incident.resolved', at: at('09:00:00'), ...base }];
    const alerts = incidentAlerts(timelineOf(events), onlyA, utc('2026-03-05T00:00:00'));
    expect(alerts.filter((a) => a.objective === 'p1-resolution')).toEqual([]);
    expect(summary(alerts.filter((a) => a.agreement === 'ola-desk' && a.objective === 'p1-handover'))).toEqual([
      '08:07:30 ola-desk/p1-handover warning 0.5',
      '08:11:15 ola-desk/p1-handover warning 0.75',
      '08:13:30 ola-desk/p1-handover warning 0.9',
      '08:15:00 ola-desk/p1-handover breach 1',
    ]);
  });

  it('applies a stricter catalogue version from its instant to an open incident, counting from the opening', () => {
    const events: IncidentEvent[] = [
      opened,
      { type: 'incident.acknowledged', at: at('08:02:00'), ...base },
      { type: 'incident.handover', at: at('08:05:00'), ...base, to: 'netops' },
      { type: 'incident.resolved', at: at('11:00:00'), ...base },
    ];
    const versions = [alertSpecVersion('a', Number.NEGATIVE_INFINITY), alertSpecVersion('b', at('08:20:00'))];
    const alerts = incidentAlerts(timelineOf(events), versions, at('20:00:00'));
    expect(summary(alerts.filter((a) => a.agreement === 'sla-c' || a.agreement === 'ola-netops'))).toEqual([
      '09:00:00 sla-c/p1-resolution warning 0.5',
      '09:30:00 sla-c/p1-resolution warning 0.75',
      '09:48:00 sla-c/p1-resolution warning 0.9',
      '10:00:00 sla-c/p1-resolution breach 1',
    ]);
    expect(new Set(alerts.filter((a) => a.agreement === 'sla-c').map((a) => a.revision))).toEqual(new Set(['b']));
  });

  it('does not judge an incident resolved before a version came by the new terms, unless it reopens', () => {
    const resolvedEarly: IncidentEvent[] = [opened, { type: 'incident.acknowledged', at: at('08:02:00'), ...base }, { type: 'incident.resolved', at: at('10:30:00'), ...base }];
    const versions = [alertSpecVersion('a', Number.NEGATIVE_INFINITY), alertSpecVersion('b', at('11:00:00'))];
    const resolved = incidentAlerts(timelineOf(resolvedEarly), versions, at('20:00:00'));
    // Under a (4 h) half the target was consumed at 10:00; b (2 h) would have breached at 10:00.
    expect(summary(resolved.filter((a) => a.objective === 'p1-resolution'))).toEqual(['10:00:00 sla-c/p1-resolution warning 0.5']);

    const reopened = incidentAlerts(timelineOf([...resolvedEarly, { type: 'incident.reopened', at: at('12:00:00'), ...base }]), versions, at('20:00:00'));
    // Reopened under b with 2 h 30 m counted: b's 75 %, 90 % and breach count at their instants;
    // the 50 % had happened under a.
    expect(summary(reopened.filter((a) => a.objective === 'p1-resolution'))).toEqual([
      '09:30:00 sla-c/p1-resolution warning 0.75',
      '09:48:00 sla-c/p1-resolution warning 0.9',
      '10:00:00 sla-c/p1-resolution warning 0.5',
      '10:00:00 sla-c/p1-resolution breach 1',
    ]);
  });

  it('is empty before the opening and without a catalogue', () => {
    expect(incidentAlerts(timelineOf([opened]), [], at('12:00:00'))).toEqual([]);
    expect(incidentAlerts(timelineOf([opened]), onlyA, at('07:00:00'))).toEqual([]);
  });
});

describe(incidentCatalogVersion.name, () => {
  const versions = [alertSpecVersion('a', Number.NEGATIVE_INFINITY), alertSpecVersion('b', at('09:00:00')), alertSpecVersion('c', at('10:00:00'))];
  const resolved = timelineOf([opened, { type: 'incident.resolved', at: at('08:30:00'), ...base }]);

  it('moves an open incident on to each new version, and keeps a resolved one on the version it ended under', () => {
    const open = timelineOf([opened]);
    expect([at('08:30:00'), at('09:00:00'), at('11:00:00')].map((t) => incidentCatalogVersion(open, versions, t)?.revision)).toEqual(['a', 'b', 'c']);
    expect(incidentCatalogVersion(resolved, versions, at('11:00:00'))?.revision).toBe('a');
  });

  it('gives a reopened incident the version in force when it reopened', () => {
    const reopened = timelineOf([opened, { type: 'incident.resolved', at: at('08:30:00'), ...base }, { type: 'incident.reopened', at: at('09:30:00'), ...base }]);
    expect(incidentCatalogVersion(reopened, versions, at('09:40:00'))?.revision).toBe('b');
    expect(incidentCatalogVersion(reopened, [], at('09:40:00'))).toBeUndefined();
  });
});

describe(catalogVersionAt.name, () => {
  it('takes the latest version started by then, and the first for anything earlier', () => {
    const versions = [{ from: 10 }, { from: 20 }, { from: 30 }];
    expect([5, 10, 19, 20, 35].map((t) => catalogVersionAt(versions, t)?.from)).toEqual([10, 10, 10, 20, 30]);
    expect(catalogVersionAt([], 5)).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random timelines and catalogue versions

const steps = timelineSteps({ maxSteps: 12, maxGapMinutes: 240 });
const variants = fc.constantFrom<AlertSpecVariant>('a', 'b', 'c');
const laterVersions = fc.array(fc.record({ variant: variants, minutes: fc.integer({ min: -120, max: 36 * 60 }) }), { maxLength: 3 });
const firstVariant = variants;

function versionsOf(first: AlertSpecVariant, later: Array<{ variant: AlertSpecVariant; minutes: number }>): CatalogVersion[] {
  const sorted = [...later].sort((a, b) => a.minutes - b.minutes);
  return [alertSpecVersion(first, OPENED - 7 * 86_400_000), ...sorted.map((v) => alertSpecVersion(v.variant, OPENED + v.minutes * 60_000))];
}

function eventsOf(raw: Array<{ action: number; gapMinutes: number; choice: number }>): IncidentEvent[] {
  return timelineFromSteps(OPENED, raw).events;
}

/**
 * An independent statement of what alerts happened: a service that knows every event the
 * instant it happens and whose timers fire exactly on time. It walks the instants where
 * something can change (events, catalogue versions, each clock's next deadline), reads the
 * clocks of the objectives that apply then, just before and just after that instant's
 * events, and fires each threshold the first time a reading has crossed it. The catalogue
 * version of an incident moves on whenever the incident is open, as a reconciler would.
 */
function liveAlerts(events: readonly IncidentEvent[], versions: readonly CatalogVersion[], horizon: number): Map<string, number> {
  const fired = new Map<string, number>();
  const sorted = [...events].sort((a, b) => a.at - b.at);
  let version = catalogVersionAt(versions, sorted[0].at)!;
  const read = (timeline: IncidentTimeline, now: number): number[] => {
    const deadlines: number[] = [];
    if (timeline.openedAt === undefined) return deadlines;
    const attributes = incidentAttributesOf(timeline);
    for (const entry of applicableObjectives(version.catalog, attributes, timeline.openedAt)) {
      const input = { objective: entry.objective, party: entry.party, calendar: version.calendarOf(entry.objective.calendar), timeline, now };
      const result = evaluateClock(input);
      const key = { agreement: entry.agreement.id, objective: entry.objective.id };
      for (const warning of result.warnings) {
        const k = incidentAlertKey({ ...key, kind: 'warning', threshold: warning.threshold });
        if (warning.threshold < 1 && !fired.has(k)) fired.set(k, warning.at);
      }
      const b = incidentAlertKey({ ...key, kind: 'breach', threshold: 1 });
      if (result.breached && !fired.has(b)) fired.set(b, result.breachedAt!);
      const next = nextClockDeadline(input);
      if (next) deadlines.push(next.at);
    }
    return deadlines;
  };
  let now = sorted[0].at;
  for (;;) {
    read(timelineOf(sorted.filter((e) => e.at < now)), now);
    // Events of one instant one at a time, in their order, each read as it lands.
    const earlier = sorted.filter((e) => e.at < now);
    const here = sorted.filter((e) => e.at === now);
    let deadlines: number[] = [];
    for (let k = here.length === 0 ? 0 : 1; k <= here.length; k++) {
      const after = timelineOf([...earlier, ...here.slice(0, k)]);
      if (after.status === 'open') version = catalogVersionAt(versions, now)!;
      deadlines = read(after, now);
    }
    if (now >= horizon) break;
    const candidates = [...sorted.map((e) => e.at), ...versions.map((v) => v.from), ...deadlines, horizon].filter((t) => t > now);
    now = Math.min(...candidates);
  }
  return fired;
}

describe('incident alerts properties', () => {
  it('are what a service that saw every event on time and fired every timer on time would have fired', () => {
    fc.assert(
      fc.property(steps, firstVariant, laterVersions, fc.integer({ min: 0, max: 72 * 60 }), (raw, first, later, horizonMinutes) => {
        const events = eventsOf(raw);
        const versions = versionsOf(first, later);
        const horizon = Math.max(...events.map((e) => e.at)) + horizonMinutes * 60_000;
        const alerts = incidentAlerts(timelineOf(events), versions, horizon);
        const expected = liveAlerts(events, versions, horizon);
        expect(new Map(alerts.map((a) => [incidentAlertKey(a), a.at]))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('only grow as time passes: waiting never takes an alert back nor moves it', () => {
    fc.assert(
      fc.property(steps, firstVariant, laterVersions, fc.integer({ min: 0, max: 48 * 60 }), fc.integer({ min: 0, max: 48 * 60 }), (raw, first, later, a, b) => {
        const events = eventsOf(raw);
        const timeline = timelineOf(events);
        const versions = versionsOf(first, later);
        const last = Math.max(...events.map((e) => e.at));
        const [early, late] = [last + Math.min(a, b) * 60_000, last + Math.max(a, b) * 60_000];
        const later_ = new Map(incidentAlerts(timeline, versions, late).map((x) => [incidentAlertKey(x), x]));
        for (const alert of incidentAlerts(timeline, versions, early)) expect(later_.get(incidentAlertKey(alert))).toEqual(alert);
      }),
    );
  });

  it('never lose an alert to an event that comes in time order: only a late event can withdraw one', () => {
    fc.assert(
      fc.property(steps, firstVariant, laterVersions, (raw, first, later) => {
        const events = eventsOf(raw);
        const versions = versionsOf(first, later);
        for (let k = 1; k < events.length; k++) {
          const next = events[k];
          const before = incidentAlerts(timelineOf(events.slice(0, k)), versions, next.at);
          const after = new Map(incidentAlerts(timelineOf(events.slice(0, k + 1)), versions, next.at).map((x) => [incidentAlertKey(x), x]));
          for (const alert of before) expect(after.get(incidentAlertKey(alert))).toEqual(alert);
        }
      }),
    );
  });

  it('end the same for a service that got the events in any batches, late ones included, with restarts between', () => {
    // Events arrive in an order the incidents service accepts (some backfilled late), split
    // into batches, each handled at some processing instant; a restart keeps only what was
    // recorded. Each batch and each timer pass reconciles the recorded alerts with the
    // alerts that happened by then.
    const arrival = fc.record({ lateness: fc.array(fc.nat(4), { maxLength: 14 }), cuts: fc.array(fc.boolean(), { maxLength: 14 }), passes: fc.array(fc.nat(600), { maxLength: 14 }) });
    fc.assert(
      fc.property(steps, firstVariant, laterVersions, arrival, (raw, first, later, plan) => {
        const events = eventsOf(raw);
        const versions = versionsOf(first, later);
        const order = events.map((event, i) => ({ event, key: i + (plan.lateness[i] ?? 0) + (i === 0 ? -1 : 0) })).sort((a, b) => a.key - b.key).map((x) => x.event);
        // Only orders whose every prefix is a valid timeline: what the source of events accepts.
        fc.pre(order.every((_, k) => buildIncidentTimeline(order.slice(0, k + 1)).ok));
        let recorded: RecordedAlert[] = [];
        const apply = (known: readonly IncidentEvent[], horizon: number) => {
          const changes = reconcileAlerts(recorded, incidentAlerts(timelineOf(known), versions, horizon));
          for (const withdrawn of changes.withdrawn) {
            const previous = recorded.find((r) => incidentAlertKey(r) === incidentAlertKey(withdrawn));
            expect(previous?.withdrawn).toBe(false);
          }
          // What survives a restart is what was recorded: a copy, nothing in memory.
          recorded = JSON.parse(JSON.stringify(applyAlertChanges(recorded, changes))) as RecordedAlert[];
        };
        const known: IncidentEvent[] = [];
        let clock = order[0].at;
        order.forEach((event, i) => {
          known.push(event);
          clock = Math.max(clock, event.at);
          if (plan.cuts[i] === false && i + 1 < order.length) return;
          apply(known, Math.max(clock, ...known.map((e) => e.at)));
          clock += (plan.passes[i] ?? 0) * 60_000;
          apply(known, clock);
        });
        const horizon = clock + 3 * 86_400_000;
        apply(known, horizon);
        const standing = recorded.filter((r) => !r.withdrawn).map(({ withdrawn: _w, ...alert }) => alert);
        // Events of one instant are in the order they arrived; that order is part of the history.
        expect(standing.sort((a, b) => incidentAlertKey(a).localeCompare(incidentAlertKey(b)))).toEqual(
          incidentAlerts(timelineOf(order), versions, horizon).sort((a, b) => incidentAlertKey(a).localeCompare(incidentAlertKey(b))),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe(reconcileAlerts.name, () => {
  const alert = (threshold: number, atMs: number): IncidentAlert => ({
    agreement: 'sla-c',
    objective: 'p1-resolution',
    kind: threshold === 1 ? 'breach' : 'warning',
    threshold,
    at: atMs,
    dueAt: atMs + 1,
    revision: 'a',
  });

  it('fires the new, restates the moved, withdraws the gone and fires again what comes back', () => {
    const recorded: RecordedAlert[] = [
      { ...alert(0.5, 100), withdrawn: false },
      { ...alert(0.75, 200), withdrawn: false },
      { ...alert(0.9, 300), withdrawn: true },
      { ...alert(1, 400), withdrawn: false },
    ];
    const changes = reconcileAlerts(recorded, [alert(0.5, 100), alert(0.75, 250), alert(0.9, 300)]);
    expect(changes.fired).toEqual([alert(0.9, 300)]);
    expect(changes.restated).toEqual([{ alert: alert(0.75, 250), previous: recorded[1] }]);
    expect(changes.withdrawn).toEqual([recorded[3]]);
  });

  it('records the changes: withdrawn alerts stay, marked', () => {
    const recorded: RecordedAlert[] = [{ ...alert(0.5, 100), withdrawn: false }, { ...alert(1, 400), withdrawn: false }];
    const after = applyAlertChanges(recorded, reconcileAlerts(recorded, [alert(0.5, 120), alert(0.75, 200)]));
    expect(after.map((a) => `${a.threshold}@${a.at}${a.withdrawn ? ' withdrawn' : ''}`).sort()).toEqual(['0.5@120', '0.75@200', '1@400 withdrawn']);
  });

  it('changes nothing when the recorded alerts are the ones that happened', () => {
    const happened = [alert(0.5, 100), alert(1, 400)];
    expect(reconcileAlerts(happened.map((a) => ({ ...a, withdrawn: false })), happened)).toEqual({ fired: [], restated: [], withdrawn: [] });
  });
});

describe('alert spec catalogues', () => {
  it('resolve the calendars they name', () => {
    expect(alertSpecCalendarOf('office').id).toBe('office');
    expect(Object.keys(ALERT_SPEC_CATALOGS)).toEqual(['a', 'b', 'c']);
  });
});
