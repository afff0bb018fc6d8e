import { Inject, Injectable } from '@nestjs/common';
import type { OutgoingRecord } from '@underpin/messaging';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@underpin/platform';

/**
 * Bytes of record values in one send at most. Kafka takes at most `message.max.bytes`
 * (1 MB by default) of one partition's records in one produce request, and the partitions
 * of the records are the bus's to choose: so a send stays under 1 MB whatever they are.
 */
export const MAX_SEND_BYTES = 900 * 1024;

interface Queued {
  records: OutgoingRecord[];
  bytes: number[];
  /** The first of its records not sent yet. */
  next: number;
  done(error?: unknown): void;
}

/**
 * Writes the requests' records to the bus one send at a time, each send taking what the
 * requests queued meanwhile, up to MAX_SEND_BYTES (group commit): as many sends as the bus
 * can acknowledge, not one per request, and one producer request in flight, which the Kafka
 * producer's idempotence needs. A request's records go in order, in one send or in the
 * next ones, so its records of one key stay in order. Its promise settles once the bus has
 * acknowledged them all (Kafka: every in-sync replica), or failed any of them.
 */
@Injectable()
export class SampleBatchProducer {
  private readonly queue: Queued[] = [];
  private sending = false;

  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  send(records: OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const bytes = records.map((record) => (typeof record.value === 'string' ? Buffer.byteLength(record.value) : record.value.length));
      this.queue.push({ records, bytes, next: 0, done: (error) => (error === undefined ? resolve() : reject(error)) });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.queue.length > 0) {
        const { records, owners } = this.nextSend();
        try {
          await this.runtime.bus.publishRecords(records);
          for (const owner of owners) if (owner.next === owner.records.length) owner.done();
        } catch (error) {
          for (const owner of owners) {
            owner.done(error);
            // What it had left is not sent: it failed already.
            const waiting = this.queue.indexOf(owner);
            if (waiting !== -1) this.queue.splice(waiting, 1);
          }
        }
      }
    } finally {
      this.sending = false;
    }
  }

  /** The records of the next send, and the requests they belong to (done ones out of the queue). */
  private nextSend(): { records: OutgoingRecord[]; owners: Queued[] } {
    const records: OutgoingRecord[] = [];
    const owners: Queued[] = [];
    let size = 0;
    while (this.queue.length > 0) {
      const head = this.queue[0];
      owners.push(head);
      while (head.next < head.records.length && (records.length === 0 || size + head.bytes[head.next] <= MAX_SEND_BYTES)) {
        records.push(head.records[head.next]);
        size += head.bytes[head.next];
        head.next += 1;
      }
      if (head.next < head.records.length) break;
      this.queue.shift();
    }
    return { records, owners };
  }
}
