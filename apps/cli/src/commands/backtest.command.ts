import { ProblemsError } from '@underpin/contracts';
import { BacktestInputException, runBacktest, type EpochMs } from '@underpin/domain';
import { noPositionals, optionalString, parseCommandArgs, parseInstantOption, requireString } from '../cli-args.util';
import { loadCatalogOrThrow } from '../catalog-input.util';
import type { CliIo } from '../cli-io.type';
import type { CliCommand } from '../command.type';
import { EventsFile } from '../events-file.util';
import { ProgressBar } from '../progress-bar.util';
import { UsageException } from '../usage.exception';

const HELP = `Usage: underpin backtest --catalog <file|dir> --events <file.jsonl> [--from <date>] [--to <date>]

Runs the catalogue's agreements over historical events (JSON Lines: incident timelines,
probes, call-quality samples) and prints one JSON document on stdout:
  incidents[]     each incident against each SLA time objective that applies, with the
                  segments of the OLA/UC parties that held it
  periods[]       each period objective per region and month or quarter
  credits[]       what each invoice carries, after the cap
  exitTriggers[]  exit triggers that fired, with when
  feasibility[]   what the underpinning OLAs and UCs cannot deliver, found statically

Options:
  --catalog <file|dir>  the catalogue (one YAML file or a folder of them)
  --events <file>       the events, one JSON object a line
  --from <date>         only incidents opened and samples taken from then on: a date
                        (2026-01-01, midnight UTC) or an instant with its offset
  --to <date>           ... and before then (exclusive)

A progress bar is drawn on stderr when stderr is a terminal.
Exit codes: 0 done; 2 bad input (usage, or invalid catalogue or events, with every problem
on stderr as "file:line:col path: message"); 1 for any other error.
`;

function instantOption(parsed: Parameters<typeof optionalString>[0], name: string): EpochMs | undefined {
  const text = optionalString(parsed, name);
  return text === undefined ? undefined : parseInstantOption('backtest', name, text);
}

export const backtestCommand: CliCommand = {
  name: 'backtest',
  summary: 'run the agreements over historical events and report clocks, periods, credits',
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseCommandArgs('backtest', args, {
      catalog: { type: 'string' },
      events: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    });
    noPositionals('backtest', parsed);
    const catalogPath = requireString('backtest', parsed, 'catalog');
    const eventsPath = requireString('backtest', parsed, 'events');
    const from = instantOption(parsed, 'from');
    const to = instantOption(parsed, 'to');
    if (from !== undefined && to !== undefined && to <= from) {
      throw new UsageException('--to must be later than --from', 'backtest');
    }

    const catalog = await loadCatalogOrThrow(catalogPath);
    const file = await EventsFile.open(eventsPath);
    const progress = ProgressBar.forTerminal(io.stderr, 'backtest', file.totalBytes);
    try {
      const result = await runBacktest({
        catalog,
        events: file.events(),
        from,
        to,
        onProgress: progress ? () => progress.update(file.bytesRead) : undefined,
      });
      progress?.finish();
      io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    } catch (error) {
      progress?.finish();
      if (error instanceof BacktestInputException) {
        throw new ProblemsError(
          error.problems.map((problem) => ({
            file: eventsPath,
            line: file.lineOf(problem.index),
            path: problem.path,
            message: problem.message,
          })),
        );
      }
      throw error;
    }
  },
};
