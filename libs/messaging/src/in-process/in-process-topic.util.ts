import type { DeliveryTarget } from '../core/delivery.util';
import { BusStoppedException } from '../core/messaging.exception';
import { PartitionLog } from './partition-log.util';

export interface Member {
  id: number;
  target: DeliveryTarget;
  controller: AbortController;
  inFlight: number;
  idle: Array<() => void>;
}

export class GroupState {
  readonly members: Member[] = [];
  /** Next offset to deliver, per partition: the group's committed position. */
  readonly cursors: number[];
  readonly wakers: Array<(() => void) | undefined>;
  readonly workers: Array<Promise<void> | undefined>;

  constructor(
    readonly name: string,
    startOffsets: number[],
  ) {
    this.cursors = [...startOffsets];
    this.wakers = startOffsets.map(() => undefined);
    this.workers = startOffsets.map(() => undefined);
  }

  /** Partitions are dealt round-robin over the members, like Kafka's round-robin assignor. */
  memberFor(partition: number): Member | undefined {
    return this.members.length === 0 ? undefined : this.members[partition % this.members.length];
  }

  wake(partition: number): void {
    const waker = this.wakers[partition];
    this.wakers[partition] = undefined;
    waker?.();
  }

  wakeAll(): void {
    this.cursors.forEach((_, partition) => this.wake(partition));
  }

  waitForWork(partition: number): Promise<void> {
    return new Promise((resolve) => (this.wakers[partition] = resolve));
  }
}

interface Waiter {
  offset: number;
  resolve(): void;
  reject(error: Error): void;
}

export class PartitionState {
  readonly log = new PartitionLog();
  /** Publishers waiting until every group has consumed up to `offset`. */
  private handled: Waiter[] = [];
  /** Publishers waiting for the backlog to shrink. */
  private space: Array<{ resolve(): void; reject(error: Error): void }> = [];

  waitHandled(offset: number): Promise<void> {
    return new Promise((resolve, reject) => this.handled.push({ offset, resolve, reject }));
  }

  waitSpace(): Promise<void> {
    return new Promise((resolve, reject) => this.space.push({ resolve, reject }));
  }

  /** Called whenever the slowest group's position may have moved. */
  settle(slowest: number, hasRoom: boolean): void {
    while (this.handled.length > 0 && this.handled[0].offset < slowest) this.handled.shift()!.resolve();
    if (hasRoom) for (const waiter of this.space.splice(0)) waiter.resolve();
  }

  failWaiters(): void {
    const error = new BusStoppedException('publish');
    for (const waiter of [...this.handled.splice(0), ...this.space.splice(0)]) waiter.reject(error);
  }
}

export class TopicState {
  readonly partitions: PartitionState[];
  readonly groups = new Map<string, GroupState>();

  constructor(
    readonly name: string,
    partitionCount: number,
    /** Records kept even when every group has consumed them (dead letters, for inspection). */
    readonly retain: number,
  ) {
    this.partitions = Array.from({ length: partitionCount }, () => new PartitionState());
  }

  /** Position of the slowest group on a partition; the end when no group reads the topic. */
  slowest(partition: number): number {
    let slowest = this.partitions[partition].log.end;
    for (const group of this.groups.values()) slowest = Math.min(slowest, group.cursors[partition]);
    return slowest;
  }

  group(name: string): GroupState {
    let group = this.groups.get(name);
    if (!group) {
      // A new group starts at the oldest record still held, i.e. what other groups have not
      // consumed yet; with no group before it, nothing is held and it starts at the end.
      group = new GroupState(name, this.partitions.map((p) => p.log.start));
      this.groups.set(name, group);
    }
    return group;
  }
}
