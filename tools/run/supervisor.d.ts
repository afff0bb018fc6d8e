// Types for supervisor.js (plain CommonJS, so `npm run dev:distributed` needs no compile step).
import type { ChildProcess } from 'node:child_process';

export interface SupervisedProcess {
  name: string;
  command: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** Resolves once the process serves; rejects when it cannot (e.g. it exited). */
  ready?: (child: ChildProcess) => Promise<void>;
}

export interface SupervisorOptions {
  log?: (line: string) => void;
  output?: (line: string) => void;
  /** First restart delay; each quick exit in a row doubles it. Default 1 000 ms. */
  initialDelayMs?: number;
  /** Bound of the restart delay. Default 30 000 ms. */
  maxDelayMs?: number;
  /** A run at least this long resets the delay to initialDelayMs. Default 60 000 ms. */
  healthyAfterMs?: number;
  /** SIGTERM, then SIGKILL after this long. Default 20 000 ms. */
  stopTimeoutMs?: number;
}

export declare class Supervisor {
  constructor(options?: SupervisorOptions);
  start(spec: SupervisedProcess): Promise<void>;
  pid(name: string): number | undefined;
  stop(): Promise<void>;
  killAll(): void;
}

export declare class SupervisorStoppedException extends Error {}

export declare function stopOnSignals(stop: () => Promise<void>, options?: { kill?: () => void; log?: (line: string) => void }): void;
