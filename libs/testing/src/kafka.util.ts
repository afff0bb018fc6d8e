// Kafka for integration tests: the shared broker named by KAFKA_BROKERS (started by the test
// runner or the global setup), unique topic names, and a private broker for fault tests.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { findFreePort, startBroker, type BrokerHandle } from '../../../tools/kafka/broker';

export type { BrokerHandle } from '../../../tools/kafka/broker';

export const KAFKA_BROKERS_ENV = 'KAFKA_BROKERS';

/** Bootstrap addresses of the shared test broker, from KAFKA_BROKERS (comma separated). */
export function testKafkaBrokers(env: NodeJS.ProcessEnv = process.env): string[] {
  const brokers = (env[KAFKA_BROKERS_ENV] ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
  if (brokers.length === 0) {
    throw new Error(
      `${KAFKA_BROKERS_ENV} is not set: run integration specs through the Jest "integration" project ` +
        '(npm test, or npx jest <path> for a *.integration-spec.ts), whose global setup provides Kafka.',
    );
  }
  return brokers;
}

/** A topic name no other test (or earlier run against the same broker) has used. */
export function uniqueTopicName(prefix = 'test'): string {
  const clean = prefix.replace(/[^a-zA-Z0-9._-]+/g, '-').slice(0, 180) || 'test';
  return `${clean}.${Date.now().toString(36)}.${randomBytes(4).toString('hex')}`;
}

/** Creates a topic (waiting for its leaders) and returns its name. */
export async function createTestTopic(
  prefix = 'test',
  { partitions = 1, brokers = testKafkaBrokers() }: { partitions?: number; brokers?: string[] } = {},
): Promise<string> {
  const topic = uniqueTopicName(prefix);
  const admin = new Kafka({ clientId: 'underpin-test-admin', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const created = await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
    if (!created) throw new Error(`Topic ${topic} already existed on ${brokers.join(',')}.`);
  } finally {
    await admin.disconnect();
  }
  return topic;
}

/**
 * Starts a broker of its own on free ports with a temporary data dir, for tests that stop,
 * kill or restart a broker without disturbing the shared one. Always `await handle.stop()`.
 */
export async function startDedicatedBroker(options: { heapMb?: number; readyTimeoutMs?: number } = {}): Promise<BrokerHandle> {
  const port = await findFreePort();
  let controllerPort = await findFreePort();
  while (controllerPort === port) controllerPort = await findFreePort();
  return startBroker({ port, controllerPort, heapMb: options.heapMb ?? 256, readyTimeoutMs: options.readyTimeoutMs });
}
