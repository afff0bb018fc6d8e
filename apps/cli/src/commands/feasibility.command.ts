import { analyzeFeasibility, catalogCalendars } from '@underpin/domain';
import { noPositionals, optionalString, parseCommandArgs, requireString } from '../cli-args.util';
import { loadCatalogOrThrow } from '../catalog-input.util';
import type { CliIo } from '../cli-io.type';
import type { CliCommand } from '../command.type';
import { UsageException } from '../usage.exception';

const HELP = `Usage: underpin feasibility --catalog <file|dir> [--format json|text]

Checks, before any incident, whether each objective can be delivered by the OLA and UC
objectives underpinning it:
  time-budget               the targets along a handover path add up to more than the
                            objective's target, in sum or in the worst case on their calendars
  calendar-gap              an underpinning objective's calendar covers less time
  availability-composition  the serial availability targets multiply to less than the target
  missing-underpinning      a component the service depends on has no OLA or UC

Options:
  --catalog <file|dir>  the catalogue (one YAML file or a folder of them)
  --format json|text    json (default): {"feasibility": [...]}; text: one finding a line

Exit codes: 0 analysed (findings are not errors); 2 bad input (usage, invalid catalogue);
1 other errors.
`;

export const feasibilityCommand: CliCommand = {
  name: 'feasibility',
  summary: 'find objectives their underpinning OLAs and UCs cannot deliver',
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseCommandArgs('feasibility', args, { catalog: { type: 'string' }, format: { type: 'string' } });
    noPositionals('feasibility', parsed);
    const catalogPath = requireString('feasibility', parsed, 'catalog');
    const format = optionalString(parsed, 'format') ?? 'json';
    if (format !== 'json' && format !== 'text') {
      throw new UsageException(`--format must be json or text, not "${format}"`, 'feasibility');
    }
    const catalog = await loadCatalogOrThrow(catalogPath);
    const findings = analyzeFeasibility(catalog, catalogCalendars(catalog));
    if (format === 'json') {
      io.stdout.write(`${JSON.stringify({ feasibility: findings }, null, 2)}\n`);
    } else if (findings.length === 0) {
      io.stdout.write('no findings\n');
    } else {
      for (const finding of findings) {
        const where = finding.objective ? `${finding.agreement}/${finding.objective}` : finding.agreement;
        io.stdout.write(`${where} ${finding.kind}: ${finding.detail}\n`);
      }
    }
    return 0;
  },
};
