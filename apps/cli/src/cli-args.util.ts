import { parseArgs } from 'node:util';
import { UsageException } from './usage.exception';

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

export interface ParsedArgs {
  /** A `multiple` option's values come as an array, in the order given. */
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

interface NodeArgsError {
  code?: string;
  message: string;
}

/**
 * Strict parsing with the standard library, with its errors reworded: an unknown option or a
 * missing value is a usage error that names the option, never Node's generic message.
 */
export function parseCommandArgs(command: string, args: readonly string[], options: OptionSpec): ParsedArgs {
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals };
  } catch (error) {
    const { code, message } = error as NodeArgsError;
    const option = /'(-[^' ]*)/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new UsageException(`unknown option ${option}`, command);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new UsageException(`option ${option || 'given'} needs a value`, command);
    }
    throw new UsageException(message.split('\n')[0], command);
  }
}

export function requireString(command: string, parsed: ParsedArgs, name: string): string {
  const value = parsed.values[name];
  if (typeof value !== 'string' || value === '') throw new UsageException(`--${name} is required`, command);
  return value;
}

export function optionalString(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * `2026-03-01` (midnight UTC) or an ISO instant with its offset (`2026-03-01T00:00+01:00`).
 * An instant without an offset is refused: it would be read in the zone of whoever runs it.
 */
export function parseInstantOption(command: string, name: string, text: string): number {
  const date = DATE.exec(text);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const at = Date.UTC(year, month - 1, day);
    const check = new Date(at);
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day) return at;
  } else if (INSTANT.test(text)) {
    const at = Date.parse(text);
    if (!Number.isNaN(at)) return at;
  }
  throw new UsageException(
    `--${name} "${text}" is not a date like 2026-03-01 or an instant like 2026-03-01T00:00:00+01:00`,
    command,
  );
}

export function noPositionals(command: string, parsed: ParsedArgs): void {
  if (parsed.positionals.length > 0) {
    throw new UsageException(`unexpected argument "${parsed.positionals[0]}"`, command);
  }
}
