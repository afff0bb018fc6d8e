import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { CATALOG_CHANGES_TOPIC, INCIDENT_EVENTS_TOPIC, SLA_CLOCKS_TOPIC, TOPIC_REGISTRY, type AnyTopicDefinition, type EventEnvelope } from '@underpin/contracts';
import { KafkaEventBusService, silentLogger } from '@underpin/messaging';
import { createTestDatabase, MEETINGS_CATALOG_PATH, testKafkaBrokers, uniqueTopicName, waitUntil, type TestDatabase } from '@underpin/testing';
import { processEnv, startSourceProcess, type SourceProcess } from './source-process.util';

/**
 * Exporting traces is optional; correlating by them is not. With no exporter configured (as
 * `npm start` and a bare deployment run), the processes below still give every request and
 * event a trace: records carry its traceparent and log lines its id.
 */

jest.setTimeout(300_000);

const OPEN = `mutation Open($input: OpenIncidentInput!) { openIncident(input: $input) { id } }`;
const TRACE_ID = /^[0-9a-f]{32}$/;
const HANDLED = /\bevent handled (\{.*\})(?: trace=([0-9a-f]{32}))?$/;
const PUBLISHED_AT_BOOT = /\[catalog\] published \S+: \d+ agreements, revision \w+(?: trace=([0-9a-f]{32}))?$/;

interface Handled {
  topic: string;
  group: string;
  key: string | null;
  id: string;
  type: string;
  trace: string | undefined;
}

/** The consumers' "event handled" lines (debug level), with the trace id each carries. */
function handledLines(process: SourceProcess): Handled[] {
  return process.lines().flatMap((line) => {
    const match = HANDLED.exec(line);
    return match ? [{ ...(JSON.parse(match[1]) as Omit<Handled, 'trace'>), trace: match[2] }] : [];
  });
}

function traceIdOf(traceparent: string | undefined): string | undefined {
  return traceparent?.split('-')[1];
}

/** A request's own trace context, as a client that traces would send it. */
function newTraceparent(): { traceId: string; traceparent: string } {
  const traceId = randomBytes(16).toString('hex');
  return { traceId, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` };
}

/** A P1 incident opened an hour ago: its 15-minute response objective is breached on arrival. */
function lateP1Input(title: string): Record<string, unknown> {
  return { title, service: 'video-meetings', customer: 'acme', region: 'eu-north', impact: 'high', urgency: 'high', assignee: 'service-desk', openedAt: new Date(Date.now() - 3_600_000).toISOString() };
}

/**
 * Opens an incident as a client would, with a traceparent of its own or none; returns its id
 * and the trace id the service answered with (`traceresponse`).
 */
async function openIncident(url: string, title: string, traceparent?: string): Promise<{ id: string; traceId: string | undefined }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(traceparent ? { traceparent } : {}) },
    body: JSON.stringify({ query: OPEN, variables: { input: lateP1Input(title) } }),
  });
  const body = (await res.json()) as { data?: { openIncident: { id: string } }; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return { id: body.data!.openIncident.id, traceId: traceIdOf(res.headers.get('traceresponse') ?? undefined) };
}

describe('trace context with no exporter configured: all-in-one on the in-process bus', () => {
  let db: TestDatabase;
  let platform: SourceProcess;
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase('trace_all_in_one');
    platform = startSourceProcess('all-in-one', 'apps/all-in-one/src/main.ts', processEnv({ DATABASE_URL: db.url, PORT: '0', LOG_LEVEL: 'debug', UNDERPIN_DEMO: 'off' }));
    url = /GraphQL: (http:\/\/\S+\/graphql)/.exec(await platform.waitForLine('the platform to say where it runs', /GraphQL: http:\/\/\S+\/graphql/))![1];
  });

  afterAll(async () => {
    await platform?.stop();
    await db?.drop();
  });

  it('publishes the boot catalogue in a trace of its own, which its replicas log under', async () => {
    const bootTrace = PUBLISHED_AT_BOOT.exec(await platform.waitForLine('the catalogue published at boot', PUBLISHED_AT_BOOT))![1];
    expect(bootTrace).toMatch(TRACE_ID);
    await platform.waitForLine('sla-evaluation to replicate the catalogue', /\[sla_evaluation\.catalog\] catalogue replica updated/);
    await platform.waitForLine('notifications to replicate the catalogue', /\[notifications\.catalog\] catalogue replica updated/);
    const replicaLines = platform.lines().filter((line) => line.includes('catalogue replica updated'));
    expect(replicaLines.map((line) => / trace=([0-9a-f]{32})$/.exec(line)?.[1])).toEqual(replicaLines.map(() => bootTrace));
    const catalogHandled = () => handledLines(platform).filter((line) => line.topic === CATALOG_CHANGES_TOPIC.name && line.type === 'catalog.published');
    await waitUntil('both replicas to log the boot record as handled', () => new Set(catalogHandled().map((line) => line.group)).size >= 2);
    expect(catalogHandled().map((line) => line.trace)).toEqual(catalogHandled().map(() => bootTrace));
  });

  it.each([
    ['a request that comes without trace context gets a trace of its own', undefined],
    ["a request's own trace context is continued", newTraceparent()],
  ])('%s, carried through the bus to every consumer and what it produces', async (_title, client) => {
    await platform.waitForLine('sla-evaluation to hold the catalogue', /\[sla_evaluation\.catalog\] catalogue replica updated/);
    const request = await openIncident(url, 'Trace me through the bus', client?.traceparent);
    expect(request.traceId).toMatch(TRACE_ID);
    if (client) expect(request.traceId).toBe(client.traceId);
    const { id } = request;

    const forIncident = (topic: AnyTopicDefinition) => handledLines(platform).filter((line) => line.topic === topic.name && line.key === id);
    await waitUntil('sla-evaluation and notifications to handle the opening', () => new Set(forIncident(INCIDENT_EVENTS_TOPIC).map((line) => line.group)).size >= 2, { timeoutMs: 60_000 });
    // The breach sla-evaluation found while handling the opening was produced in its trace too.
    await waitUntil('notifications to handle the breach', () => forIncident(SLA_CLOCKS_TOPIC).some((line) => line.type === 'sla.clock.breach'), { timeoutMs: 60_000 });
    const lines = [...forIncident(INCIDENT_EVENTS_TOPIC), ...forIncident(SLA_CLOCKS_TOPIC)];
    expect(lines.map((line) => [line.group, line.trace])).toEqual(lines.map((line) => [line.group, request.traceId]));
  });
});

interface Received {
  envelope: EventEnvelope;
  headers: Record<string, string>;
  partition: number;
  offset: bigint;
}

/** Each partition's next offset: what a topic holds from earlier tests on the broker ends there. */
async function endOffsets(topics: AnyTopicDefinition[]): Promise<Map<string, bigint>> {
  const admin = new Kafka({ brokers: testKafkaBrokers(), clientId: 'trace-probe-admin', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const ends = new Map<string, bigint>();
    for (const topic of topics) {
      for (const { partition, offset } of await admin.fetchTopicOffsets(topic.name)) ends.set(`${topic.name}/${partition}`, BigInt(offset));
    }
    return ends;
  } finally {
    await admin.disconnect();
  }
}

describe('trace context with no exporter configured: one process per service on Kafka', () => {
  let startedAt: Date;
  let db: TestDatabase;
  let probe: KafkaEventBusService;
  const received = new Map<string, Received[]>();
  const services: SourceProcess[] = [];
  let incidentsUrl: string;

  const service = (name: string) => services.find((candidate) => candidate.name === name)!;
  const on = (topic: AnyTopicDefinition) => received.get(topic.name) ?? [];

  beforeAll(async () => {
    startedAt = new Date();
    db = await createTestDatabase('trace_kafka');
    // What the services write, read back as any other consumer would.
    probe = new KafkaEventBusService({ brokers: testKafkaBrokers(), clientId: 'trace-probe', logger: silentLogger });
    await probe.ensureTopics(TOPIC_REGISTRY);
    for (const topic of [CATALOG_CHANGES_TOPIC, INCIDENT_EVENTS_TOPIC, SLA_CLOCKS_TOPIC] as AnyTopicDefinition[]) {
      probe.subscribe({
        topic,
        group: uniqueTopicName('trace-probe'),
        handler: async (envelope, context) => void received.set(topic.name, [...on(topic), { envelope, headers: context.headers, partition: context.partition, offset: BigInt(context.offset) }]),
      });
    }
    await probe.start();
    const env = { DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), PORT: '0', LOG_LEVEL: 'debug' };
    services.push(
      startSourceProcess('ola-chaining', 'apps/ola-chaining/src/main.ts', processEnv({ ...env, UNDERPIN_CATALOG: MEETINGS_CATALOG_PATH })),
      startSourceProcess('sla-evaluation', 'apps/sla-evaluation/src/main.ts', processEnv(env)),
      startSourceProcess('incidents', 'apps/incidents/src/main.ts', processEnv(env)),
    );
    const listening = await Promise.all(services.map((process) => process.waitForLine('the service to listen', /listening on (http:\/\/\S+)/)));
    incidentsUrl = `${/listening on (http:\/\/\S+)/.exec(listening[2])![1]}/graphql`;
  });

  afterAll(async () => {
    for (const process of services.reverse()) await process.stop();
    await probe?.stop();
    await db?.drop();
  });

  /** The catalogue record ola-chaining published at boot (its database is new: a new version). */
  async function bootPublication(): Promise<Received> {
    const booted = () => on(CATALOG_CHANGES_TOPIC).filter(({ envelope }) => envelope.type === 'catalog.published' && new Date(envelope.occurredAt) >= startedAt);
    await waitUntil('the catalogue published at boot to reach Kafka', () => booted().length > 0, { timeoutMs: 120_000 });
    return booted()[0];
  }

  it('gives the catalogue record published at boot a traceparent, which its replica logs under', async () => {
    const { envelope, headers } = await bootPublication();
    const bootTrace = traceIdOf(headers['traceparent']);
    expect(bootTrace).toMatch(TRACE_ID);
    expect(traceIdOf(envelope.traceparent)).toBe(bootTrace);
    expect(PUBLISHED_AT_BOOT.exec(await service('ola-chaining').waitForLine('the boot publication', PUBLISHED_AT_BOOT))![1]).toBe(bootTrace);
    await service('sla-evaluation').waitForLine('sla-evaluation to log the replica update in the boot trace', new RegExp(`catalogue replica updated .* trace=${bootTrace}$`));
    const handled = () => handledLines(service('sla-evaluation')).filter((line) => line.id === envelope.id);
    await waitUntil('sla-evaluation to log the boot record as handled', () => handled().length > 0);
    expect(handled().map((line) => line.trace)).toEqual([bootTrace]);
  });

  it("carries the trace of a GraphQL request that came without one to its records, the consumer's log lines and what the consumer produces", async () => {
    const { revision } = (await bootPublication()).envelope.payload as { revision: string };
    await service('sla-evaluation').waitForLine('sla-evaluation to hold the catalogue', new RegExp(`catalogue replica updated .*"revision":"${revision}"`));
    // Earlier tests on this broker may have written events for an incident of the same id.
    const ends = await endOffsets([INCIDENT_EVENTS_TOPIC, SLA_CLOCKS_TOPIC]);
    const request = await openIncident(incidentsUrl, 'Trace me through Kafka');
    expect(request.traceId).toMatch(TRACE_ID);
    const { id } = request;
    const written = (topic: AnyTopicDefinition) => on(topic).filter((record) => record.envelope.key === id && record.offset >= ends.get(`${topic.name}/${record.partition}`)!);
    const traceIds = (records: Received[]) => records.map(({ envelope, headers }) => [envelope.type, traceIdOf(headers['traceparent']), traceIdOf(envelope.traceparent)]);

    await waitUntil('the opening to reach Kafka', () => written(INCIDENT_EVENTS_TOPIC).length > 0, { timeoutMs: 60_000 });
    expect(traceIds(written(INCIDENT_EVENTS_TOPIC))).toEqual([['incident.opened', request.traceId, request.traceId]]);

    const openingId = written(INCIDENT_EVENTS_TOPIC)[0].envelope.id;
    const consumed = () => handledLines(service('sla-evaluation')).filter((line) => line.id === openingId);
    await waitUntil('sla-evaluation to handle the opening', () => consumed().length > 0, { timeoutMs: 60_000 });
    expect(consumed().map((line) => [line.group, line.trace])).toEqual([['sla-evaluation.incidents', request.traceId]]);

    // What sla-evaluation wrote while handling the opening continues the request's trace.
    await waitUntil('the breach sla-evaluation found to reach Kafka', () => written(SLA_CLOCKS_TOPIC).some(({ envelope }) => envelope.type === 'sla.clock.breach'), { timeoutMs: 60_000 });
    const alerts = written(SLA_CLOCKS_TOPIC);
    expect(traceIds(alerts)).toEqual(alerts.map(({ envelope }) => [envelope.type, request.traceId, request.traceId]));
  });
});
