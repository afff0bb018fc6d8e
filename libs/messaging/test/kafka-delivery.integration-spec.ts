import path from 'node:path';
import { Pool } from 'pg';
import { createTestDatabase, testKafkaBrokers, uniqueTopicName, waitUntilHandled, type TestDatabase } from '@underpin/testing';
import { KafkaEventBusService, silentLogger } from '../src';
import { ChildScript } from './support/child-process.util';
import { checkEffects, countEffects, countOutbox, migrate, produce } from './support/delivery-scenario.util';
import { sequenceTopic, waitFor } from './support/sequence-topic.util';

const KEYS = 50;
const PER_KEY = 200;
const TOTAL = KEYS * PER_KEY;
const PARTITIONS = 6;
const CHILD = path.join(__dirname, 'support', 'delivery-child.util.ts');

describe('outbox → Kafka → idempotent consumer, with processes killed', () => {
  let db: TestDatabase;
  let admin: Pool;
  const children: ChildScript[] = [];
  /** Creates the topic, and reads the group's positions at the end. */
  let setup: KafkaEventBusService | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('messaging_kafka_delivery');
    admin = new Pool({ connectionString: db.url, max: 3 });
    await migrate(admin);
  });

  afterAll(async () => {
    await Promise.all(children.map((child) => child.kill()));
    await setup?.stop();
    await admin?.end();
    await db?.drop();
  });

  it(`applies ${TOTAL} events exactly once and in order per key while relay and consumers are SIGKILLed`, async () => {
    const topic = sequenceTopic(uniqueTopicName('delivery'), PARTITIONS);
    setup = new KafkaEventBusService({ brokers: testKafkaBrokers(), clientId: 'delivery-setup', logger: silentLogger });
    await setup.ensureTopics([topic]);
    const group = `${topic.name}.effects`;
    const start = (name: string, role: 'relay' | 'consumer', hangAfter?: number) => {
      const child = new ChildScript(
        CHILD,
        {
          ROLE: role,
          TOPIC: topic.name,
          PARTITIONS: String(PARTITIONS),
          GROUP: group,
          DATABASE_URL: db.url,
          KAFKA_BROKERS: testKafkaBrokers().join(','),
          ...(hangAfter ? { HANG_AFTER: String(hangAfter) } : {}),
        },
        name,
      );
      children.push(child);
      return child;
    };

    const producing = produce(admin, topic, KEYS, PER_KEY);
    // The first relay stops right after a produce request once it has published 3 000
    // records: they are on Kafka, their outbox rows not yet deleted. Killed there, they are
    // relayed again.
    const relay1 = start('relay-1', 'relay', 3_000);
    // The first consumer stops right after committing the effects of a batch once it has
    // applied 1 000 events, before the batch's offsets are committed. Killed there, the batch
    // is delivered again to another member.
    const consumer1 = start('consumer-1', 'consumer', 1_000);
    const consumer2 = start('consumer-2', 'consumer');

    // Each kill happens when its victim reaches its point, independently: the consumer's
    // share of the first 3 000 records depends on how the group split the partitions, so it
    // may need the second relay's records to reach its 1 000.
    const [consumer3, relay2] = await Promise.all([
      (async () => {
        await consumer1.waitForMessage((m) => m['hung'] !== undefined, 120_000);
        await consumer1.kill();
        return start('consumer-3', 'consumer');
      })(),
      (async () => {
        await relay1.waitForMessage((m) => m['hung'] !== undefined, 120_000);
        await relay1.kill();
        return start('relay-2', 'relay');
      })(),
    ]);

    await waitFor(async () => (await countEffects(admin)) >= 6_500, 90_000, '65 % of the effects');
    await consumer2.kill();
    const consumer4 = start('consumer-4', 'consumer');

    await producing;
    await waitFor(async () => (await countOutbox(admin)) === 0 && (await countEffects(admin)) >= TOTAL, 90_000, 'an empty outbox and every effect');
    // Redelivered batches arrive (and are skipped) before the final count: the group commits
    // past a record only once it has handled it, redelivered or not.
    await waitUntilHandled(setup, topic, [group], { timeoutMs: 90_000 });
    const survivors = [relay2, consumer3, consumer4];
    // The last consumer may still be loading when the others have done all the work; a
    // process can only stop gracefully once it has got as far as handling SIGTERM.
    await Promise.all(survivors.map((child) => child.waitForMessage((m) => m['ready'] !== undefined, 60_000)));
    expect(await Promise.all(survivors.map((child) => child.terminate()))).toEqual([0, 0, 0]);

    expect(await checkEffects(admin, KEYS, PER_KEY)).toEqual({ total: TOTAL, distinct: TOTAL });
    // What the killed processes had done but not acknowledged came back, and was skipped
    // (by whichever member the partitions went to, killed later or not).
    const lastStats = (child: ChildScript) =>
      [...child.messages].reverse().map((m) => (m['final'] ?? m['stats']) as { applied: number; duplicates: number } | undefined).find((s) => s !== undefined) ?? { applied: 0, duplicates: 0 };
    const consumers = [consumer1, consumer2, consumer3, consumer4].map(lastStats);
    expect(consumers.reduce((sum, s) => sum + s.duplicates, 0)).toBeGreaterThan(0);
  }, 180_000);
});
