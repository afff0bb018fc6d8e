import { formatProblems, type Problem } from '@underpin/contracts';
import type { CliIo } from './cli-io.type';
import type { CliCommand } from './command.type';
import { backtestCommand } from './commands/backtest.command';
import { deadLettersCommand } from './commands/dead-letters.command';
import { feasibilityCommand } from './commands/feasibility.command';
import { keysCommand } from './commands/keys.command';
import { validateCommand } from './commands/validate.command';
import { UsageException } from './usage.exception';

const COMMANDS: readonly CliCommand[] = [validateCommand, feasibilityCommand, backtestCommand, deadLettersCommand, keysCommand];

function overview(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  const lines = COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `Usage: underpin <command> [options]

Agreements as code for SLA, OLA and UC governance.

Commands:
${lines.join('\n')}

Run "underpin <command> --help" for a command's options.
`;
}

function problemsOf(error: unknown): Problem[] | undefined {
  const candidate = error as { name?: unknown; problems?: unknown } | null;
  return candidate && candidate.name === 'ProblemsError' && Array.isArray(candidate.problems)
    ? (candidate.problems as Problem[])
    : undefined;
}

/** The first line of whatever was thrown: users get a sentence, never a stack trace. */
export function oneLineMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].trim() || (error instanceof Error ? error.name : 'unknown error');
}

/**
 * Runs one command and resolves to the exit code: 0 success; 2 bad input, i.e. a usage error
 * or an invalid catalogue or event file (every problem on stderr); 1 anything else, such as
 * a broker that is away (one line on stderr).
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(overview());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr.write(`underpin: unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(', ')})\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(command.help);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    const problems = problemsOf(error);
    if (problems) {
      io.stderr.write(`${formatProblems(problems)}\n`);
      return 2;
    }
    if (error instanceof UsageException) {
      io.stderr.write(`underpin ${command.name}: ${error.message} (see "underpin ${command.name} --help")\n`);
      return 2;
    }
    io.stderr.write(`underpin ${command.name}: ${oneLineMessage(error)}\n`);
    return 1;
  }
}

/** Entry point of the installed binary. */
export function runFromProcess(): void {
  const fail = (error: unknown) => {
    process.stderr.write(`underpin: ${oneLineMessage(error)}\n`);
    process.exit(1);
  };
  // A closed pipe (`underpin backtest … | head`) is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? process.exit(0) : fail(error)));
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => {
    process.exitCode = code;
    // Exit once the output is flushed: a client library's leftovers (kafkajs still retrying a
    // broker that accepted the connection and never answered) must not hold a finished command.
    process.stdout.write('', () => process.exit(code));
  }, fail);
}

if (require.main === module) runFromProcess();
