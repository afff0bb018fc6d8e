import { startGateway, type RunningGateway, type SubgraphName, SUBGRAPHS } from '@underpin/app-gateway';
import { Kafka, logLevel } from 'kafkajs';
import { readPlatformConfig, startEventBus, startService, type RunningService } from '@underpin/platform';
import type { EventBus } from '@underpin/messaging';
import { createTestDatabase, deleteKafkaNamespace, testKafkaBrokers, uniqueTopicName, waitUntil, type TestDatabase } from '@underpin/testing';
import { SERVICES } from '../src/services.constant';
import { graphql } from './graphql-client.util';

/**
 * The distributed shape: every service with its own Kafka connection (as separate
 * processes have), on a real broker, behind the gateway. KAFKA_NAMESPACE keeps its topics
 * and groups apart from every other spec's on the shared broker.
 */
describe('walking skeleton over Kafka', () => {
  const namespace = uniqueTopicName('skeleton');
  let db: TestDatabase;
  const buses: EventBus[] = [];
  const services: RunningService[] = [];
  let gateway: RunningGateway;

  beforeAll(async () => {
    db = await createTestDatabase('skeleton_kafka');
    const env = {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_NAMESPACE: namespace,
      LOG_LEVEL: 'warn',
      UNDERPIN_CATALOG: '',
      INGESTION_ADMIN_TOKEN: 'walking-skeleton-ingestion-admin-token',
    };
    for (const definition of SERVICES) {
      const config = readPlatformConfig(env, { bus: 'kafka', kafkaClientId: `test-${definition.name}` });
      // Each service configured from this environment, as its own process reads it.
      const service = definition.settings?.read(env, config).service ?? definition;
      const bus = await startEventBus(config);
      buses.push(bus);
      services.push(await startService(service, { config, bus, now: Date.now }, { port: 0 }));
    }
    const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((name) => [name, `${services.find((s) => s.name === name)!.url}/graphql`])) as Record<SubgraphName, string>;
    gateway = await startGateway({ subgraphUrls }, { port: 0, logLevel: 'warn' });
  }, 120_000);

  afterAll(async () => {
    await gateway?.close();
    for (const service of services.reverse()) await service.close();
    for (const bus of buses) await bus.stop();
    await deleteKafkaNamespace(namespace);
    await db?.drop();
  }, 60_000);

  it('carries openIncident through outbox → Kafka → sla-evaluation, visible through the gateway', async () => {
    const opened = await graphql<{ openIncident: { id: string } }>(
      `${gateway.url}/graphql`,
      `mutation { openIncident(input: { service: "video-meetings", customer: "nordbank", region: "eu-north", impact: high, urgency: high, assignee: "service-desk" }) { id } }`,
    );
    expect(opened.errors).toBeUndefined();
    const id = opened.data!.openIncident.id;
    let tracking: { eventsApplied: number; priority: string } | null = null;
    await waitUntil(
      'sla-evaluation to record the incident from Kafka',
      async () => {
        const res = await graphql<{ incident: { slaTracking: { eventsApplied: number; priority: string } | null } }>(
          `${gateway.url}/graphql`,
          `{ incident(id: "${id}") { slaTracking { eventsApplied priority } } }`,
        );
        tracking = res.data?.incident.slaTracking ?? null;
        return tracking !== null;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    expect(tracking).toEqual({ eventsApplied: 1, priority: 'P1' });

    // Every service took KAFKA_NAMESPACE: the brokers know the platform's names only under it.
    const admin = new Kafka({ clientId: 'skeleton-spec', brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).toEqual(expect.arrayContaining([`${namespace}.incidents.events.v1`, `${namespace}.incidents.events.v1.dlq`]));
      expect((await admin.listGroups()).groups.map((group) => group.groupId)).toContain(`${namespace}.sla-evaluation.incidents`);
    } finally {
      await admin.disconnect();
    }
  }, 90_000);
});
