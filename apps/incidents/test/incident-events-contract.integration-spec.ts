import { createEnvelope, encodeEnvelope, INCIDENT_EVENTS_TOPIC, type DeadLetter, type EnvelopeOf } from '@underpin/contracts';
import { InProcessEventBusService, KafkaEventBusService, silentLogger, type EventBus } from '@underpin/messaging';
import { testKafkaBrokers, uniqueTopicName, waitUntil } from '@underpin/testing';

const AT = '2026-03-05T15:40:00+01:00';
const HUGE_REASON = 'x'.repeat(900 * 1024);

type Topic = typeof INCIDENT_EVENTS_TOPIC;

/**
 * What a consumer of `incidents.events.v1` meets when a producer that does not check the
 * contract writes a 900 KB pause reason: the record goes to the `.dlq` twin with the reason
 * that names the field and its limit, and the next event of the incident is applied.
 */
async function deadLettersAHugeReason(bus: EventBus, topic: Topic): Promise<void> {
  const applied: Array<EnvelopeOf<Topic>> = [];
  const deadLetters: DeadLetter[] = [];
  bus.subscribe({ topic, group: `${topic.name}.clocks`, handler: async (envelope) => void applied.push(envelope) });
  bus.subscribeDeadLetters({ topic, group: `${topic.name}.ops`, handler: async (deadLetter) => void deadLetters.push(deadLetter) });
  await bus.start();

  const paused = createEnvelope(topic, 'incident.paused', { at: AT, incident: 'INC-9', reason: 'awaiting-customer' }, { source: 'incidents' });
  const resumed = createEnvelope(topic, 'incident.resumed', { at: '2026-03-05T16:00:00+01:00', incident: 'INC-9' }, { source: 'incidents' });
  const poison = encodeEnvelope({ ...paused, payload: { ...paused.payload, reason: HUGE_REASON } });
  await bus.publishRecords([
    { topic: topic.name, key: 'INC-9', value: poison, headers: {} },
    { topic: topic.name, key: 'INC-9', value: encodeEnvelope(resumed), headers: {} },
  ]);

  // Each record ends either applied or dead-lettered; which one is the assertion.
  await waitUntil('both records to be handled', () => applied.length + deadLetters.length === 2, { timeoutMs: 30_000 });
  expect(applied.map((e) => e.type)).toEqual(['incident.resumed']);
  expect(deadLetters[0]).toMatchObject({
    reason: 'invalid-payload',
    error: `invalid-payload: payload.reason: must have at most 100 characters, got ${HUGE_REASON.length}`,
    topic: topic.name,
    group: `${topic.name}.clocks`,
    key: 'INC-9',
  });
  expect(Buffer.from(deadLetters[0].value!).toString()).toBe(poison);
}

describe('incidents.events.v1 on the wire: the contract limits at consume', () => {
  let bus: EventBus | undefined;

  afterEach(async () => {
    await bus?.stop();
    bus = undefined;
  });

  it('dead-letters a consumed incident.paused with a 900 KB reason on the in-process bus', async () => {
    bus = new InProcessEventBusService({ topics: [INCIDENT_EVENTS_TOPIC], logger: silentLogger });
    await deadLettersAHugeReason(bus, INCIDENT_EVENTS_TOPIC);
  });

  it('dead-letters a consumed incident.paused with a 900 KB reason on Kafka', async () => {
    // The topic's contract under a name of its own, so no other spec's consumers read it.
    const topic: Topic = { ...INCIDENT_EVENTS_TOPIC, name: uniqueTopicName('incidents-events'), partitions: 2 };
    const kafka = new KafkaEventBusService({
      brokers: testKafkaBrokers(),
      clientId: 'incident-events-contract',
      logger: silentLogger,
      consumer: { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500, maxWaitTimeMs: 100 },
    });
    bus = kafka;
    await kafka.ensureTopics([topic]);
    await deadLettersAHugeReason(kafka, topic);
  }, 60_000);
});
