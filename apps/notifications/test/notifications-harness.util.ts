import { randomUUID } from 'node:crypto';
import {
  CATALOG_CHANGES_TOPIC,
  CREDITS_LEDGER_TOPIC,
  INCIDENT_EVENTS_TOPIC,
  NOTIFICATION_DELIVERIES_TOPIC,
  SLA_CLOCKS_TOPIC,
  createEnvelope,
  type AnyTopicDefinition,
  type EnvelopeOf,
  type IncidentEventPayloads,
} from '@underpin/contracts';
import type { EventBus } from '@underpin/messaging';
import { CatalogReplicaService, readPlatformConfig, startService, type RunningService, type ServiceRuntime } from '@underpin/platform';
import { catalogFromYaml, createTestBus, createTestDatabase, waitUntil, type TestBus, type TestBusKind, type TestDatabase } from '@underpin/testing';
import { Pool } from 'pg';
import { notificationsServiceWith, type NotificationsConfig } from '../src';
import { NOTIFICATION_GROUPS } from '../src/intake/events/notification-triggers.consumer';
import { NotificationsLoopService } from '../src/loop/notifications-loop.service';
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

/** The harness's own group on the deliveries topic (deliveryEvents). */
const DELIVERIES_GROUP = 'test.deliveries';

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
  /** Every pass of the running service's loop, each call's result the pass's promise. */
  private loopPasses: jest.SpyInstance<Promise<void>, []> | undefined;

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
      group: DELIVERIES_GROUP,
      handler: async (envelope) => {
        harness.deliveryEvents.push(envelope);
      },
    });
    await harness.boot();
    return harness;
  }

  async boot(): Promise<void> {
    this.service = await startService(notificationsServiceWith(this.config), this.runtime, { port: 0 });
    this.loopPasses = jest.spyOn(this.service.app.get(NotificationsLoopService), 'runOnce');
  }

  async stopService(): Promise<void> {
    await this.service?.close();
    this.service = undefined;
    this.loopPasses = undefined;
  }

  async stop(): Promise<void> {
    await this.stopService().catch(() => undefined);
    await this.testBus.dispose().catch(() => undefined);
    await this.sql.end().catch(() => undefined);
    await this.db.drop();
  }

  /** Publishes a catalogue as ola-chaining does and waits for the service's replica to hold it. */
  async publishCatalog(yaml: string): Promise<void> {
    const catalog = catalogFromYaml(yaml);
    const revision = `test-${++this.revision}`;
    await this.bus.publish(CATALOG_CHANGES_TOPIC, [
      createEnvelope(CATALOG_CHANGES_TOPIC, 'catalog.published', { revision, catalog, at: new Date(this.runtime.now()).toISOString() }, { source: 'test' }),
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

  /**
   * Resolves once the service has done all it has to do by now, for asserting that something
   * did not happen (or happened once): every group has handled all that is on its topics,
   * the outbox is drained, and a whole pass of the loop begun after that left no trigger
   * unmatched and no timer or delivery due. Whatever the service was going to send by now
   * has then been sent, and a message too many is there for the assertion to see.
   */
  async settle({ timeoutMs = 20_000 }: { timeoutMs?: number } = {}): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const remaining = () => Math.max(1, deadline - Date.now());
      for (const [topic, groups] of TOPIC_GROUPS) await this.testBus.handled(topic, groups, { timeoutMs: remaining() });
      await waitUntil('the outbox to be drained', async () => (await this.outboxBacklog()) === 0, { timeoutMs: remaining(), intervalMs: 10 });
      await this.nextLoopPass(remaining());
      const left = await this.workDue();
      if (Object.values(left).every((count) => count === 0) && (await this.outboxBacklog()) === 0) return;
      if (Date.now() >= deadline) throw new Error(`the notifications service did not settle within ${timeoutMs} ms: ${JSON.stringify(left)} still due`);
    }
  }

  private async outboxBacklog(): Promise<number> {
    const [row] = await this.rows<{ n: number }>(`SELECT count(*)::int AS n FROM notifications.outbox`);
    return row.n;
  }

  /** What the loop would still pick up at the test clock's now. */
  private async workDue(): Promise<{ unmatchedTriggers: number; dueEscalations: number; dueDeliveries: number }> {
    const now = new Date(this.runtime.now());
    const [row] = await this.rows<{ unmatchedTriggers: number; dueEscalations: number; dueDeliveries: number }>(
      `SELECT (SELECT count(*)::int FROM notifications.triggers WHERE matched_at IS NULL) AS "unmatchedTriggers",
              (SELECT count(*)::int FROM notifications.pending_escalations WHERE status = 'pending' AND due_at <= $1) AS "dueEscalations",
              (SELECT count(*)::int FROM notifications.deliveries WHERE status = 'pending' AND next_attempt_at <= $1) AS "dueDeliveries"`,
      [now],
    );
    return row;
  }

  /** Waits for the loop to begin a pass after this call, and for that pass to end, its sends with it. */
  private async nextLoopPass(timeoutMs: number): Promise<void> {
    const passes = this.loopPasses;
    if (!passes) throw new Error('the notifications service is not running');
    const begun = passes.mock.calls.length;
    await waitUntil('the notifications loop to begin a pass', () => passes.mock.calls.length > begun, { timeoutMs, intervalMs: 5 });
    await (passes.mock.results[begun].value as Promise<void>).catch(() => undefined);
  }
}

/** The topics of the service's work, each with the groups here that handle it: its consumers, and the harness on its deliveries. */
const TOPIC_GROUPS: Array<[AnyTopicDefinition, string[]]> = [
  [INCIDENT_EVENTS_TOPIC, [NOTIFICATION_GROUPS.incidents]],
  [SLA_CLOCKS_TOPIC, [NOTIFICATION_GROUPS.clocks]],
  [CREDITS_LEDGER_TOPIC, [NOTIFICATION_GROUPS.ledger]],
  [NOTIFICATION_DELIVERIES_TOPIC, [DELIVERIES_GROUP]],
];
