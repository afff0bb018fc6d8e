import type { CliIo } from './cli-io.type';

export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The full `--help` text. */
  help: string;
  /**
   * Exit code of a usage error (bad flag, unknown name). 1 unless the command documents 2,
   * as the operator commands do: they keep 1 for a broker or database that is away.
   */
  usageExitCode?: 1 | 2;
  /** Resolves to the process exit code. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}
