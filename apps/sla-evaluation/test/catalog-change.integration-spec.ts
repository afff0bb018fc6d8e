import type { Catalog } from '@underpin/domain';
import { SlaEvaluationHarness } from './sla-evaluation-harness.util';
import { describeOnEachBus, eventsOf, meetingsExample, utc, type MeetingsExample } from '@underpin/testing';

/** The catalogue with ACME's P1 resolution target changed, as a new revision would bring it. */
function withAcmeResolutionTarget(catalog: Catalog, seconds: number): Catalog {
  return {
    ...catalog,
    agreements: catalog.agreements.map((agreement) =>
      agreement.id !== 'sla-acme-video'
        ? agreement
        : {
            ...agreement,
            objectives: agreement.objectives.map((objective) => (objective.id === 'p1-resolution' ? { ...objective, target: { unit: 'seconds' as const, value: seconds } } : objective)),
          },
    ),
  };
}

interface ClockRow {
  state: string;
  elapsed_seconds: number;
  target_seconds: number;
  due_at: Date;
  catalog_revision: string;
}

describeOnEachBus('sla-evaluation on a catalogue change', ({ name: bus }) => {
  let example: MeetingsExample;

  beforeAll(async () => {
    example = meetingsExample();
  });

  describe('a new revision while INC-1001 is open', () => {
    let harness: SlaEvaluationHarness;

    beforeAll(async () => {
      harness = await SlaEvaluationHarness.create('sla_catalog_change', utc('2026-03-03T08:00:00'), {}, bus);
      await harness.start();
      await harness.publishCatalog(example.catalog, 'meetings-r1');
    }, 60_000);

    afterAll(async () => {
      await harness?.dispose();
    });

    const resolutionClock = async (): Promise<ClockRow> =>
      (
        await harness.query<ClockRow>(
          `SELECT state, elapsed_seconds, target_seconds, due_at, catalog_revision FROM sla_evaluation.clocks WHERE incident = 'INC-1001' AND objective = 'p1-resolution'`,
        )
      )[0];

    it('re-evaluates from the stored timeline, keeping the paused time, and reschedules the timers', async () => {
      for (const event of eventsOf(example, 'INC-1001').filter((e) => e.at <= utc('2026-03-03T11:10:00'))) {
        harness.clock.set(event.at);
        await harness.publish(event);
      }
      await harness.advanceTo(utc('2026-03-03T11:20:00'));
      // 3 h 8 min since opening, 40 min of them paused for the customer: 2 h 28 min counted.
      expect(await resolutionClock()).toMatchObject({ state: 'running', elapsed_seconds: 148 * 60, target_seconds: 4 * 3600, catalog_revision: 'meetings-r1' });
      const [before] = await harness.query<{ kind: string; threshold: number; fire_at: Date }>(`SELECT kind, threshold, fire_at FROM sla_evaluation.timers WHERE incident = 'INC-1001' AND objective = 'p1-resolution'`);
      expect(before).toEqual({ kind: 'warning', threshold: 0.75, fire_at: new Date('2026-03-03T11:52:00Z') });

      await harness.publishCatalog(withAcmeResolutionTarget(example.catalog, 3 * 3600), 'meetings-r2');

      expect(await resolutionClock()).toMatchObject({ elapsed_seconds: 148 * 60, target_seconds: 3 * 3600, due_at: new Date('2026-03-03T11:52:00Z'), catalog_revision: 'meetings-r2' });
      const [after] = await harness.query<{ kind: string; threshold: number; fire_at: Date }>(`SELECT kind, threshold, fire_at FROM sla_evaluation.timers WHERE incident = 'INC-1001' AND objective = 'p1-resolution'`);
      // 90 % of 3 h is 2 h 42 min: 14 counted minutes after 11:20.
      expect(after).toEqual({ kind: 'warning', threshold: 0.9, fire_at: new Date('2026-03-03T11:34:00Z') });
      // The clock jumped from event to event here, so the 50 % warning fired with the pause at
      // 10:30; 75 % of the new 3 h (2 h 15 min, reached at 10:27) fires with the new revision.
      const fired = (await harness.alerts()).filter((a) => a.objective === 'p1-resolution').map((a) => [a.threshold, new Date(a.at).toISOString(), new Date(a.firedAt).toISOString()]);
      expect(fired).toEqual([
        [0.5, '2026-03-03T10:12:00.000Z', '2026-03-03T10:30:00.000Z'],
        [0.75, '2026-03-03T10:27:00.000Z', '2026-03-03T11:20:00.000Z'],
      ]);
    });

    it('fires the rest at the new instants', async () => {
      await harness.advanceTo(utc('2026-03-03T11:34:00'));
      await harness.advanceTo(utc('2026-03-03T11:52:00.001'));
      const fired = (await harness.alerts()).filter((a) => a.objective === 'p1-resolution').map((a) => `${a.kind} ${a.threshold} ${new Date(a.firedAt).toISOString()}`);
      expect(fired.slice(2)).toEqual(['warning 0.9 2026-03-03T11:34:00.000Z', 'breach 1 2026-03-03T11:52:00.001Z']);
    });
  });

  describe('incidents received before any catalogue', () => {
    let harness: SlaEvaluationHarness;

    beforeAll(async () => {
      harness = await SlaEvaluationHarness.create('sla_catalog_late', utc('2026-03-03T08:00:00'), {}, bus);
      await harness.start();
    }, 60_000);

    afterAll(async () => {
      await harness?.dispose();
    });

    it('keeps their timelines, then gives them clocks and fires what they crossed when the catalogue arrives', async () => {
      for (const event of eventsOf(example, 'INC-1001').filter((e) => e.at <= utc('2026-03-03T08:31:00'))) {
        harness.clock.set(event.at);
        await harness.publish(event);
      }
      expect(await harness.query(`SELECT * FROM sla_evaluation.clocks`)).toEqual([]);
      harness.clock.set(utc('2026-03-03T08:40:00'));
      await harness.publishCatalog(example.catalog, 'meetings-r1');
      const clocks = await harness.query<{ objective: string; state: string }>(`SELECT objective, state FROM sla_evaluation.clocks ORDER BY agreement, objective`);
      expect(clocks.map((c) => `${c.objective} ${c.state}`)).toEqual([
        'p1-restore running',
        'p1-handover stopped',
        'p1-response stopped',
        'p1-resolution running',
        'p1-response stopped',
      ]);
      const breaches = (await harness.alerts()).filter((a) => a.kind === 'breach').map((a) => `${a.agreement}/${a.objective} ${new Date(a.at).toISOString()}`);
      expect(breaches).toEqual(['ola-service-desk/p1-handover 2026-03-03T08:27:00.000Z']);
    });
  });
});
