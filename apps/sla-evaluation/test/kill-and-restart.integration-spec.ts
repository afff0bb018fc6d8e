import { CATALOG_CHANGES_TOPIC, INCIDENT_EVENTS_TOPIC, SLA_CLOCKS_TOPIC, createEnvelope, incidentEventToWire, type EnvelopeOf } from '@underpin/contracts';
import type { IncidentEvent } from '@underpin/domain';
import { asIncident, createTestBus, createTestDatabase, eventsOf, meetingsExample, startNodeProcess, testKafkaBrokers, waitUntil, type MeetingsExample, type NodeProcess, type TestBus, type TestDatabase } from '@underpin/testing';
import { Pool } from 'pg';
import { expectedAlerts } from './domain-oracle.util';

type IncidentEnvelope = EnvelopeOf<typeof INCIDENT_EVENTS_TOPIC>;
type ClockEnvelope = EnvelopeOf<typeof SLA_CLOCKS_TOPIC>;

const INCIDENTS = 240;
const MINUTE = 60_000;
const GROUP = 'sla-evaluation.incidents';

jest.setTimeout(240_000);

/**
 * The fault the alerts once failed: sla-evaluation killed with SIGKILL in the middle of a stream
 * of incident events on Kafka, and started again. Its alerts must be the domain's for those
 * events, as a run without the kill gives; the topic's last word on each alert agrees.
 * Kafka only: in process the bus dies with the service, and that is npm start's restart.
 */
describe('sla-evaluation killed with SIGKILL mid-stream on Kafka', () => {
  let example: MeetingsExample;
  let db: TestDatabase;
  let bus: TestBus;
  let pool: Pool;
  let service: NodeProcess | undefined;
  const published: ClockEnvelope[] = [];

  const start = () =>
    startNodeProcess({
      script: 'apps/sla-evaluation/src/main.ts',
      env: {
        DATABASE_URL: db.url,
        UNDERPIN_BUS: 'kafka',
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_NAMESPACE: bus.namespace,
        // Small batches, so the kill lands between commits of a long stream.
        INCIDENT_EVENTS_BATCH: '10',
        PORT: '0',
        LOG_LEVEL: 'log',
      },
      maxHeapMb: 512,
      ready: /listening on (http:\/\/[\d.:]+)/,
    });

  beforeAll(async () => {
    example = meetingsExample();
    db = await createTestDatabase('sla_kill');
    bus = await createTestBus('kafka', { name: 'sla_kill' });
    pool = new Pool({ connectionString: db.url, max: 2 });
    bus.bus.subscribe({ topic: SLA_CLOCKS_TOPIC, group: 'test.alert-observer', handler: async (envelope) => void published.push(envelope) });
  });

  afterAll(async () => {
    await service?.stop();
    await bus?.dispose();
    await pool?.end();
    await db?.drop();
  });

  /** The example's incidents many times over, each a few minutes after the last, all ended an hour ago. */
  function history(): IncidentEvent[] {
    const templates = [
      eventsOf(example, 'INC-1001'),
      eventsOf(example, 'INC-1002'),
      asIncident(eventsOf(example, 'INC-1003'), 'X', 'acme'),
      eventsOf(example, 'INC-1003'),
    ];
    const latest = Math.max(...templates.flat().map((event) => event.at));
    const shift = Date.now() - MINUTE * 60 - latest - INCIDENTS * 3 * MINUTE;
    const events: IncidentEvent[] = [];
    for (let i = 0; i < INCIDENTS; i++) {
      const template = templates[i % templates.length];
      for (const event of asIncident(template, `INC-K${i}`)) events.push({ ...event, at: event.at + shift + i * 3 * MINUTE });
    }
    return events.sort((a, b) => a.at - b.at);
  }

  const envelopeOf = (event: IncidentEvent): IncidentEnvelope => {
    const wire = incidentEventToWire(event);
    return createEnvelope(INCIDENT_EVENTS_TOPIC, wire.type, wire.payload as never, { source: 'incidents', occurredAt: new Date(event.at) }) as IncidentEnvelope;
  };

  async function count(sql: string): Promise<number> {
    return Number((await pool.query(sql)).rows[0].n);
  }

  it('ends with the alerts the domain gives for the events, each told once', async () => {
    service = await start();
    await bus.bus.publish(CATALOG_CHANGES_TOPIC, [
      createEnvelope(CATALOG_CHANGES_TOPIC, 'catalog.published', { revision: 'meetings-r1', catalog: example.catalog, at: new Date().toISOString() }, { source: 'ola-chaining' }) as EnvelopeOf<typeof CATALOG_CHANGES_TOPIC>,
    ]);
    await waitUntil('the catalogue replica', async () => (await count(`SELECT count(*) AS n FROM sla_evaluation.catalog_replica`)) === 1, { timeoutMs: 60_000 });

    const events = history();
    for (let i = 0; i < events.length; i += 100) await bus.bus.publish(INCIDENT_EVENTS_TOPIC, events.slice(i, i + 100).map(envelopeOf));
    await waitUntil('a third of the events to be applied', async () => (await count(`SELECT count(*) AS n FROM sla_evaluation.processed_events`)) >= events.length / 3, {
      timeoutMs: 120_000,
      intervalMs: 20,
    });
    service.child.kill('SIGKILL');
    await waitUntil('the killed process to be gone', () => !service!.running());
    const appliedAtKill = await count(`SELECT count(*) AS n FROM sla_evaluation.processed_events`);
    expect(appliedAtKill).toBeLessThan(events.length);

    service = await start();
    await bus.handled(INCIDENT_EVENTS_TOPIC, [GROUP], { timeoutMs: 120_000 });
    // Every incident ended: once the timers due at once have fired, no clock has one left.
    await waitUntil('every timer to be disarmed', async () => (await count(`SELECT count(*) AS n FROM sla_evaluation.timers WHERE fire_at IS NOT NULL`)) === 0, { timeoutMs: 60_000 });

    const expected = expectedAlerts(example.catalog, events, Date.now())
      .map((a) => `${a.incident} ${a.agreement}/${a.objective} ${a.kind} ${a.threshold} ${new Date(a.at).toISOString()}`)
      .sort();
    const rows = await pool.query(`SELECT incident, agreement, objective, kind, threshold, at FROM sla_evaluation.alerts WHERE withdrawn_at IS NULL`);
    const standing = rows.rows.map((r) => `${r.incident} ${r.agreement}/${r.objective} ${r.kind} ${r.threshold} ${r.at.toISOString()}`).sort();
    expect(standing).toEqual(expected);
    expect(expected.length).toBeGreaterThan(INCIDENTS * 5);

    await bus.handled(SLA_CLOCKS_TOPIC, ['test.alert-observer'], { timeoutMs: 60_000 });
    const last = new Map<string, string | undefined>();
    for (const envelope of published) {
      const p = envelope.payload;
      last.set(`${p.incident} ${p.agreement}/${p.objective} ${p.kind} ${p.threshold}`, envelope.type === 'sla.clock.withdrawn' ? undefined : new Date(p.at).toISOString());
    }
    const told = [...last].filter(([, at]) => at !== undefined).map(([key, at]) => `${key} ${at}`).sort();
    expect(told).toEqual(expected);
  });
});
