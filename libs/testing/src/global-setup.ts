// Jest globalSetup of the integration project: provides PostgreSQL and Kafka so integration
// specs never skip and never hang, and publishes them through environment variables.
import { ensureJava, startTestBroker, type BrokerHandle } from '../../../tools/kafka/broker';
import { KAFKA_BROKERS_ENV } from './kafka.util';
import { resolvePostgresServer, TEST_PG_ADMIN_URL_ENV, type PostgresServer } from './postgres-server.util';
import { currentTestResources, progress, rememberTestResources, type TestResources } from './test-resources.util';

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function describePostgres(server: PostgresServer): string {
  const { hostname, port } = new URL(server.adminUrl);
  const address = `${hostname}:${port || 5432}`;
  return server.source === 'DATABASE_URL' ? `DATABASE_URL (${address})` : `${server.source} server ${address}`;
}

async function providePostgres(): Promise<PostgresServer> {
  const startedAt = Date.now();
  const server = await resolvePostgresServer();
  progress(`PostgreSQL: ${describePostgres(server)} (${seconds(startedAt)})`);
  return server;
}

async function provideKafka(): Promise<BrokerHandle> {
  const startedAt = Date.now();
  const broker = await startTestBroker({ log: progress });
  progress(`Kafka ready at ${broker.brokers.join(',')} (${seconds(startedAt)})`);
  return broker;
}

export default async function globalSetup(_globalConfig?: unknown, projectConfig?: { globalTeardown?: string | null }): Promise<void> {
  // Watch mode runs the hook again while the first run's services are still up.
  if (currentTestResources()) return;
  const needKafka = !process.env[KAFKA_BROKERS_ENV];
  // Before anything slow: a missing Java is a one-line instruction, not a time-out.
  if (needKafka) ensureJava();

  const [postgres, kafka] = await Promise.allSettled([
    process.env[TEST_PG_ADMIN_URL_ENV] ? undefined : providePostgres(),
    needKafka ? provideKafka() : undefined,
  ]);
  if (postgres.status === 'rejected' || kafka.status === 'rejected') {
    await Promise.allSettled([
      postgres.status === 'fulfilled' ? postgres.value?.stop() : undefined,
      kafka.status === 'fulfilled' ? kafka.value?.stop() : undefined,
    ]);
    throw postgres.status === 'rejected' ? postgres.reason : (kafka as PromiseRejectedResult).reason;
  }

  const resources: TestResources = { postgres: postgres.value, kafka: kafka.value, setEnv: [] };
  if (resources.postgres) {
    process.env[TEST_PG_ADMIN_URL_ENV] = resources.postgres.adminUrl;
    resources.setEnv.push(TEST_PG_ADMIN_URL_ENV);
  }
  if (resources.kafka) {
    process.env[KAFKA_BROKERS_ENV] = resources.kafka.brokers.join(',');
    resources.setEnv.push(KAFKA_BROKERS_ENV);
  }
  rememberTestResources(resources);

  const startedSomething = resources.kafka !== undefined || resources.postgres?.source === 'embedded';
  if (startedSomething && projectConfig && !projectConfig.globalTeardown) {
    progress("jest.config.js lacks globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts'; add it so the services stop cleanly and their temporary folders are removed");
  }
}
