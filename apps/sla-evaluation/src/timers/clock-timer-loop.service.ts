import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EpochMs } from '@underpin/domain';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@underpin/platform';
import { IncidentStreamWatchService } from './incident-stream-watch.service';
import { TimerFiringService } from './timer-firing.service';
import { Waker } from './waker.util';

/** Longest sleep: bounds how late a timer scheduled by another replica can be noticed. */
export const MAX_TIMER_SLEEP_MS = 1_000;
/** Due timers claimed per transaction. */
export const TIMER_BATCH = 200;
/** Transactions claiming at once while a backlog drains (SKIP LOCKED keeps them apart). */
const BACKLOG_CLAIMS = 2;
/** Pause when due timers are all held by someone else (another replica, an event batch). */
const HELD_BACKOFF_MS = 10;
const FAILURE_BACKOFF_MS = 1_000;
/** How often to look again while incident events wait to be handled. */
const CATCH_UP_POLL_MS = 100;

/**
 * Fires timers at their instant without polling hard: it sleeps until the earliest timer
 * (at most MAX_TIMER_SLEEP_MS) and is woken early when a commit schedules an earlier one.
 * Time is the runtime's, so a test clock drives it; a test advances its clock and calls
 * `wake()`. At start-up the first pass fires whatever came due while the service was down,
 * once the incident events written before it started are handled: a timer is judged against
 * the present, and an event still waiting may have stopped its clock (IncidentStreamWatchService).
 */
@Injectable()
export class ClockTimerLoopService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ClockTimerLoopService.name);
  private readonly waker = new Waker();
  private running: Promise<void> | undefined;
  private stopping = false;
  private passesStarted = 0;
  private passesDone = 0;
  private waiters: Array<{ pass: number; resolve: () => void }> = [];
  /** Runtime instant the sleeping loop will look again; +∞ while a pass runs (any schedule wakes it). */
  private sleepingUntil = Number.POSITIVE_INFINITY;
  /** The last pass found more due than one claim takes (an outage's deadlines, a restart). */
  private backlog = false;

  constructor(
    private readonly firing: TimerFiringService,
    private readonly watch: IncidentStreamWatchService,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.waker.wake();
    await this.running;
    await this.firing.release();
  }

  /** Told after a commit that scheduled timers: wakes the loop if it sleeps past the earliest. */
  scheduled(earliest: EpochMs | undefined): void {
    if (earliest !== undefined && earliest < this.sleepingUntil) this.waker.wake();
  }

  /** Wakes the loop; resolves once a pass that began after this call has finished. */
  wake(): Promise<void> {
    if (this.stopping || this.running === undefined) return Promise.resolve();
    const pass = this.passesStarted + 1;
    const done = new Promise<void>((resolve) => this.waiters.push({ pass, resolve }));
    this.waker.wake();
    return done;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const pass = ++this.passesStarted;
      this.sleepingUntil = Number.POSITIVE_INFINITY;
      let delay: number;
      try {
        delay = await this.pass();
      } catch (error) {
        this.logger.error(`timer pass failed: ${error instanceof Error ? error.message : String(error)}`);
        delay = FAILURE_BACKOFF_MS;
      }
      this.settle(pass);
      if (this.stopping || delay <= 0) continue;
      this.sleepingUntil = this.runtime.now() + delay;
      await this.waker.sleep(delay);
    }
    this.settle(Number.POSITIVE_INFINITY);
  }

  /** Fires what is due; returns how long to sleep before the next pass. */
  private async pass(): Promise<number> {
    if (!(await this.watch.mayFire())) return CATCH_UP_POLL_MS;
    const now = this.runtime.now();
    const claims = await Promise.all(Array.from({ length: this.backlog ? BACKLOG_CLAIMS : 1 }, () => this.firing.fireDue(now, TIMER_BATCH)));
    const outcome = { claimed: claims.reduce((sum, claim) => sum + claim.claimed, 0) };
    this.backlog = claims.some((claim) => claim.claimed >= TIMER_BATCH);
    if (this.backlog) return 0;
    const earliest = await this.firing.earliestTimer();
    if (earliest === undefined) return MAX_TIMER_SLEEP_MS;
    const wait = earliest - this.runtime.now();
    if (wait > 0) return Math.min(wait, MAX_TIMER_SLEEP_MS);
    // Due already: more came due during the pass, or the rest is held by another replica or
    // an event batch that will reschedule it.
    return outcome.claimed > 0 ? 0 : HELD_BACKOFF_MS;
  }

  private settle(pass: number): void {
    this.passesDone = Math.max(this.passesDone, pass);
    const ready = this.waiters.filter((waiter) => waiter.pass <= this.passesDone);
    this.waiters = this.waiters.filter((waiter) => waiter.pass > this.passesDone);
    for (const waiter of ready) waiter.resolve();
  }
}
