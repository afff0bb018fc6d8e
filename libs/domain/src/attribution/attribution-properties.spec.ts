import fc from 'fast-check';
import { DEFAULT_PRIORITY_MATRIX, type AgreementSpec, type Catalog, type Metric, type ObjectiveSpec } from '../catalog/catalog.model';
import type { BusinessCalendar } from '../calendar/business-calendar.type';
import { fixedOffsetCalendar, utcAlways } from '../clock/fixed-offset-calendar.util';
import { STEP_PARTIES, STEP_REASONS, timelineFromSteps } from '../clock/random-timeline.util';
import { attributeIncident } from './attribute-incident.util';

const OPENED = Date.UTC(2026, 2, 6, 13, 17);
const office = fixedOffsetCalendar({
  id: 'office',
  weekly: [0, 1, 2, 3, 4].map((day) => ({ day: day as 0, startMinute: 8 * 60, endMinute: 16 * 60 })),
});
const calendars: Record<string, BusinessCalendar> = { always: utcAlways, office };

function objective(id: string, metric: Metric, calendar: string, pauseOn: string[], underpinnedBy: ObjectiveSpec['underpinnedBy'] = []): ObjectiveSpec {
  return {
    id,
    metric,
    target: { unit: 'seconds', value: 4 * 3600 },
    direction: 'atMost',
    calendar,
    pauseOn,
    warnAt: [],
    perRegion: false,
    window: 'month',
    excludeMaintenance: [],
    underpinnedBy,
  };
}

function agreement(id: string, kind: AgreementSpec['kind'], provider: string, objectives: ObjectiveSpec[]): AgreementSpec {
  return { id, kind, provider, consumer: 'c', service: 's', effective: {}, window: 'month', timezone: 'UTC', activeUsers: {}, priorityMatrix: DEFAULT_PRIORITY_MATRIX, objectives, exitTriggers: [] };
}

/** An SLA resting on one restore OLA per party, all on the same calendar and pause terms. */
function catalogOf(calendar: string, pauseOn: string[]): Catalog {
  const olas = STEP_PARTIES.map((party) => agreement(`ola-${party}`, 'OLA', party, [objective('restore', 'restore_time', calendar, pauseOn)]));
  const sla = agreement('sla', 'SLA', 'it', [
    objective('resolution', 'resolution_time', calendar, pauseOn, STEP_PARTIES.map((party) => ({ agreement: `ola-${party}`, objective: 'restore' }))),
  ]);
  return { apiVersion: 'underpin/v1', parties: [], calendars: [], maintenance: [], services: [], agreements: [sla, ...olas] };
}

describe('attribution properties', () => {
  it("the parties' shares add up to the SLA clock, and match each party's own clock on the same terms", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ action: fc.nat(6), gapMinutes: fc.integer({ min: 0, max: 600 }), choice: fc.nat(8) }), { maxLength: 14 }),
        fc.constantFrom('always', 'office'),
        fc.subarray([...STEP_REASONS]),
        fc.integer({ min: 0, max: 10 * 24 * 60 }),
        (steps, calendar, pauseOn, minutes) => {
          const { state } = timelineFromSteps(OPENED, steps);
          const result = attributeIncident({
            catalog: catalogOf(calendar, pauseOn),
            sla: { agreement: 'sla', objective: 'resolution' },
            timeline: state,
            calendarOf: (id) => calendars[id ?? 'always'],
            now: OPENED + minutes * 60_000,
          });
          const total = result.shares.reduce((sum, share) => sum + Math.round(share.elapsedSeconds * 1000), 0);
          expect(total / 1000).toBe(result.clock.elapsedSeconds);
          for (const row of result.segments) {
            expect(result.shares.find((share) => share.party === row.party)?.elapsedSeconds).toBe(row.elapsedSeconds);
          }
          for (let i = 1; i < result.stretches.length; i++) {
            expect(result.stretches[i].from).toBeGreaterThanOrEqual(result.stretches[i - 1].to ?? Number.POSITIVE_INFINITY);
          }
        },
      ),
    );
  });
});
