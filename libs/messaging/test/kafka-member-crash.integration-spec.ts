import path from 'node:path';
import { testKafkaBrokers, uniqueTopicName } from '@underpin/testing';
import { KafkaEventBusService, silentLogger } from '../src';
import { ChildScript } from './support/child-process.util';
import { sequenceEnvelopes, sequenceTopic } from './support/sequence-topic.util';

const CHILD = path.join(__dirname, 'support', 'group-member-child.util.ts');
/** What an operator is promised: a restarted consumer is back at work within this. */
const RESUME_CONTRACT_MS = 10_000;

describe('a consumer killed with SIGKILL, with the default consumer settings', () => {
  const children: ChildScript[] = [];
  let producer: KafkaEventBusService;

  afterAll(async () => {
    await Promise.all(children.map((child) => child.kill()));
    await producer?.stop();
  });

  it(`is replaced by a new member of its group that gets new events within ${RESUME_CONTRACT_MS / 1000} s`, async () => {
    const topic = sequenceTopic(uniqueTopicName('takeover'), 1);
    producer = new KafkaEventBusService({ brokers: testKafkaBrokers(), clientId: 'takeover-producer', logger: silentLogger });
    await producer.ensureTopics([topic]);
    const group = `${topic.name}.effects`;
    const member = (name: string, env: Record<string, string> = {}) => {
      const child = new ChildScript(CHILD, { TOPIC: topic.name, PARTITIONS: '1', GROUP: group, MEMBER: name, KAFKA_BROKERS: testKafkaBrokers().join(','), ...env }, name);
      children.push(child);
      return child;
    };
    const received = (seq: number) => (message: Record<string, unknown>) => (message['received'] as { seq?: number } | undefined)?.seq === seq;
    const [first, second] = sequenceEnvelopes(topic, 1, 2);

    const crashing = member('member-1');
    await crashing.waitForMessage((m) => m['ready'] !== undefined, 60_000);
    await producer.publish(topic, [first]);
    await crashing.waitForMessage(received(1), 30_000);
    // The successor has loaded its code but not joined: what is timed is the group's wait,
    // not how long Node takes to load a process on a busy machine.
    const successor = member('member-2', { WAIT_FOR_SIGNAL: '1' });
    await successor.waitForMessage((m) => m['loaded'] !== undefined, 60_000);

    await crashing.kill();
    const killedAt = Date.now();
    process.kill(successor.pid!, 'SIGUSR2');
    await producer.publish(topic, [second]);
    // Waits well past the contract, so a failure says how long the group really took.
    await successor.waitForMessage(received(2), 60_000);
    const resumedMs = Date.now() - killedAt;
    process.stdout.write(`member killed with SIGKILL: its successor received a new event ${(resumedMs / 1000).toFixed(1)} s later\n`);
    expect(resumedMs).toBeLessThan(RESUME_CONTRACT_MS);
  }, 120_000);
});
