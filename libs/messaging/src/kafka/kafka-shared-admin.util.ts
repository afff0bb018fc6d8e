import type { Admin } from 'kafkajs';
import { BusStoppedException } from '../core/messaging.exception';

interface Lease {
  admin: Admin;
  /** Requests running on the client now. */
  users: number;
  retired: boolean;
  disconnected: boolean;
}

/**
 * One admin client shared by a bus's reads, connected on first use. A client on which a
 * request failed (stale metadata, a dead connection) is retired: later reads get a fresh one,
 * and the retired one is disconnected once no request runs on it any more. Disconnecting it
 * earlier leaks: kafkajs reconnects to the brokers for a request still retrying, and nothing
 * would close those connections, which then hold the process up until the broker drops them.
 */
export class SharedAdmin {
  private current: Lease | undefined;
  private connecting: Promise<Lease> | undefined;
  private closed = false;

  constructor(private readonly create: () => Admin) {}

  /** Runs `request` on the current client; its failure retires the client. */
  async use<T>(request: (admin: Admin) => Promise<T>): Promise<T> {
    const lease = await this.acquire();
    if (lease.retired && this.closed) throw new BusStoppedException('read group positions');
    lease.users += 1;
    try {
      return await request(lease.admin);
    } catch (error) {
      this.retire(lease);
      throw error;
    } finally {
      lease.users -= 1;
      await this.release(lease);
    }
  }

  /** No client from now on; the current one is disconnected once its requests are done. */
  async close(): Promise<void> {
    this.closed = true;
    const lease = this.current ?? (await this.connecting?.catch(() => undefined));
    if (lease === undefined) return;
    this.retire(lease);
    await this.release(lease);
  }

  private acquire(): Promise<Lease> {
    if (this.closed) return Promise.reject(new BusStoppedException('read group positions'));
    if (this.current) return Promise.resolve(this.current);
    this.connecting ??= (async () => {
      const admin = this.create();
      try {
        await admin.connect();
      } catch (error) {
        await admin.disconnect().catch(() => undefined);
        throw error;
      }
      const lease: Lease = { admin, users: 0, retired: false, disconnected: false };
      this.current = lease;
      return lease;
    })().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private retire(lease: Lease): void {
    lease.retired = true;
    if (this.current === lease) this.current = undefined;
  }

  private async release(lease: Lease): Promise<void> {
    if (!lease.retired || lease.users > 0 || lease.disconnected) return;
    lease.disconnected = true;
    await lease.admin.disconnect().catch(() => undefined);
  }
}
