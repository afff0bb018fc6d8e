import { spawn } from 'node:child_process';
import { type Server, createServer } from 'node:net';
import { join } from 'node:path';
import { Kafka, type Admin, logLevel } from 'kafkajs';
import { type DeadLetter, type EventEnvelope, type TopicDefinition, createEnvelope, defineTopic, encodeEnvelope, eventSchema } from '@underpin/contracts';
import { type HandlerContext, KafkaEventBusService, silentLogger } from '@underpin/messaging';
import { REPOSITORY_ROOT as root, testKafkaBrokers, uniqueTopicName, waitUntil, waitUntilHandled } from '@underpin/testing';
import { parseDeadLetterJson } from '../src/dead-letters-format.util';
import { main } from '../src/main';

interface Step {
  key: string;
  seq: number;
}

function stepTopic(name: string): TopicDefinition<{ 'test.step': Step }> {
  return defineTopic<{ 'test.step': Step }>({
    name,
    partitions: 2,
    key: 'the step key',
    keyOf: (_type, payload) => payload.key,
    events: {
      'test.step': {
        description: 'one step',
        versions: { 1: eventSchema.object({ key: eventSchema.string(), seq: eventSchema.number({ integer: true, min: 1 }) }) },
      },
    },
  });
}

class Capture {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** The CLI in-process, as the binary runs it, with its output captured. */
async function underpin(...argv: string[]) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(argv, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The CLI as its own process (from source), for what only a process shows: exit timing. */
function underpinProcess(...argv: string[]): Promise<{ code: number | null; stdout: string; stderr: string; elapsedMs: number }> {
  const startedAt = Date.now();
  const child = spawn(process.execPath, ['-r', join(root, 'tools/runtime/register-source.js'), join(root, 'apps/cli/src/main.ts'), ...argv], { cwd: root });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr, elapsedMs: Date.now() - startedAt })));
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

describe('underpin dead-letters (real Kafka)', () => {
  const brokers = testKafkaBrokers().join(',');
  const topic = stepTopic(uniqueTopicName('cli-dead-letters'));
  const dlq = `${topic.name}.dlq`;
  const group = `${topic.name}.effects`;
  let admin: Admin;
  let envelopes: Array<EventEnvelope<Step, 'test.step'>>;
  let poison: string;
  /** The dead letters as the bus's own dead-letter subscription saw them. */
  const parked: DeadLetter[] = [];

  const topicEnd = async (name: string) => (await admin.fetchTopicOffsets(name)).reduce((sum, partition) => sum + Number(partition.high), 0);

  beforeAll(async () => {
    admin = new Kafka({ brokers: testKafkaBrokers(), clientId: 'dead-letters-spec', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const bus = new KafkaEventBusService({ brokers: testKafkaBrokers(), clientId: 'dead-letters-spec', logger: silentLogger, consumer: { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500, maxWaitTimeMs: 100 } });
    try {
      await bus.ensureTopics([topic]);
      envelopes = [1, 2, 3].map((seq) => createEnvelope(topic, 'test.step', { key: 'key-0', seq }, { source: 'test' }));
      poison = encodeEnvelope({ ...envelopes[0], id: globalThis.crypto.randomUUID(), payload: { key: 'key-0', seq: -1 } });
      const applied: string[] = [];
      // The bug: step 2 cannot be applied, whatever the retries.
      bus.subscribe({
        topic,
        group,
        retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 20 },
        handler: async (envelope) => {
          if (envelope.id === envelopes[1].id) throw new Error('cannot apply step 2: bug');
          applied.push(envelope.id);
        },
      });
      bus.subscribeDeadLetters({ topic, group: `${topic.name}.ops`, handler: async (deadLetter) => void parked.push(deadLetter) });
      await bus.start();
      await bus.publishRecords([
        { topic: topic.name, key: 'key-0', value: encodeEnvelope(envelopes[0]), headers: {} },
        { topic: topic.name, key: 'key-0', value: poison, headers: { origin: 'test' } },
        { topic: topic.name, key: 'key-0', value: encodeEnvelope(envelopes[1]), headers: { origin: 'test' } },
        { topic: topic.name, key: 'key-0', value: 'not json at all', headers: {} },
        { topic: topic.name, key: 'key-0', value: encodeEnvelope(envelopes[2]), headers: {} },
      ]);
      await waitUntil('steps 1 and 3 applied and three dead letters parked', () => applied.length === 2 && parked.length === 3);
      // The fixed consumer below must resume after these five records, not redeliver them.
      await waitUntil('the group to commit past every record', async () => {
        const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topic.name] });
        return offsets.partitions.reduce((sum, partition) => sum + Math.max(0, Number(partition.offset)), 0) === (await topicEnd(topic.name));
      });
    } finally {
      await bus.stop();
    }
  }, 90_000);

  afterAll(async () => {
    await admin?.disconnect();
  });

  it('lists each dead letter on one line with its reason, and counts them per reason', async () => {
    const { code, stdout, stderr } = await underpin('dead-letters', 'list', '--topic', topic.name, '--brokers', brokers);
    expect([code, stderr]).toEqual([0, '']);
    const [payload, handler, envelope, summary, ...rest] = lines(stdout);
    expect(rest).toEqual([]);
    const at = (seen: string, offset: number) => `${seen.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\d+@${offset}`;
    expect(payload).toMatch(new RegExp(`^${at(dlq, 0)}  \\S+Z  invalid-payload  ${at(topic.name, 1)}  group ${group}  attempts 0  event ${JSON.parse(poison).id} test\\.step  — invalid-payload: payload\\.seq: must be ≥ 1, got -1$`));
    expect(handler).toMatch(new RegExp(`^${at(dlq, 1)}  \\S+Z  handler-failed  ${at(topic.name, 2)}  group ${group}  attempts 2  event ${envelopes[1].id} test\\.step  — Error: cannot apply step 2: bug$`));
    expect(envelope).toMatch(new RegExp(`^${at(dlq, 2)}  \\S+Z  invalid-envelope  ${at(topic.name, 3)}  group ${group}  attempts 0  event unreadable  — invalid-envelope: .*UTF-8 JSON`));
    expect(summary).toBe('3 dead letters: 1 handler-failed, 1 invalid-envelope, 1 invalid-payload');
  }, 60_000);

  it('prints JSON Lines that read back to the dead letters the bus parked, the summary on stderr', async () => {
    const { code, stdout, stderr } = await underpin('dead-letters', 'list', '--topic', dlq, '--json', '--brokers', brokers);
    expect([code, stderr]).toEqual([0, '3 dead letters: 1 handler-failed, 1 invalid-envelope, 1 invalid-payload\n']);
    const listed = lines(stdout).map(parseDeadLetterJson);
    expect(listed.map(({ dlq: at }) => `${at.topic}@${at.offset}`)).toEqual([`${dlq}@0`, `${dlq}@1`, `${dlq}@2`]);
    expect(listed.map(({ dlq: _at, ...deadLetter }) => deadLetter)).toEqual([...parked].sort((a, b) => Number(a.offset) - Number(b.offset)));
    expect(Buffer.from(listed[0].value!).toString()).toBe(poison);
    expect(listed[0].headers).toEqual({ origin: 'test' });
  }, 60_000);

  it('reads every .dlq topic when no --topic is given, filters, and leaves no consumer group behind', async () => {
    const { code, stdout } = await underpin('dead-letters', 'list', '--group', group, '--reason', 'handler-failed', '--brokers', brokers);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual([expect.stringMatching(new RegExp(`^${dlq.replace(/\./g, '\\.')}/0@1 .* event ${envelopes[1].id} `)), '1 dead letter: 1 handler-failed']);
    const { groups } = await admin.listGroups();
    expect(groups.filter(({ groupId }) => groupId.startsWith('underpin-cli-dead-letters'))).toEqual([]);
  }, 60_000);

  it('refuses an unknown topic with exit 2, suggesting the closest known one', async () => {
    const typo = topic.name.replace('cli-dead-letters', 'cli-dead-leters');
    const { code, stdout, stderr } = await underpin('dead-letters', 'list', '--topic', typo, '--brokers', brokers);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(new RegExp(`^underpin dead-letters: unknown topic "${typo.replace(/\./g, '\\.')}" \\(did you mean "${topic.name.replace(/\./g, '\\.')}"\\?\\); known topics: .+\\n$`));
  }, 60_000);

  it('reads only the namespace it is given: another platform on the brokers has no such topic', async () => {
    const { code, stdout, stderr } = await underpin('dead-letters', 'list', '--topic', topic.name, '--namespace', uniqueTopicName('elsewhere'), '--brokers', brokers);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toContain(`unknown topic "${topic.name}"`);
  }, 60_000);

  it('refuses to replay a named contract violation with exit 2 and publishes nothing', async () => {
    const before = await topicEnd(topic.name);
    const { code, stdout, stderr } = await underpin('dead-letters', 'replay', '--topic', topic.name, '--offset', '0@0', '--brokers', brokers);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toContain(`${dlq}/0@0 not replayed: invalid-payload is a contract violation: every consumer rejects the record again`);
    expect(await underpin('dead-letters', 'replay', '--topic', topic.name, '--offset', '0@99', '--brokers', brokers)).toMatchObject({
      code: 2,
      stderr: `underpin dead-letters: no dead letter at ${dlq}/0@99 (see "underpin dead-letters --help")\n`,
    });
    expect(await topicEnd(topic.name)).toBe(before);
  }, 60_000);

  it('says what --all would replay under --dry-run, and publishes nothing', async () => {
    const before = await topicEnd(topic.name);
    const { code, stdout, stderr } = await underpin('dead-letters', 'replay', '--topic', topic.name, '--all', '--dry-run', '--brokers', brokers);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual([`would replay  ${dlq}/0@1  →  ${topic.name}  event ${envelopes[1].id} test.step`, `would replay 1 dead letter to ${topic.name}; refused 2 (see above)`]);
    expect(lines(stderr)).toEqual([expect.stringMatching(new RegExp(`^refused  ${dlq.replace(/\./g, '\\.')}/0@0  invalid-payload is a contract violation`)), expect.stringMatching(/^refused  .*\/0@2  invalid-envelope is a contract violation/)]);
    expect(await topicEnd(topic.name)).toBe(before);
  }, 60_000);

  it('replays the handler failure, refusing the violations, and the fixed consumer applies it exactly once', async () => {
    const handlerFailed = parked.find((deadLetter) => deadLetter.reason === 'handler-failed')!;
    const before = await topicEnd(topic.name);
    const partitionEnd = (await admin.fetchTopicOffsets(topic.name)).find(({ partition }) => partition === handlerFailed.partition)!.high;
    const deliveries: Array<{ id: string; context: HandlerContext }> = [];
    const applied = new Set<string>();
    const fixed = new KafkaEventBusService({ brokers: testKafkaBrokers(), clientId: 'dead-letters-spec-fixed', logger: silentLogger, consumer: { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500, maxWaitTimeMs: 100 } });
    fixed.subscribe({
      topic,
      group,
      // Idempotent by event id, as every consumer of the platform is.
      handler: async (envelope, context) => {
        deliveries.push({ id: envelope.id, context });
        applied.add(envelope.id);
      },
    });
    await fixed.start();
    try {
      const replayed = await underpin('dead-letters', 'replay', '--topic', topic.name, '--all', '--brokers', brokers);
      expect(replayed.code).toBe(0);
      const [line, summary] = lines(replayed.stdout);
      // The key's partitioner puts it in the original's partition, after everything there.
      expect(line).toBe(`replayed  ${dlq}/0@1  →  ${topic.name}/${handlerFailed.partition}@${partitionEnd}  event ${envelopes[1].id} test.step`);
      expect(summary).toBe(`replayed 1 dead letter to ${topic.name}; refused 2 (see above)`);
      expect(lines(replayed.stderr).map((text) => text.split('  ')[0])).toEqual(['refused', 'refused']);
      await waitUntil('the replayed step 2 to be applied', () => applied.has(envelopes[1].id));

      // The same dead letter again, by its offset: delivered, and skipped by its id.
      expect((await underpin('dead-letters', 'replay', '--topic', topic.name, '--offset', '0@1', '--brokers', brokers)).code).toBe(0);
      await waitUntil('the second replay to be delivered', () => deliveries.length === 2);
      // Everything on the topic handled: a delivery too many would be among them by now.
      await waitUntilHandled(fixed, topic, [group]);
      expect(deliveries.map(({ id }) => id)).toEqual([envelopes[1].id, envelopes[1].id]);
      expect([...applied]).toEqual([envelopes[1].id]);
      const { context } = deliveries[0];
      // The original headers came back, plus where it was replayed from and when.
      expect(context.partition).toBe(handlerFailed.partition);
      expect(context.headers).toEqual({ origin: 'test', 'dlq-replayed-from': `${dlq}/0@1`, 'dlq-replayed-at': expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) });
      expect(await topicEnd(topic.name)).toBe(before + 2);
      expect(await topicEnd(dlq)).toBe(3);
    } finally {
      await fixed.stop();
    }
  }, 90_000);

  describe('brokers that cannot be reached', () => {
    let silent: Server;
    beforeAll(async () => {
      // Accepts connections and never answers: the slowest way for a broker to be away.
      silent = createServer(() => undefined);
      await new Promise<void>((listening) => silent.listen(0, '127.0.0.1', listening));
    });
    afterAll(async () => {
      silent.close();
    });

    it.each([
      ['refuse connections', () => '127.0.0.1:1', /ECONNREFUSED/],
      ['never answer', () => `127.0.0.1:${(silent.address() as { port: number }).port}`, /no answer within 6 s/],
    ])('exits 1 with one line, no stack trace, within 20 s when they %s', async (_how, address, cause) => {
      const { code, stdout, stderr, elapsedMs } = await underpinProcess('dead-letters', 'list', '--brokers', address());
      expect([code, stdout]).toEqual([1, '']);
      expect(lines(stderr)).toEqual([expect.stringMatching(new RegExp(`^underpin dead-letters: cannot reach Kafka at ${address()}: `))]);
      expect(stderr).toMatch(cause);
      // It gives up after its own 6 s; the rest is the process starting from source, which takes
      // seconds on a loaded 2-core machine.
      expect(elapsedMs).toBeLessThan(20_000);
    }, 30_000);
  });
});
