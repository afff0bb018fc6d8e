import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { INCIDENT_EVENTS_TOPIC } from '@underpin/contracts';
import type { PartitionPosition } from '@underpin/messaging';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@underpin/platform';
import { SLA_EVALUATION_CONFIG, type SlaEvaluationConfig } from '../config/sla-evaluation.config';
import { INCIDENT_EVENTS_GROUP } from '../tracking/events/incident-events.constant';

/** How often the group's positions are read while nothing is awaited. */
const CHECK_MS = 1_000;
/** Events waiting in one partition that make a backlog rather than live traffic. */
const BACKLOG_EVENTS = 500;

export type WallClock = () => number;
/** Injection token of a wall clock other than Date.now (tests). */
export const WALL_CLOCK = Symbol('WALL_CLOCK');

/**
 * Tells the timer loop whether it may judge clocks against the present: not while events are
 * known to be waiting in the incident events topic, since one of them may stop a clock
 * before now. At start-up, and whenever the consumer group is seen stalled (waiting events
 * and no progress between two looks) or far behind, it notes the partitions' ends and waits
 * until the group has handled everything up to them, across all its members. The wait is
 * bounded: past TIMER_CATCH_UP_TIMEOUT timers fire anyway (a consumer stuck for good must
 * not hold every deadline), and the same stall is not waited for twice.
 *
 * Time here is the wall clock: waiting for a consumer is a matter of real seconds.
 */
@Injectable()
export class IncidentStreamWatchService {
  private readonly logger = new Logger(IncidentStreamWatchService.name);
  private awaited: Map<number, number> | undefined;
  private awaitingSince = 0;
  private started = false;
  private previous: PartitionPosition[] | undefined;
  private lastRead = Number.NEGATIVE_INFINITY;
  /** Positions at which a wait timed out: that stall is not waited for again. */
  private givenUpAt: string | undefined;
  private unreadable = false;
  private readonly wallClock: WallClock;

  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(SLA_EVALUATION_CONFIG) private readonly config: SlaEvaluationConfig,
    @Optional() @Inject(WALL_CLOCK) wallClock?: WallClock,
  ) {
    this.wallClock = wallClock ?? Date.now;
  }

  /** False while the consumer has events to catch up on; cheap to call on every timer pass. */
  caughtUp(): boolean {
    return this.started && this.awaited === undefined;
  }

  /** Looks at the group's positions when due and says whether timers may fire now. */
  async mayFire(): Promise<boolean> {
    const now = this.wallClock();
    if (this.started && this.awaited === undefined && now - this.lastRead < CHECK_MS) return true;
    let positions: PartitionPosition[];
    try {
      positions = await this.runtime.bus.groupPositions(INCIDENT_EVENTS_TOPIC, INCIDENT_EVENTS_GROUP);
      if (this.unreadable) this.logger.log('incident events positions readable again');
      this.unreadable = false;
    } catch (error) {
      if (!this.unreadable) this.logger.warn(`cannot read the incident events consumer's positions: ${error instanceof Error ? error.message : String(error)}`);
      this.unreadable = true;
      this.started = true;
      // Nothing can be known; a wait under way runs out as it would, otherwise timers go on.
      return this.awaited === undefined || this.timedOut(now, undefined);
    }
    this.lastRead = now;
    const previous = this.previous;
    this.previous = positions;
    if (!this.started) {
      this.started = true;
      this.await(positions, now, 'at start-up');
    } else if (this.awaited === undefined) {
      const why = stallOf(positions, previous);
      if (why && signature(positions) !== this.givenUpAt) this.await(positions, now, why);
    }
    if (this.awaited === undefined) return true;
    if (positions.every((p) => p.position >= (this.awaited!.get(p.partition) ?? 0))) {
      const seconds = (now - this.awaitingSince) / 1000;
      if (seconds >= 1) this.logger.log(`incident events caught up after ${seconds.toFixed(1)} s; timers fire again`);
      this.awaited = undefined;
      this.givenUpAt = undefined;
      return true;
    }
    return this.timedOut(now, positions);
  }

  private await(positions: PartitionPosition[], now: number, why: string): void {
    const behind = positions.reduce((sum, p) => sum + Math.max(0, p.end - p.position), 0);
    if (behind === 0) return;
    this.awaited = new Map(positions.map((p) => [p.partition, p.end]));
    this.awaitingSince = now;
    this.logger.log(`timers wait for the incident events consumer (${why}): ${behind} events to handle first`);
  }

  private timedOut(now: number, positions: PartitionPosition[] | undefined): boolean {
    if (now - this.awaitingSince < this.config.catchUpTimeoutMs) return false;
    const behind = positions ? positions.reduce((sum, p) => sum + Math.max(0, (this.awaited!.get(p.partition) ?? 0) - p.position), 0) : undefined;
    this.logger.warn(
      `timers fire although the incident events consumer is still ${behind ?? 'an unknown number of'} events short after ${Math.round((now - this.awaitingSince) / 1000)} s (TIMER_CATCH_UP_TIMEOUT)`,
    );
    this.givenUpAt = positions ? signature(positions) : undefined;
    this.awaited = undefined;
    return true;
  }
}

/** Why the group counts as behind: a partition far behind, or one with waiting events that did not move. */
function stallOf(positions: PartitionPosition[], previous: PartitionPosition[] | undefined): string | undefined {
  for (const p of positions) {
    if (p.end - p.position >= BACKLOG_EVENTS) return `partition ${p.partition} is ${p.end - p.position} events behind`;
    const before = previous?.find((q) => q.partition === p.partition);
    if (before && p.position < p.end && p.position === before.position && before.position < before.end) return `partition ${p.partition} made no progress`;
  }
  return undefined;
}

function signature(positions: PartitionPosition[]): string {
  return positions.map((p) => `${p.partition}:${p.position}`).join(',');
}
