'use strict';
// Keeps a set of processes running for `npm run dev:distributed`: one that exits is started
// again after a delay that doubles with each quick exit (bounded, and back to the shortest
// after a run that lasted), while the others carry on; stop() ends them one by one, the last
// started first. Each child leads a process group of its own, so a terminal's Ctrl-C reaches
// the supervisor alone and the order of the stop is the supervisor's.

const { spawn } = require('node:child_process');

const DEFAULTS = {
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  // A run at least this long was a healthy one: the next exit starts the delays afresh.
  healthyAfterMs: 60_000,
  // How long a child may take to stop on SIGTERM before it is SIGKILLed.
  stopTimeoutMs: 20_000,
};

class Supervisor {
  /**
   * @param {object} [options]
   * @param {(line: string) => void} [options.log] supervisor's own lines
   * @param {(line: string) => void} [options.output] the children's lines, prefixed with their name
   */
  constructor(options = {}) {
    this.settings = { ...DEFAULTS, ...pick(options, Object.keys(DEFAULTS)) };
    if (!(this.settings.initialDelayMs > 0) || !(this.settings.maxDelayMs >= this.settings.initialDelayMs)) {
      throw new Error(`supervisor: need 0 < initialDelayMs <= maxDelayMs, got ${this.settings.initialDelayMs} and ${this.settings.maxDelayMs}`);
    }
    this.log = options.log ?? ((line) => process.stdout.write(`[dev] ${line}\n`));
    this.output = options.output ?? ((line) => process.stdout.write(`${line}\n`));
    /** @type {Map<string, Entry>} in start order */
    this.entries = new Map();
    this.stopping = false;
    this.killOnExit = () => this.killAll();
  }

  /**
   * Starts `spec` and resolves once `spec.ready` does (or at once without one); rejects when
   * the process exits first. From then on an exit means a restart.
   */
  async start(spec) {
    if (this.stopping) throw new SupervisorStoppedException();
    if (this.entries.has(spec.name)) throw new Error(`supervisor: ${spec.name} is already supervised`);
    if (this.entries.size === 0) process.on('exit', this.killOnExit);
    const entry = { spec, child: undefined, exited: Promise.resolve(), spawnedAt: 0, quickExits: 0, restartTimer: undefined, supervised: false };
    this.entries.set(spec.name, entry);
    const ended = this.spawn(entry);
    const outcome = await Promise.race([ready(spec, entry.child).then(() => 'ready'), ended.then(() => 'exited')]);
    if (this.stopping) throw new SupervisorStoppedException();
    if (outcome === 'exited') {
      this.entries.delete(spec.name);
      throw new Error(`${spec.name} ${describeExit(entry.exit)} before it was ready`);
    }
    entry.supervised = true;
  }

  /** The pid of `name`'s current process (undefined while it waits for a restart). */
  pid(name) {
    const child = this.entries.get(name)?.child;
    return child && isRunning(child) ? child.pid : undefined;
  }

  /** Stops every process, the last started first, each before the next. */
  async stop() {
    if (this.stopping) return this.stopped;
    this.stopping = true;
    this.stopped = (async () => {
      for (const entry of [...this.entries.values()].reverse()) {
        clearTimeout(entry.restartTimer);
        await this.end(entry);
      }
      process.removeListener('exit', this.killOnExit);
    })();
    return this.stopped;
  }

  /** SIGKILLs every process at once: for a second Ctrl-C, or this process exiting regardless. */
  killAll() {
    for (const entry of this.entries.values()) {
      clearTimeout(entry.restartTimer);
      if (entry.child && isRunning(entry.child)) entry.child.kill('SIGKILL');
    }
  }

  spawn(entry) {
    const { name, command, args = [], env } = entry.spec;
    const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    entry.child = child;
    entry.spawnedAt = Date.now();
    for (const stream of [child.stdout, child.stderr]) forwardLines(stream, (line) => this.output(`[${name}] ${line}`));
    entry.exited = new Promise((resolve) => {
      let done = false;
      const ended = (exit) => {
        if (done) return;
        done = true;
        entry.exit = exit;
        resolve();
        if (entry.supervised && !this.stopping) this.scheduleRestart(entry);
      };
      child.once('exit', (code, signal) => ended({ code, signal }));
      // A process that could not be spawned at all emits 'error' and no 'exit'.
      child.once('error', (error) => ended({ error }));
    });
    return entry.exited;
  }

  scheduleRestart(entry) {
    const ranMs = Date.now() - entry.spawnedAt;
    entry.quickExits = ranMs >= this.settings.healthyAfterMs ? 1 : entry.quickExits + 1;
    const delayMs = Math.min(this.settings.maxDelayMs, this.settings.initialDelayMs * 2 ** (entry.quickExits - 1));
    const name = entry.spec.name;
    this.log(`${name} ${describeExit(entry.exit)} after ${seconds(ranMs)}; restarting it in ${seconds(delayMs)} (restart ${entry.quickExits} in a row)`);
    entry.restartTimer = setTimeout(() => {
      if (this.stopping) return;
      this.spawn(entry);
      const child = entry.child;
      ready(entry.spec, child).then(
        () => isRunning(child) && !this.stopping && this.log(`${name} is back (pid ${child.pid})`),
        // Exited before it was ready, its exit schedules the next attempt; still running, it is
        // left to run (and to be restarted should it exit), but said to be unwell.
        (error) => isRunning(child) && !this.stopping && this.log(`${name} was restarted but is not ready: ${error.message}`),
      );
    }, delayMs);
  }

  async end(entry) {
    const child = entry.child;
    if (!child || !isRunning(child)) return;
    const deadline = setTimeout(() => {
      this.log(`${entry.spec.name} did not stop within ${seconds(this.settings.stopTimeoutMs)}; killing it`);
      child.kill('SIGKILL');
    }, this.settings.stopTimeoutMs);
    child.kill('SIGTERM');
    await entry.exited;
    clearTimeout(deadline);
  }
}

class SupervisorStoppedException extends Error {
  constructor() {
    super('the supervisor is stopping');
    this.name = 'SupervisorStoppedException';
  }
}

/**
 * SIGINT, SIGTERM or SIGHUP run `stop` once, then exit 0 (1 if it failed); a second signal
 * while it runs kills what is left and exits 130.
 */
function stopOnSignals(stop, { kill, log = () => undefined } = {}) {
  let stopping = false;
  const onSignal = (signal) => {
    if (stopping) {
      log(`${signal} again: killing what is left`);
      kill?.();
      process.exit(130);
    }
    stopping = true;
    log(`${signal}: stopping (again to kill at once) …`);
    stop().then(
      () => process.exit(0),
      (error) => {
        log(`stop failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, onSignal);
}

async function ready(spec, child) {
  // Without a pid it was never started: its 'error' (as an exit) decides, not readiness.
  if (child.pid === undefined) return new Promise(() => undefined);
  if (spec.ready) await spec.ready(child);
}

function isRunning(child) {
  return child.exitCode === null && child.signalCode === null && child.pid !== undefined;
}

function describeExit(exit) {
  if (!exit) return 'exited';
  if (exit.error) return `could not be started (${exit.error.message})`;
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

function seconds(ms) {
  if (ms < 1_000) return `${ms} ms`;
  return `${ms < 10_000 ? Math.round(ms / 100) / 10 : Math.round(ms / 1000)} s`;
}

function forwardLines(stream, write) {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop();
    for (const line of lines) write(line);
  });
  stream.on('end', () => rest && write(rest));
}

function pick(object, keys) {
  return Object.fromEntries(keys.filter((key) => object[key] !== undefined).map((key) => [key, object[key]]));
}

module.exports = { Supervisor, SupervisorStoppedException, stopOnSignals };
