import { readdirSync, readFileSync } from 'node:fs';

/** Nearest-rank percentile of the values (sorted in place). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  values.sort((a, b) => a - b);
  return values[Math.min(values.length - 1, Math.max(0, Math.ceil((p / 100) * values.length) - 1))];
}

export function figure(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function statFields(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name, which may hold spaces: [0] is field 3 of proc(5).
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

const TICKS_PER_SECOND = 100;

/**
 * CPU seconds used by a PostgreSQL server: the postmaster, its live children, and (through
 * the postmaster's cutime/cstime) the children that have exited. Undefined where unreadable.
 */
export function serverCpuSeconds(postmasterPid: number): number | undefined {
  const own = statFields(postmasterPid);
  if (own === undefined) return undefined;
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields !== undefined && Number(fields[1]) === postmasterPid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS_PER_SECOND;
}

/** The postmaster of the server a backend belongs to. */
export function parentOf(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields === undefined ? undefined : Number(fields[1]);
}

/** CPU used over a stretch of wall time, by this process and by the database server. */
export class CpuWindow {
  private readonly startedAt = process.hrtime.bigint();
  private readonly own = process.cpuUsage();
  private readonly serverBefore: number | undefined;

  constructor(private readonly server: (() => number | undefined) | undefined) {
    this.serverBefore = server?.();
  }

  /** Shares of one core over the window: this process, and the server (undefined if not measured). */
  end(): { wallSeconds: number; ownCores: number; serverCores: number | undefined } {
    const wallSeconds = Number(process.hrtime.bigint() - this.startedAt) / 1e9;
    const own = process.cpuUsage(this.own);
    const after = this.server?.();
    return {
      wallSeconds,
      ownCores: (own.user + own.system) / 1e6 / wallSeconds,
      serverCores: this.serverBefore === undefined || after === undefined ? undefined : (after - this.serverBefore) / wallSeconds,
    };
  }
}
