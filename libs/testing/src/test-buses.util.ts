// The two buses a service runs on, for specs that run the same scenario on both: the
// in-process bus of the all-in-one host, and Kafka on the runner's shared broker, each Kafka
// bus in a namespace of its own so it starts with empty topics and groups.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { TOPIC_REGISTRY, type AnyTopicDefinition, type EnvelopeOf } from '@underpin/contracts';
import { InProcessEventBusService, KafkaEventBusService, silentLogger, type EventBus, type MessagingLogger, type PartitionPosition } from '@underpin/messaging';
import { testKafkaBrokers } from './kafka.util';

export const TEST_BUS_KINDS = ['in-process', 'kafka'] as const;
export type TestBusKind = (typeof TEST_BUS_KINDS)[number];

export interface TestBusOptions {
  /** Names the bus's Kafka client and begins its namespace, e.g. the suite's database prefix. */
  name?: string;
  logger?: MessagingLogger;
}

export interface HandledOptions {
  timeoutMs?: number;
}

/** Records put on a topic without waiting for them to be handled (say, while the service is down). */
export interface Enqueued {
  /** Resolves once the bus holds them: the service started after it finds them waiting. */
  appended: Promise<void>;
  /** Resolves once every group named has handled them. */
  handled: Promise<void>;
}

/** A started bus, and what a spec needs to wait on it the same way whichever it is. */
export interface TestBus {
  readonly kind: TestBusKind;
  readonly bus: EventBus;
  /** Its namespace on the broker ('' in process). */
  readonly namespace: string;
  /**
   * Publishes and resolves once each of `handledBy` has handled the records. In process that
   * is when publish resolves; on Kafka, when the groups' committed positions reach the end
   * the topic had once the broker held them.
   */
  publish<D extends AnyTopicDefinition>(topic: D, envelopes: EnvelopeOf<D>[], handledBy: readonly string[], options?: HandledOptions): Promise<void>;
  enqueue<D extends AnyTopicDefinition>(topic: D, envelopes: EnvelopeOf<D>[], handledBy: readonly string[], options?: HandledOptions): Enqueued;
  /** Resolves once each group has handled everything written to `topic` so far. */
  handled(topic: AnyTopicDefinition, groups: readonly string[], options?: HandledOptions): Promise<void>;
  /**
   * The bus of another process of the same platform, for a second instance of a service: in
   * process the same bus (the all-in-one process holds every instance), on Kafka a new
   * connection in the same namespace (a Kafka bus holds one member per group). Started;
   * stopped by dispose().
   */
  replicaBus(): Promise<EventBus>;
  /** Stops the bus (and its replicas'); on Kafka, deletes its namespace's topics. */
  dispose(): Promise<void>;
}

export interface TestBusFactory {
  readonly name: TestBusKind;
  create(options?: TestBusOptions): Promise<TestBus>;
}

/** One factory per bus kind, for `describe.each` (see describeOnEachBus). */
export function testBuses(): TestBusFactory[] {
  return TEST_BUS_KINDS.map((name) => ({ name, create: (options?: TestBusOptions) => createTestBus(name, options) }));
}

/**
 * `describe` once per bus: `describeOnEachBus('incidents service', (buses) => …)` gives
 * "incidents service on the in-process bus" and "… on the kafka bus", so `-t 'kafka bus'`
 * picks one.
 */
export function describeOnEachBus(title: string, body: (buses: TestBusFactory) => void): void {
  describe.each(testBuses())(`${title} on the $name bus`, body);
}

export async function createTestBus(kind: TestBusKind, options: TestBusOptions = {}): Promise<TestBus> {
  const logger = options.logger ?? silentLogger;
  if (kind === 'in-process') {
    const bus = new InProcessEventBusService({ logger });
    await bus.start();
    return new InProcessTestBus(bus);
  }
  const namespace = uniqueNamespace(options.name ?? 'test');
  const bus = kafkaBus(namespace, logger);
  try {
    await bus.ensureTopics(TOPIC_REGISTRY);
    await bus.start();
  } catch (error) {
    await bus.stop().catch(() => undefined);
    await deleteKafkaNamespace(namespace).catch(() => undefined);
    throw error;
  }
  return new KafkaTestBus(bus, namespace, () => kafkaBus(namespace, logger));
}

function kafkaBus(namespace: string, logger: MessagingLogger): KafkaEventBusService {
  return new KafkaEventBusService({
    brokers: testKafkaBrokers(),
    clientId: namespace,
    namespace,
    logger,
    // The broker's smallest session (group.min.session.timeout.ms): a stopped service's member
    // that could not leave is dropped soonest; short fetch waits keep stops and rejoins quick.
    consumer: { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500, maxWaitTimeMs: 100 },
  });
}

/** A namespace no other suite (or earlier run on the same broker) has used. */
export function uniqueNamespace(name: string): string {
  const clean = name.replace(/[^a-zA-Z0-9_-]+/g, '-').slice(0, 40) || 'test';
  return `${clean}.${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** Deletes the topics of `namespace` from the shared broker (what a suite's Kafka bus created). */
export async function deleteKafkaNamespace(namespace: string, brokers = testKafkaBrokers()): Promise<void> {
  const admin = new Kafka({ clientId: 'underpin-test-admin', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(`${namespace}.`));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

class InProcessTestBus implements TestBus {
  readonly kind = 'in-process';
  readonly namespace = '';

  constructor(readonly bus: InProcessEventBusService) {}

  // Publishing acknowledges once every group has handled the records ('handled').
  async publish<D extends AnyTopicDefinition>(topic: D, envelopes: EnvelopeOf<D>[]): Promise<void> {
    await this.bus.publish(topic, envelopes);
  }

  enqueue<D extends AnyTopicDefinition>(topic: D, envelopes: EnvelopeOf<D>[]): Enqueued {
    // The records are in the partitions once publish returns its promise; it resolves when handled.
    const handled = this.bus.publish(topic, envelopes);
    handled.catch(() => undefined);
    return { appended: Promise.resolve(), handled };
  }

  async handled(topic: AnyTopicDefinition, groups: readonly string[], options: HandledOptions = {}): Promise<void> {
    await waitUntilHandled(this.bus, topic, groups, options);
  }

  async replicaBus(): Promise<EventBus> {
    return this.bus;
  }

  async dispose(): Promise<void> {
    await this.bus.stop();
  }
}

class KafkaTestBus implements TestBus {
  readonly kind = 'kafka';
  private readonly replicas: KafkaEventBusService[] = [];

  constructor(
    readonly bus: KafkaEventBusService,
    readonly namespace: string,
    private readonly connect: () => KafkaEventBusService,
  ) {}

  async publish<D extends AnyTopicDefinition>(topic: D, envelopes: EnvelopeOf<D>[], handledBy: readonly string[], options: HandledOptions = {}): Promise<void> {
    await this.bus.publish(topic, envelopes);
    await waitUntilHandled(this.bus, topic, handledBy, options);
  }

  enqueue<D extends AnyTopicDefinition>(topic: D, envelopes: EnvelopeOf<D>[], handledBy: readonly string[], options: HandledOptions = {}): Enqueued {
    const appended = this.bus.publish(topic, envelopes);
    const handled = appended.then(() => waitUntilHandled(this.bus, topic, handledBy, options));
    appended.catch(() => undefined);
    handled.catch(() => undefined);
    return { appended, handled };
  }

  async handled(topic: AnyTopicDefinition, groups: readonly string[], options: HandledOptions = {}): Promise<void> {
    await waitUntilHandled(this.bus, topic, groups, options);
  }

  async replicaBus(): Promise<EventBus> {
    const replica = this.connect();
    this.replicas.push(replica);
    await replica.start();
    return replica;
  }

  async dispose(): Promise<void> {
    await Promise.all([this.bus, ...this.replicas].map((bus) => bus.stop()));
    await deleteKafkaNamespace(this.namespace);
  }
}

/**
 * Waits until each group's position reaches, in every partition, the end `topic` has now: the
 * groups have handled everything written to it so far, and nothing of it is left to arrive.
 */
export async function waitUntilHandled(bus: EventBus, topic: AnyTopicDefinition, groups: readonly string[], { timeoutMs = 30_000 }: HandledOptions = {}): Promise<void> {
  if (groups.length === 0) return;
  const deadline = Date.now() + timeoutMs;
  const ends = new Map((await positionsOf(bus, topic, groups[0], deadline)).map((p) => [p.partition, p.end]));
  const behind = (positions: PartitionPosition[]) => positions.filter((p) => p.position < (ends.get(p.partition) ?? 0));
  for (const group of groups) {
    for (;;) {
      const late = behind(await positionsOf(bus, topic, group, deadline));
      if (late.length === 0) break;
      if (Date.now() >= deadline) {
        const where = late.map((p) => `partition ${p.partition} at ${p.position} of ${ends.get(p.partition)}`).join(', ');
        throw new Error(`Timed out after ${timeoutMs} ms waiting for ${group} to handle ${topic.name}: ${where}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/**
 * A broker answers NOT_COORDINATOR and the like while it loads a group's offsets (at first
 * use of a new broker, say): kafkajs marks those retriable, and they pass within moments.
 */
async function positionsOf(bus: EventBus, topic: AnyTopicDefinition, group: string, deadline: number): Promise<PartitionPosition[]> {
  for (;;) {
    try {
      return await bus.groupPositions(topic, group);
    } catch (error) {
      if ((error as { retriable?: unknown }).retriable !== true || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
