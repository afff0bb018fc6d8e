import type { Catalog } from '@underpin/domain';
import { noPositionals, parseCommandArgs } from '../cli-args.util';
import { loadCatalogOrThrow } from '../catalog-input.util';
import type { CliIo } from '../cli-io.type';
import type { CliCommand } from '../command.type';
import { UsageException } from '../usage.exception';

const HELP = `Usage: underpin validate <file|dir>

Checks an agreements-as-code catalogue: one YAML file, or every .yaml/.yml file directly
in a folder, merged. Prints a one-line summary when it is valid.

Exit codes: 0 valid; 2 bad input (usage, or an invalid catalogue, with every problem on
stderr as "file:line:col path: message"); 1 for any other error.
`;

function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

export function summarizeCatalog(catalog: Catalog): string {
  const kinds = ['SLA', 'OLA', 'UC']
    .map((kind) => [kind, catalog.agreements.filter((agreement) => agreement.kind === kind).length] as const)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${kind}`);
  const objectives = catalog.agreements.reduce((sum, agreement) => sum + agreement.objectives.length, 0);
  return [
    plural(catalog.parties.length, 'party', 'parties'),
    plural(catalog.calendars.length, 'calendar'),
    plural(catalog.maintenance.length, 'maintenance window'),
    plural(catalog.services.length, 'service'),
    `${plural(catalog.agreements.length, 'agreement')}${kinds.length ? ` (${kinds.join(', ')})` : ''}`,
    plural(objectives, 'objective'),
  ].join(', ');
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check a catalogue (file or folder) and list every problem',
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseCommandArgs('validate', args, {});
    const [path, ...extra] = parsed.positionals;
    if (!path) throw new UsageException('a catalogue file or folder is required', 'validate');
    noPositionals('validate', { ...parsed, positionals: extra });
    const catalog = await loadCatalogOrThrow(path);
    io.stdout.write(`${path}: valid: ${summarizeCatalog(catalog)}\n`);
    return 0;
  },
};
