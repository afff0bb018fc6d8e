import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { errorMessage, type MessagingLogger, type SqlRunner } from '@underpin/messaging';
import type { RetentionRule } from './retention-rule.type';

/** Rows per statement: small enough that no delete holds its locks for long. */
export const RETENTION_BATCH_SIZE = 5_000;

/** The first sweep waits this long after start, so it never competes with the boot itself. */
const FIRST_SWEEP_DELAY_MS = 30_000;

export interface RetentionSweepOptions {
  /** Time between the end of one sweep and the start of the next. */
  intervalMs: number;
  /** Delay of the first sweep after start. Default 30 s, or `intervalMs` when that is shorter. */
  firstDelayMs?: number;
  /** Most rows one statement deletes. Default RETENTION_BATCH_SIZE. */
  batchSize?: number;
  /**
   * Statements per rule in one sweep; what is left waits for the next sweep, so a huge
   * backlog drains steadily instead of keeping a connection busy for hours. Default 1 000.
   */
  maxBatchesPerRule?: number;
  /** The service's clock (`runtime.now`), read once per sweep. */
  now: () => number;
  logger: MessagingLogger;
}

export interface RetentionOutcome {
  rule: string;
  deleted: number;
  /** Statements run. */
  batches: number;
  /** Stopped at maxBatchesPerRule (or shutdown) with rows possibly left for the next sweep. */
  unfinished: boolean;
  /** Why the rule failed; the rows it left go at the next sweep. */
  error?: string;
}

/**
 * Deletes rows past their retention, periodically (shortly after start, then every
 * `intervalMs`), rule after rule, each in batches of at most `batchSize` rows per statement.
 * A failing rule is logged and tried again at the next sweep: retention is never a reason
 * for a service to stop. Shutdown clears the timer and waits for the statement in flight.
 */
export class RetentionSweepService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly batchSize: number;
  private readonly maxBatchesPerRule: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<RetentionOutcome[]> | undefined;
  private stopped = false;

  constructor(
    private readonly sql: SqlRunner,
    readonly rules: readonly RetentionRule[],
    private readonly options: RetentionSweepOptions,
  ) {
    this.batchSize = options.batchSize ?? RETENTION_BATCH_SIZE;
    this.maxBatchesPerRule = options.maxBatchesPerRule ?? 1_000;
    for (const [name, value] of [['batchSize', this.batchSize], ['maxBatchesPerRule', this.maxBatchesPerRule], ['intervalMs', options.intervalMs]] as const) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`retention sweep: ${name} must be an integer ≥ 1, got ${value}`);
    }
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.schedule(this.options.firstDelayMs ?? Math.min(FIRST_SWEEP_DELAY_MS, this.options.intervalMs));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One sweep over every rule; joins the sweep in progress if there is one. */
  sweepOnce(): Promise<RetentionOutcome[]> {
    this.running ??= this.sweep().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweep(): Promise<RetentionOutcome[]> {
    const startedAt = Date.now();
    // One cutoff for the whole sweep, however long its batches take.
    const now = new Date(this.options.now());
    const outcomes: RetentionOutcome[] = [];
    for (const rule of this.rules) {
      if (this.stopped) break;
      outcomes.push(await this.apply(rule, now));
    }
    const deleted = outcomes.filter((o) => o.deleted > 0);
    if (deleted.length > 0) {
      const parts = deleted.map((o) => `${o.deleted} ${o.rule}${o.unfinished ? ' (more left for the next sweep)' : ''}`);
      this.options.logger.info(`retention sweep deleted ${parts.join(', ')} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    }
    return outcomes;
  }

  private async apply(rule: RetentionRule, now: Date): Promise<RetentionOutcome> {
    const outcome: RetentionOutcome = { rule: rule.name, deleted: 0, batches: 0, unfinished: false };
    try {
      for (;;) {
        const n = await rule.deleteBatch(this.sql, now, this.batchSize);
        outcome.batches += 1;
        outcome.deleted += n;
        if (!(n >= this.batchSize)) break;
        if (this.stopped || outcome.batches >= this.maxBatchesPerRule) {
          outcome.unfinished = true;
          break;
        }
      }
    } catch (error) {
      outcome.error = errorMessage(error);
      this.options.logger.warn(`retention rule ${rule.name} failed; retrying at the next sweep`, { deleted: outcome.deleted, error: outcome.error });
    }
    return outcome;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // sweep() settles every rule's failure itself; this catch only guards the timer chain.
      void this.sweepOnce()
        .catch((error: unknown) => this.options.logger.warn('retention sweep failed; retrying at the next sweep', { error: errorMessage(error) }))
        .finally(() => this.schedule(this.options.intervalMs));
    }, delayMs);
    this.timer.unref();
  }
}
