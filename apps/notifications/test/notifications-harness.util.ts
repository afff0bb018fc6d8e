import { randomUUID } from 'node:crypto';
import {
  CATALOG_CHANGES_TOPIC,
  CREDITS_LEDGER_TOPIC,
  INCIDENT_EVENTS_TOPIC,
  NOTIFICATION_DELIVERIES_TOPIC,
  SLA_CLOCKS_TOPIC,
  createEnvelope,
  formatProblems,
  loadCatalog,
  type EnvelopeOf,
  type IncidentEventPayloads,
} from '@underpin/contracts';
import type { EventBus } from '@underpin/messaging';
import { CatalogReplicaService, readPlatformConfig, startService, type RunningService, type ServiceRuntime } from '@underpin/platform';
import { createTestBus, createTestDatabase, waitUntil, type TestBus, type TestBusKind, type TestDatabase } from '@underpin/testing';
import { Pool } from 'pg';
import { notificationsServiceWith, type NotificationsConfig } from '../src';
import { NOTIFICATION_GROUPS } from '../src/intake/events/notification-triggers.consumer';
import { SECRET_ENV } from './test-catalog.util';

/** Real time from a chosen start, which a test can move forward at will. */
export class TestClock {
  private readonly realStart = Date.now();
  private offset = 0;

  constructor(private readonly start: number) {}

  readonly now = (): number => this.start + (Date.now() - this.realStart) + this.offset;

  advance(ms: number): void {
    this.offset += ms;
  }

  /** Moves to `instant` (never backwards). */
  advanceTo(instant: number): void {
    this.advance(Math.max(0, instant - this.now()));
  }
}

export const TEST_CONFIG: NotificationsConfig = {
  maxAttempts: 3,
  retryInitialMs: 50,
  retryMaxMs: 200,
  pollMs: 40,
  webhookTimeoutMs: 2_000,
  feedTitle: 'ACME video status',
  feedResolvedHours: 72,
  feedItems: 50,
  secretEnv: SECRET_ENV,
};

/**
 * The notifications service over a throwaway database and a bus (in-process by default, or
 * Kafka in a namespace of its own), as a test drives it. Each publish resolves once the
 * service has handled the event, on either bus.
 */
export class NotificationsHarness {
  service: RunningService | undefined;
  readonly deliveryEvents: Array<EnvelopeOf<typeof NOTIFICATION_DELIVERIES_TOPIC>> = [];
  private revision = 0;

  private constructor(
    readonly db: TestDatabase,
    readonly testBus: TestBus,
    readonly runtime: ServiceRuntime,
    readonly sql: Pool,
    private readonly config: NotificationsConfig,
  ) {}

  get bus(): EventBus {
    return this.testBus.bus;
  }

  static async start(name: string, clock: TestClock, config: Partial<NotificationsConfig> = {}, busKind: TestBusKind = 'in-process'): Promise<NotificationsHarness> {
    const db = await createTestDatabase(name);
    const testBus = await createTestBus(busKind, { name });
    const bus = testBus.bus;
    const runtime: ServiceRuntime = { config: readPlatformConfig({ DATABASE_URL: db.url, LOG_LEVEL: process.env['NOTIFY_TEST_LOG'] ?? 'error' }, { bus: busKind }), bus, now: clock.now };
    const harness = new NotificationsHarness(db, testBus, runtime, new Pool({ connectionString: db.url, max: 2 }), { ...TEST_CONFIG, ...config });
    bus.subscribe({
      topic: NOTIFICATION_DELIVERIES_TOPIC,
      group: 'test.deliveries',
      handler: async (envelope) => {
        harness.deliveryEvents.push(envelope);
      },
    });
    await harness.boot();
    return harness;
  }

  async boot(): Promise<void> {
    this.service = await startService(notificationsServiceWith(this.config), this.runtime, { port: 0 });
  }

  async stopService(): Promise<void> {
    await this.service?.close();
    this.service = undefined;
  }

  async stop(): Promise<void> {
    await this.stopService().catch(() => undefined);
    await this.testBus.dispose().catch(() => undefined);
    await this.sql.end().catch(() => undefined);
    await this.db.drop();
  }

  /** Publishes a catalogue as ola-chaining does and waits for the service's replica to hold it. */
  async publishCatalog(yaml: string): Promise<void> {
    const result = loadCatalog({ files: [{ path: 'catalog.yaml', text: yaml }] });
    if (!result.ok) throw new Error(`test catalogue is invalid:\n${formatProblems(result.problems)}`);
    const revision = `test-${++this.revision}`;
    await this.bus.publish(CATALOG_CHANGES_TOPIC, [
      createEnvelope(CATALOG_CHANGES_TOPIC, 'catalog.published', { revision, catalog: result.catalog, at: new Date(this.runtime.now()).toISOString() }, { source: 'test' }),
    ]);
    const replica = this.service!.app.get(CatalogReplicaService);
    await waitUntil(`the replica to hold ${revision}`, () => replica.current()?.revision === revision);
  }

  incidentEvent<T extends keyof IncidentEventPayloads>(type: T, payload: Omit<IncidentEventPayloads[T], 'at'> & { at?: string }): EnvelopeOf<typeof INCIDENT_EVENTS_TOPIC> {
    const full = { ...payload, at: payload.at ?? new Date(this.runtime.now()).toISOString() } as IncidentEventPayloads[T];
    return createEnvelope(INCIDENT_EVENTS_TOPIC, type, full as never, { source: 'incidents' }) as EnvelopeOf<typeof INCIDENT_EVENTS_TOPIC>;
  }

  /** Resolves once the service has handled the events. */
  async publishIncident(...envelopes: Array<EnvelopeOf<typeof INCIDENT_EVENTS_TOPIC>>): Promise<void> {
    await this.testBus.publish(INCIDENT_EVENTS_TOPIC, envelopes, [NOTIFICATION_GROUPS.incidents]);
  }

  clockAlert(kind: 'warning' | 'breach', incident: string, agreement: string, objective: string, threshold = 1): EnvelopeOf<typeof SLA_CLOCKS_TOPIC> {
    const at = new Date(this.runtime.now()).toISOString();
    return createEnvelope(SLA_CLOCKS_TOPIC, kind === 'breach' ? 'sla.clock.breach' : 'sla.clock.warning', { incident, agreement, objective, kind, threshold, dueAt: at, at }, { source: 'sla-evaluation' });
  }

  /** Resolves once the service has handled the alert. */
  async publishAlert(envelope: EnvelopeOf<typeof SLA_CLOCKS_TOPIC>): Promise<void> {
    await this.testBus.publish(SLA_CLOCKS_TOPIC, [envelope], [NOTIFICATION_GROUPS.clocks]);
  }

  async publishExitTrigger(agreement: string, trigger: string): Promise<void> {
    const at = new Date(this.runtime.now()).toISOString();
    const envelope = createEnvelope(CREDITS_LEDGER_TOPIC, 'exit-trigger.fired', { agreement, trigger, count: 3, at }, { source: 'credits', id: randomUUID() });
    await this.testBus.publish(CREDITS_LEDGER_TOPIC, [envelope], [NOTIFICATION_GROUPS.ledger]);
  }

  async rows<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.sql.query(sql, params)).rows as R[];
  }

  /** Lets the loop run `rounds` more times, for asserting that something did not happen. */
  async settle(rounds = 5): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, this.config.pollMs * rounds + 100));
  }
}
