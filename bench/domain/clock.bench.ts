import {
  buildIncidentTimeline,
  compileCalendar,
  DEFAULT_PAUSE_ON,
  DEFAULT_WARN_AT,
  evaluateClock,
  type BusinessCalendar,
  type IncidentEvent,
  type IncidentTimeline,
  type ObjectiveSpec,
} from '@underpin/domain';
import { logUniform, seededRandom } from './bench-random.util';

const MINUTE = 60_000;
const DAY = 86_400_000;

const officeSe = compileCalendar({
  id: 'office-se',
  timezone: 'Europe/Stockholm',
  weekly: [0, 1, 2, 3, 4].map((day) => ({ day: day as 0, startMinute: 480, endMinute: 960 })),
  holidays: ['2026-01-01', '2026-01-06', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14',
    '2026-06-06', '2026-06-19', '2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31'],
});

function objective(id: string, metric: ObjectiveSpec['metric'], seconds: number): ObjectiveSpec {
  return {
    id, metric, target: { unit: 'seconds', value: seconds }, direction: 'atMost', calendar: 'office-se',
    pauseOn: DEFAULT_PAUSE_ON, warnAt: DEFAULT_WARN_AT, perRegion: false, window: 'month', excludeMaintenance: [], underpinnedBy: [],
  };
}

/** Incidents open from a few minutes to three months, with up to three customer pauses each. */
function timelines(count: number): IncidentTimeline[] {
  const random = seededRandom(42);
  const out: IncidentTimeline[] = [];
  for (let i = 0; i < count; i++) {
    const incident = `INC-${i}`;
    const openedAt = Date.UTC(2026, 0, 1) + Math.floor(random() * 300 * DAY / MINUTE) * MINUTE;
    const length = Math.round(logUniform(random, 5 * MINUTE, 92 * DAY));
    const events: IncidentEvent[] = [
      { type: 'incident.opened', at: openedAt, incident, service: 'video', customer: 'acme', impact: 'high', urgency: 'high', assignee: 'desk' },
      { type: 'incident.acknowledged', at: openedAt + Math.round(random() * Math.min(length, 4 * 3_600_000)), incident },
    ];
    const pauses = Math.floor(random() * 4);
    for (let p = 0; p < pauses; p++) {
      const start = openedAt + Math.round(((2 * p + 1) / (2 * pauses + 1)) * length);
      const end = start + Math.round((random() * length) / (2 * pauses + 1));
      events.push({ type: 'incident.paused', at: start, incident, reason: 'awaiting-customer' });
      events.push({ type: 'incident.resumed', at: end, incident });
    }
    events.push({ type: 'incident.resolved', at: openedAt + length + 1, incident });
    const built = buildIncidentTimeline(events);
    if (!built.ok) throw new Error(`benchmark data: ${built.error.message}`);
    out.push(built.state);
  }
  return out;
}

export interface ClockBenchFigures {
  evaluations: number;
  /** Wall-clock time. */
  seconds: number;
  /** CPU time of this process: the fair figure on a shared machine. */
  cpuSeconds: number;
  perSecond: number;
}

/** Response and resolution clocks evaluated round-robin over a fixed set of incidents. */
export function benchClock(evaluations = 2_000_000): ClockBenchFigures {
  const incidents = timelines(2_000);
  const response = objective('p1-response', 'response_time', 4 * 3_600);
  const resolution = objective('p1-resolution', 'resolution_time', 24 * 3_600);
  const calendar: BusinessCalendar = officeSe;
  const now = Date.UTC(2027, 6, 1);
  // Warm the calendar's week cache and the JIT, as a long-running service would be.
  for (let i = 0; i < 20_000; i++) evaluateClock({ objective: resolution, calendar, timeline: incidents[i % incidents.length], now });

  let checksum = 0;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < evaluations; i++) {
    const timeline = incidents[i % incidents.length];
    const result = evaluateClock({ objective: i & 1 ? resolution : response, calendar, timeline, now });
    checksum += result.elapsedSeconds;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  if (!(checksum > 0)) throw new Error('benchmark data: no clock counted any time');
  return { evaluations, seconds, cpuSeconds, perSecond: evaluations / cpuSeconds };
}
