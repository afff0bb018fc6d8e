import { Logger } from '@nestjs/common';
import { Pool } from 'pg';
import {
  CATALOG_CHANGES_TOPIC,
  INCIDENT_EVENTS_TOPIC,
  SLA_CLOCKS_TOPIC,
  createEnvelope,
  incidentEventToWire,
  type EnvelopeOf,
} from '@underpin/contracts';
import type { Catalog, IncidentEvent } from '@underpin/domain';
import type { EventBus, Subscription } from '@underpin/messaging';
import { catalogReplicaGroup, nestMessagingLogger, readPlatformConfig, startService, type RunningService, type ServiceRuntime } from '@underpin/platform';
import { createTestBus, createTestDatabase, type TestBus, type TestBusKind, type TestDatabase } from '@underpin/testing';
import { CatalogReconcilerService } from '../src/reconciliation/catalog-reconciler.service';
import { readSlaEvaluationConfig, type SlaEvaluationConfig } from '../src/config/sla-evaluation.config';
import { SLA_EVALUATION_SCHEMA } from '../src/database/sla-evaluation-database.constant';
import { INCIDENT_EVENTS_GROUP } from '../src/tracking/events/incident-events.constant';
import { slaEvaluationServiceWith } from '../src/sla-evaluation.module';
import { ClockTimerLoopService } from '../src/timers/clock-timer-loop.service';

export type IncidentEnvelope = EnvelopeOf<typeof INCIDENT_EVENTS_TOPIC>;
export type ClockAlertEnvelope = EnvelopeOf<typeof SLA_CLOCKS_TOPIC>;

/** The service's time in tests: it moves only when the test moves it, and never back. */
export class TestClock {
  constructor(private at: number) {}

  readonly now = (): number => this.at;

  set(at: number): void {
    if (at < this.at) throw new Error(`the test clock cannot go back from ${new Date(this.at).toISOString()} to ${new Date(at).toISOString()}`);
    this.at = at;
  }
}

export interface AlertRow {
  incident: string;
  agreement: string;
  objective: string;
  kind: 'warning' | 'breach';
  threshold: number;
  at: number;
  dueAt: number;
  firedAt: number;
}

/** An alert row with its story: terms, whether it paged, and its withdrawal. */
export interface AlertStory extends AlertRow {
  revision: string | null;
  historical: boolean;
  restatedAt: number | null;
  withdrawnAt: number | null;
  withdrawReason: string | null;
}

export interface GraphqlResponse<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** The groups whose handling of a published record the harness waits for. */
const INCIDENT_GROUPS = [INCIDENT_EVENTS_GROUP];
const CATALOG_GROUPS = [catalogReplicaGroup(SLA_EVALUATION_SCHEMA)];

/**
 * sla-evaluation alone on a throwaway database and a bus (in-process by default, or Kafka in
 * a namespace of its own), with a test clock. The service can be stopped and started again on
 * the same database and bus, as after a crash; an observer on `sla.clocks.v1` outlives the
 * restarts and records every alert event. Publishing resolves once the service has handled
 * the events, on either bus.
 */
export class SlaEvaluationHarness {
  readonly alertEvents: ClockAlertEnvelope[] = [];
  service: RunningService | undefined;
  private observer: Subscription | undefined;
  private pool: Pool | undefined;
  /** Records enqueued for a service that is down: it starts only once the bus holds them. */
  private readonly appending = new Set<Promise<void>>();

  private constructor(
    readonly db: TestDatabase,
    readonly clock: TestClock,
    private readonly config: SlaEvaluationConfig,
    readonly testBus: TestBus,
  ) {}

  get bus(): EventBus {
    return this.testBus.bus;
  }

  /** `env`: the service's own settings (INCIDENT_EVENTS_BATCH, ALERT_HISTORY_AGE, TIMER_CATCH_UP_TIMEOUT). */
  static async create(prefix: string, startAt: number, env: Record<string, string> = {}, bus: TestBusKind = 'in-process'): Promise<SlaEvaluationHarness> {
    const config = readSlaEvaluationConfig(env);
    const db = await createTestDatabase(prefix);
    const testBus = await createTestBus(bus, { name: prefix, logger: nestMessagingLogger(new Logger('test-bus')) });
    const harness = new SlaEvaluationHarness(db, new TestClock(startAt), config, testBus);
    harness.observer = harness.bus.subscribe({
      topic: SLA_CLOCKS_TOPIC,
      group: 'test.alert-observer',
      handler: async (envelope) => {
        harness.alertEvents.push(envelope);
      },
    });
    harness.pool = new Pool({ connectionString: harness.db.url, max: 2 });
    return harness;
  }

  async start(): Promise<RunningService> {
    await Promise.all(this.appending);
    this.service = await this.startInstance();
    return this.service;
  }

  /** Another instance of the service on the same database, topics and clock, as another process runs it (the caller closes it). */
  async startReplica(): Promise<RunningService> {
    return this.startInstance(await this.testBus.replicaBus());
  }

  private startInstance(bus: EventBus = this.bus): Promise<RunningService> {
    const config = readPlatformConfig({ DATABASE_URL: this.db.url, LOG_LEVEL: 'warn' }, { bus: this.testBus.kind });
    const runtime: ServiceRuntime = { config, bus, now: this.clock.now };
    return startService(slaEvaluationServiceWith(this.config), runtime, { port: 0 });
  }

  async stop(): Promise<void> {
    await this.service?.close();
    this.service = undefined;
  }

  async dispose(): Promise<void> {
    await this.stop();
    await this.observer?.close();
    await this.testBus.dispose();
    await this.pool?.end();
    await this.db.drop();
  }

  /** Publishes the catalogue as ola-chaining does and waits until every open incident is re-evaluated under it. */
  async publishCatalog(catalog: Catalog, revision: string): Promise<void> {
    const envelope = createEnvelope(CATALOG_CHANGES_TOPIC, 'catalog.published', { revision, catalog, at: new Date(this.clock.now()).toISOString() }, { source: 'ola-chaining' });
    await this.testBus.publish(CATALOG_CHANGES_TOPIC, [envelope as EnvelopeOf<typeof CATALOG_CHANGES_TOPIC>], CATALOG_GROUPS);
    await this.running().app.get(CatalogReconcilerService).reconcile();
  }

  /** Publishes a timeline event as the incidents service does; resolves once the service has applied it. */
  async publish(event: IncidentEvent): Promise<IncidentEnvelope> {
    const envelope = envelopeOf(event);
    await this.testBus.publish(INCIDENT_EVENTS_TOPIC, [envelope], INCIDENT_GROUPS);
    return envelope;
  }

  /** Publishes timeline events as one run of records (one batch, unless the service's batch size is smaller). */
  async publishAll(events: readonly IncidentEvent[]): Promise<IncidentEnvelope[]> {
    const envelopes = events.map(envelopeOf);
    await this.testBus.publish(INCIDENT_EVENTS_TOPIC, envelopes, INCIDENT_GROUPS);
    return envelopes;
  }

  /**
   * Puts timeline events on the topic without waiting for them to be handled (while the
   * service is down, say); the promise resolves once they are. start() waits until they are
   * on the topic, so the service finds them waiting.
   */
  enqueue(events: readonly IncidentEvent[]): { handled: Promise<void> } {
    const { appended, handled } = this.testBus.enqueue(INCIDENT_EVENTS_TOPIC, events.map(envelopeOf), INCIDENT_GROUPS);
    const holding = appended.finally(() => this.appending.delete(holding));
    this.appending.add(holding);
    return { handled };
  }

  async redeliver(envelopes: IncidentEnvelope[]): Promise<void> {
    await this.testBus.publish(INCIDENT_EVENTS_TOPIC, envelopes, INCIDENT_GROUPS);
  }

  /** Moves the test clock and lets the timer loop finish a pass at the new time. */
  async advanceTo(at: number): Promise<void> {
    this.clock.set(at);
    await this.running().app.get(ClockTimerLoopService).wake();
  }

  /** Wakes an instance's timer loop (this harness's by default) and waits for its pass. */
  wakeTimers(instance: RunningService = this.running()): Promise<void> {
    return instance.app.get(ClockTimerLoopService).wake();
  }

  async alerts(): Promise<AlertRow[]> {
    const { rows } = await this.pool!.query(
      `SELECT incident, agreement, objective, kind, threshold, at, due_at, fired_at FROM sla_evaluation.alerts ORDER BY at, incident, agreement, objective, threshold`,
    );
    return rows.map((row) => ({
      incident: row.incident,
      agreement: row.agreement,
      objective: row.objective,
      kind: row.kind,
      threshold: row.threshold,
      at: row.at.getTime(),
      dueAt: row.due_at.getTime(),
      firedAt: row.fired_at.getTime(),
    }));
  }

  /** Every alert row, withdrawn ones included, with its story. */
  async alertStories(): Promise<AlertStory[]> {
    const { rows } = await this.pool!.query(
      `SELECT incident, agreement, objective, kind, threshold, at, due_at, fired_at, revision, historical, restated_at, withdrawn_at, withdraw_reason
       FROM sla_evaluation.alerts ORDER BY at, incident, agreement, objective, threshold`,
    );
    const ms = (value: Date | null) => (value === null ? null : value.getTime());
    return rows.map((row) => ({
      incident: row.incident,
      agreement: row.agreement,
      objective: row.objective,
      kind: row.kind,
      threshold: row.threshold,
      at: row.at.getTime(),
      dueAt: row.due_at.getTime(),
      firedAt: row.fired_at.getTime(),
      revision: row.revision,
      historical: row.historical,
      restatedAt: ms(row.restated_at),
      withdrawnAt: ms(row.withdrawn_at),
      withdrawReason: row.withdraw_reason,
    }));
  }

  async query<R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.pool!.query(sql, params)).rows as R[];
  }

  async graphql<T>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse<T>> {
    const res = await fetch(`${this.running().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphqlResponse<T>;
  }

  private running(): RunningService {
    if (!this.service) throw new Error('sla-evaluation is not running: call start() first');
    return this.service;
  }
}

function envelopeOf(event: IncidentEvent): IncidentEnvelope {
  const wire = incidentEventToWire(event);
  return createEnvelope(INCIDENT_EVENTS_TOPIC, wire.type, wire.payload as never, { source: 'incidents', occurredAt: new Date(event.at) }) as IncidentEnvelope;
}
