import type { Kafka } from 'kafkajs';
import { sequenceTopic } from '../../test/support/sequence-topic.util';
import { silentLogger } from '../core/messaging-logger.type';
import { KafkaEventBusService } from './kafka-event-bus.service';

type Answer = { resolve: (value: unknown) => void; reject: (error: unknown) => void };

/** An admin client whose offset reads the test answers one by one. */
class FakeAdmin {
  readonly events = { REQUEST: 'request' };
  disconnected = false;
  readonly reads: Answer[] = [];
  /** Set to answer committed offsets by hand; otherwise they come at once. */
  commits: Answer[] | undefined;
  private pending = 0;
  /** Requests still under way when disconnect() was called (kafkajs would reconnect for them). */
  pendingAtDisconnect: number | undefined;

  constructor(readonly id: number) {}

  on(): void {}
  async connect(): Promise<void> {}
  async disconnect(): Promise<void> {
    this.pendingAtDisconnect ??= this.pending;
    this.disconnected = true;
  }
  fetchTopicOffsets(): Promise<unknown> {
    return this.track(new Promise((resolve, reject) => this.reads.push({ resolve, reject })));
  }
  fetchOffsets(): Promise<unknown> {
    const commits = this.commits;
    if (commits) return this.track(new Promise((resolve, reject) => commits.push({ resolve, reject })));
    return Promise.resolve([{ topic: 't', partitions: [{ partition: 0, offset: '3' }] }]);
  }
  private track(request: Promise<unknown>): Promise<unknown> {
    this.pending += 1;
    return request.finally(() => (this.pending -= 1));
  }
}

function busWithFakeAdmins(): { bus: KafkaEventBusService; admins: FakeAdmin[] } {
  const bus = new KafkaEventBusService({ brokers: ['127.0.0.1:1'], clientId: 'spec', logger: silentLogger });
  const admins: FakeAdmin[] = [];
  // The bus builds its clients from its Kafka instance; this one hands out fakes.
  (bus as unknown as { kafka: Pick<Kafka, 'admin'> }).kafka = { admin: () => admins[admins.push(new FakeAdmin(admins.length + 1)) - 1] as never };
  return { bus, admins };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!condition()) throw new Error('condition not met');
};

const ends = [{ partition: 0, low: '0', high: '5' }];
const fatal = () => Object.assign(new Error('broken'), { retriable: false });

describe(KafkaEventBusService.name, () => {
  const topic = sequenceTopic('test.positions.v1', 1);

  it('disconnects every admin client it made, however concurrent reads fail', async () => {
    const { bus, admins } = busWithFakeAdmins();
    const first = bus.groupPositions(topic, 'g');
    const second = bus.groupPositions(topic, 'g');
    await until(() => admins[0]?.reads.length === 2);
    admins[0].reads[0].reject(fatal());
    await expect(first).rejects.toThrow('broken');
    // A read after the failure gets a fresh client, and keeps it...
    const third = bus.groupPositions(topic, 'g');
    await until(() => admins[1]?.reads.length === 1);
    admins[1].reads[0].resolve(ends);
    await expect(third).resolves.toEqual([{ partition: 0, end: 5, position: 3 }]);
    // ...even when a read that was still under way on the old client fails afterwards.
    admins[0].reads[1].reject(fatal());
    await expect(second).rejects.toThrow('broken');
    await bus.stop();
    expect(admins.map((admin) => [admin.id, admin.disconnected, admin.pendingAtDisconnect])).toEqual([
      [1, true, 0],
      [2, true, 0],
    ]);
  });

  it('never disconnects a client while a request runs on it: kafkajs would reconnect for it', async () => {
    const { bus, admins } = busWithFakeAdmins();
    const commits: Answer[] = [];
    const read = bus.groupPositions(topic, 'g');
    await until(() => admins[0]?.reads.length === 1);
    admins[0].commits = commits;
    const other = bus.groupPositions(topic, 'g');
    await until(() => admins[0].reads.length === 2 && commits.length === 1);
    // The end offsets fail at once; the committed offsets of the same read, and the first read, still run.
    admins[0].reads[1].reject(fatal());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(admins[0].disconnected).toBe(false);
    commits[0].resolve([{ topic: 't', partitions: [{ partition: 0, offset: '3' }] }]);
    await expect(other).rejects.toThrow('broken');
    expect(admins[0].disconnected).toBe(false);
    admins[0].reads[0].resolve(ends);
    await expect(read).resolves.toEqual([{ partition: 0, end: 5, position: 3 }]);
    await until(() => admins[0].disconnected);
    expect(admins[0].pendingAtDisconnect).toBe(0);
    await bus.stop();
  });

  it('reads again, on a fresh client, after an error the broker calls retriable', async () => {
    const { bus, admins } = busWithFakeAdmins();
    const read = bus.groupPositions(topic, 'g');
    await until(() => admins[0]?.reads.length === 1);
    admins[0].reads[0].reject(Object.assign(new Error('This server is not the leader for that topic-partition'), { retriable: true }));
    await until(() => admins[1]?.reads.length === 1);
    admins[1].reads[0].resolve(ends);
    await expect(read).resolves.toEqual([{ partition: 0, end: 5, position: 3 }]);
    await bus.stop();
    expect(admins.every((admin) => admin.disconnected)).toBe(true);
  });
});
