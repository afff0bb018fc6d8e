import fc from 'fast-check';
import { STEP_PARTIES, STEP_REASONS, agreement, catalog, hours, objective, officeCalendar, timelineFromSteps, timelineSteps, utcAlways } from '@underpin/testing';
import type { BusinessCalendar } from '../calendar/business-calendar.type';
import type { Catalog, Metric, ObjectiveSpec } from '../catalog/catalog.model';
import { attributeIncident } from './attribute-incident.util';

const OPENED = Date.UTC(2026, 2, 6, 13, 17);
const calendars: Record<string, BusinessCalendar> = { always: utcAlways, office: officeCalendar() };

function restore(id: string, metric: Metric, calendar: string, pauseOn: string[], underpinnedBy: ObjectiveSpec['underpinnedBy'] = []): ObjectiveSpec {
  return objective({ id, metric, target: hours(4), calendar, pauseOn, warnAt: [], underpinnedBy });
}

/** An SLA resting on one restore OLA per party, all on the same calendar and pause terms. */
function catalogOf(calendar: string, pauseOn: string[]): Catalog {
  const olas = STEP_PARTIES.map((party) =>
    agreement({ id: `ola-${party}`, kind: 'OLA', provider: party, consumer: 'c', service: 's', objectives: [restore('restore', 'restore_time', calendar, pauseOn)] }),
  );
  const sla = agreement({
    id: 'sla',
    kind: 'SLA',
    provider: 'it',
    consumer: 'c',
    service: 's',
    objectives: [restore('resolution', 'resolution_time', calendar, pauseOn, STEP_PARTIES.map((party) => ({ agreement: `ola-${party}`, objective: 'restore' })))],
  });
  return catalog({ agreements: [sla, ...olas] });
}

describe('attribution properties', () => {
  it("the parties' shares add up to the SLA clock, and match each party's own clock on the same terms", () => {
    fc.assert(
      fc.property(
        timelineSteps(),
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
