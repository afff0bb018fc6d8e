import type { Pool, PoolClient } from 'pg';
import type { EventPublisher, OutgoingRecord } from '../core/event-bus.type';
import { MessagingConfigException } from '../core/messaging.exception';
import { type MessagingLogger, errorMessage, stderrLogger } from '../core/messaging-logger.type';
import { backoffDelay, sleep } from '../core/retry.util';
import { outboxChannel } from './outbox-migration.util';
import { checkout, guardPool, quoteSchema, release, rollback } from './sql-runner.type';
import { RelayStoppedException } from './relay-stopped.exception';

export interface OutboxRelayOptions {
  pool: Pool;
  schema: string;
  publisher: EventPublisher;
  /** Rows claimed and published per round. Default 500. */
  batchSize?: number;
  /** Fallback polling when no notification arrives (or LISTEN is off). Default 1 000 ms. */
  pollIntervalMs?: number;
  /** LISTEN for the outbox's notifications (default true). */
  listen?: boolean;
  /** Longest wait between attempts while publishing fails. Default 5 000 ms. */
  maxBackoffMs?: number;
  logger?: MessagingLogger;
}

export interface RelayRound {
  /** Rows locked by this round. */
  claimed: number;
  /** Rows published and deleted. Smaller than claimed when another relay holds earlier rows of a key. */
  published: number;
}

/**
 * Moves outbox rows to the bus: claim the oldest rows (FOR UPDATE SKIP LOCKED, so several
 * relays share the work), publish them in one batch, delete them, commit. Killed anywhere
 * in between, the transaction rolls back and the rows are published again: at-least-once.
 *
 * Per-key order across concurrent relays (one per replica of a service): a round publishes
 * the rows of a key only when it holds every row of that key up to the last one it claimed;
 * otherwise it leaves that key to the relay holding the earlier rows and takes it up in a
 * later round. With many keys, concurrent relays mostly wait on each other: more relays
 * give failover, not throughput; one relay moves well over 10 000 rows/s.
 */
export class OutboxRelayService {
  private readonly claimSql: string;
  private readonly deleteSql: string;
  private readonly channel: string;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxBackoffMs: number;
  private readonly logger: MessagingLogger;
  private running = false;
  private stopper = new AbortController();
  private looping: Promise<void> | undefined;
  private listener: Listener | undefined;
  private wakers: Array<() => void> = [];
  /** A notification came while no round was waiting: rows may be there already. */
  private notified = false;

  constructor(private readonly options: OutboxRelayOptions) {
    const s = quoteSchema(options.schema);
    this.channel = outboxChannel(options.schema);
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 5_000;
    this.logger = options.logger ?? stderrLogger;
    guardPool(options.pool);
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new MessagingConfigException(`outbox relay: batchSize must be an integer ≥ 1, got ${this.batchSize}`);
    // Both CTEs are MATERIALIZED: the outbox is usually empty when analysed, and the planner
    // would otherwise inline clear_keys and re-run its per-key count for every claimed row.
    this.claimSql = `
      WITH claimed AS (
        SELECT position, topic, event_key, envelope, headers FROM ${s}.outbox
        ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED
      ), claimed_keys AS MATERIALIZED (
        SELECT topic, event_key, max(position) AS last, count(*) AS n FROM claimed GROUP BY topic, event_key
      ), clear_keys AS MATERIALIZED (
        SELECT k.topic, k.event_key FROM claimed_keys k
        WHERE (SELECT count(*) FROM ${s}.outbox e WHERE e.topic = k.topic AND e.event_key = k.event_key AND e.position <= k.last) = k.n
      )
      SELECT c.position::text AS position, c.topic, c.event_key, c.envelope::text AS envelope, c.headers::text AS headers,
             k.topic IS NOT NULL AS clear
      FROM claimed c LEFT JOIN clear_keys k USING (topic, event_key)
      ORDER BY c.position`;
    this.deleteSql = `DELETE FROM ${s}.outbox WHERE position = ANY($1::bigint[])`;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.stopper = new AbortController();
    if (this.options.listen !== false) await this.listen();
    this.looping = this.loop();
  }

  /**
   * Stops after the round in progress. A publish still waiting then (an in-process group that
   * has not handled the records, a broker that does not answer) is abandoned: its round rolls
   * back and its rows are relayed again at the next start, which consumers absorb.
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopper.abort();
    this.wake();
    await this.looping;
    this.looping = undefined;
    const listener = this.listener;
    this.listener = undefined;
    if (listener) {
      await listener.client.query(`UNLISTEN ${this.channel}`).catch(() => undefined);
      listener.release();
    }
  }

  /** One claim → publish → delete round. */
  async relayOnce(): Promise<RelayRound> {
    const client = await checkout(this.options.pool);
    let unusable: Error | undefined;
    try {
      // Losing this commit in a server crash only means relaying the rows again, which
      // consumers absorb; not waiting for the WAL flush takes it off every round's latency.
      await client.query('BEGIN; SET LOCAL synchronous_commit = off');
      const { rows } = await client.query<{ position: string; topic: string; event_key: string; envelope: string; headers: string; clear: boolean }>(this.claimSql, [this.batchSize]);
      const publishable = rows.filter((row) => row.clear);
      if (publishable.length > 0) {
        const records: OutgoingRecord[] = publishable.map((row) => ({ topic: row.topic, key: row.event_key, value: row.envelope, headers: JSON.parse(row.headers) as Record<string, string> }));
        await unlessStopped(this.options.publisher.publishRecords(records), this.stopper.signal);
        await client.query(this.deleteSql, [publishable.map((row) => row.position)]);
      }
      await client.query('COMMIT');
      return { claimed: rows.length, published: publishable.length };
    } catch (error) {
      unusable = await rollback(client);
      throw error;
    } finally {
      release(client, unusable);
    }
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const round = await this.relayOnce();
        failures = 0;
        if (round.published === 0 && round.claimed > 0) await sleep(20, this.stopper.signal);
        else if (round.claimed === 0) await this.waitForRows();
      } catch (error) {
        if (error instanceof RelayStoppedException) break;
        failures += 1;
        this.logger.warn('outbox relay round failed; rows stay queued', { schema: this.options.schema, failures, error: errorMessage(error) });
        await sleep(backoffDelay(failures, 100, this.maxBackoffMs), this.stopper.signal);
      }
    }
  }

  private waitForRows(): Promise<void> {
    if (!this.running || this.notified) {
      this.notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollIntervalMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakers.push(done);
    });
  }

  private wake(): void {
    if (this.wakers.length === 0) this.notified = true;
    for (const waker of this.wakers.splice(0)) waker();
  }

  private async listen(): Promise<void> {
    const stopper = this.stopper;
    let client: PoolClient;
    try {
      client = await this.options.pool.connect();
    } catch (error) {
      this.cannotListen(error);
      return;
    }
    const onNotification = () => this.wake();
    const onError = (error: Error) => {
      release(error);
      if (this.listener?.client !== client) return;
      // The pool drops a broken connection; polling carries on while we listen again.
      this.listener = undefined;
      this.logger.warn('outbox relay lost its LISTEN connection', { schema: this.options.schema, error: errorMessage(error) });
      this.listenAgainLater();
    };
    let released = false;
    // Once back in the pool the connection is the pool's: its later loss is reported to the
    // pool's own 'error' listener, and releasing it a second time would throw from pg's socket
    // handler, i.e. crash the process.
    const release = (error?: Error) => {
      if (released) return;
      released = true;
      client.off('notification', onNotification);
      client.off('error', onError);
      client.release(error);
    };
    client.on('notification', onNotification);
    client.on('error', onError);
    try {
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      release(error instanceof Error ? error : new Error(String(error)));
      this.cannotListen(error);
      return;
    }
    // Stopped (and perhaps started again, with a listener of its own) while this one was set up.
    if (stopper.signal.aborted) release();
    else this.listener = { client, release };
  }

  private cannotListen(error: unknown): void {
    this.logger.warn('outbox relay cannot LISTEN; polling only', { schema: this.options.schema, error: errorMessage(error) });
    this.listenAgainLater();
  }

  private listenAgainLater(): void {
    const stopper = this.stopper;
    void sleep(this.pollIntervalMs, stopper.signal).then(() => (!stopper.signal.aborted && this.listener === undefined ? this.listen() : undefined));
  }
}

/** The connection a relay LISTENs on, with the one way to give it back to the pool. */
interface Listener {
  readonly client: PoolClient;
  release(error?: Error): void;
}

/** `work`, or a RelayStoppedException as soon as `signal` aborts (`work` is then left to settle alone). */
function unlessStopped<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  // Whatever the abandoned work ends with, nobody awaits it any more.
  work.catch(() => undefined);
  if (signal.aborted) return Promise.reject(new RelayStoppedException());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new RelayStoppedException());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
