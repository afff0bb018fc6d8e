// Types for broker.js (plain CommonJS, so tools run with bare `node` and tests import it from TS).

export declare const DEFAULT_KAFKA_VERSION: string;
export declare const MIN_JAVA_MAJOR: number;
/** The repository root, derived from this file's location. */
export declare const REPO_ROOT: string;

/** A setup problem with a one-line message telling the user what to do. */
export declare class KafkaSetupException extends Error {}

/** Thrown by startBroker when a broker already answers on the requested port. */
export declare class BrokerAlreadyRunningException extends KafkaSetupException {
  readonly brokers: string[];
}

export interface EnvOptions {
  /** Environment used to find `java` and `mvn` (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
}

/** Returns the `java` to run; throws a one-line KafkaSetupException when Java 17+ is missing. */
export declare function ensureJava(options?: EnvOptions): string;

export declare function parseJavaMajor(versionOutput: string): number | undefined;

export interface JarOptions extends EnvOptions {
  version?: string;
  /** Defaults to <repo>/.cache/kafka. */
  cacheRoot?: string;
  log?: (line: string) => void;
}

/** Returns the folder of cached broker jars, downloading them with Maven on first use. */
export declare function ensureKafkaJars(options?: JarOptions): string;

export declare function kafkaCacheRoot(cacheRoot?: string): string;
export declare function kafkaLibsDir(version?: string, cacheRoot?: string): string;

export interface StartBrokerOptions {
  version?: string;
  host?: string;
  /** Client (PLAINTEXT) port, default 9092. */
  port?: number;
  /** KRaft controller port, default 9093. */
  controllerPort?: number;
  /** Kept across restarts; when omitted a temporary folder is used and removed by stop(). */
  dataDir?: string;
  /** Defaults to <dataDir>/broker.log. */
  logFile?: string;
  heapMb?: number;
  readyTimeoutMs?: number;
  /** How long stop() waits after SIGTERM before SIGKILL. */
  stopTimeoutMs?: number;
  /** Let the broker outlive this Node process (the CLI's `start`). */
  detached?: boolean;
  cacheRoot?: string;
  log?: (line: string) => void;
}

export interface BrokerHandle {
  readonly brokers: string[];
  readonly host: string;
  readonly port: number;
  readonly controllerPort: number;
  readonly version: string;
  /** The KRaft cluster id in the data dir; readiness checks that the answering broker has it. */
  readonly clusterId: string;
  readonly dataDir: string;
  readonly logFile: string;
  /** Milliseconds from spawning the JVM to the first successful listTopics. */
  readonly readyMs: number;
  /** Pid of the current JVM (changes after restart()). */
  readonly pid: number;
  /** SIGTERM, wait for exit (SIGKILL after stopTimeoutMs); removes a temporary data dir. */
  stop(): Promise<void>;
  /** Stops the JVM and starts it again on the same ports and data dir; resolves when ready. */
  restart(): Promise<void>;
  /** SIGKILLs the JVM, as a crash would; restart() brings it back. */
  kill(): Promise<void>;
}

export declare function startBroker(options?: StartBrokerOptions): Promise<BrokerHandle>;

/**
 * A fresh broker (temporary data dir) on 9092/9093 when free, else on free ports; retries on
 * free ports if another process takes 9092 between the check and the bind.
 */
export declare function startTestBroker(options?: Omit<StartBrokerOptions, 'port' | 'controllerPort'>): Promise<BrokerHandle>;

/** SIGTERM a process by pid and wait for it to exit, SIGKILL after the timeout. */
export declare function stopPid(pid: number, options?: { timeoutMs?: number }): Promise<void>;
export declare function processAlive(pid: number): boolean;

export declare function findFreePort(host?: string): Promise<number>;
export declare function isListening(port: number, host?: string, timeoutMs?: number): Promise<boolean>;
/** 9092/9093 when both are free (`preferred: true`), else two free ports. */
export declare function pickBrokerPorts(options?: {
  host?: string;
  port?: number;
  controllerPort?: number;
}): Promise<{ port: number; controllerPort: number; preferred: boolean }>;
/** True when an admin client can list topics on `brokers` within the time limit. */
export declare function kafkaAnswers(brokers: string[], options?: { timeoutMs?: number }): Promise<boolean>;

export declare function renderServerProperties(options: {
  host: string;
  port: number;
  controllerPort: number;
  logDirs: string;
}): string;

export declare function tailOfFile(file: string, lines?: number): string;
