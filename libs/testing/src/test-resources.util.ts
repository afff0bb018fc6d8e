// What the integration global setup started, kept for the matching global teardown. Jest runs
// both hooks in its main process, so a process-wide slot carries the handles between them.
import type { BrokerHandle } from '../../../tools/kafka/broker';
import type { PostgresServer } from './postgres-server.util';

export interface TestResources {
  kafka?: BrokerHandle;
  postgres?: PostgresServer;
  /** Environment variables the setup set, removed again by the teardown. */
  setEnv: string[];
}

const SLOT = Symbol.for('underpin.testing.resources');

type Slot = { [SLOT]?: TestResources };

export function currentTestResources(): TestResources | undefined {
  return (globalThis as Slot)[SLOT];
}

export function rememberTestResources(resources: TestResources): void {
  (globalThis as Slot)[SLOT] = resources;
}

export function forgetTestResources(): void {
  delete (globalThis as Slot)[SLOT];
}

/** One `[test] …` progress line on stderr, where Jest leaves hook output alone. */
export function progress(line: string): void {
  process.stderr.write(`[test] ${line}\n`);
}
