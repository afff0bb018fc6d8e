import { ENTITY_ID_DESCRIPTION, ENTITY_ID_PATTERN, didYouMean } from '@underpin/contracts';
import type { CliConfig } from './config/cli.config';
import { noPositionals, optionalString, parseCommandArgs, requireString, type ParsedArgs } from './cli-args.util';
import { UsageException } from './usage.exception';

const COMMAND = 'keys';
export const KEY_SUBCOMMANDS = ['create', 'list', 'revoke'] as const;

/** Where the metrics-ingestion service's admin API is, and the token it takes. */
export interface AdminTarget {
  /** Without a trailing slash. */
  url: string;
  token: string;
}

export type KeysRequest =
  | { action: 'create'; target: AdminTarget; json: boolean; input: { name: string; services: string[]; regions: string[] } }
  | { action: 'list'; target: AdminTarget; json: boolean }
  | { action: 'revoke'; target: AdminTarget; json: boolean; id: string };

const COMMON = { url: { type: 'string' }, 'admin-token': { type: 'string' }, json: { type: 'boolean' } } as const;

/** `create …`, `list …` or `revoke …`, every flag checked before anything is sent. */
export function parseKeysArgs(args: readonly string[], config: CliConfig): KeysRequest {
  const [action, ...rest] = args;
  if (action === 'create') {
    const parsed = parseCommandArgs(COMMAND, rest, { ...COMMON, name: { type: 'string' }, service: { type: 'string', multiple: true }, region: { type: 'string', multiple: true } });
    noPositionals(COMMAND, parsed);
    const services = ids(parsed, 'service');
    if (services.length === 0) throw new UsageException('--service is required: the services whose samples the key may send (repeat it for several)', COMMAND);
    return { action, target: target(parsed, config), json: parsed.values['json'] === true, input: { name: requireString(COMMAND, parsed, 'name'), services, regions: ids(parsed, 'region') } };
  }
  if (action === 'list') {
    const parsed = parseCommandArgs(COMMAND, rest, COMMON);
    noPositionals(COMMAND, parsed);
    return { action, target: target(parsed, config), json: parsed.values['json'] === true };
  }
  if (action === 'revoke') {
    const parsed = parseCommandArgs(COMMAND, rest, COMMON);
    const [id, extra] = parsed.positionals;
    if (id === undefined) throw new UsageException('revoke needs the id of the key (as keys list prints it)', COMMAND);
    if (extra !== undefined) throw new UsageException(`unexpected argument "${extra}"`, COMMAND);
    if (!ENTITY_ID_PATTERN.test(id)) throw new UsageException(`"${id}" is not a key id (${ENTITY_ID_DESCRIPTION}), like key-3f9a1c2b7d4e`, COMMAND);
    return { action, target: target(parsed, config), json: parsed.values['json'] === true, id };
  }
  if (action === undefined || action.startsWith('-')) throw new UsageException(`give a subcommand first: ${KEY_SUBCOMMANDS.join(', ')}`, COMMAND);
  throw new UsageException(`unknown subcommand "${action}"${didYouMean(action, KEY_SUBCOMMANDS)}; subcommands: ${KEY_SUBCOMMANDS.join(', ')}`, COMMAND);
}

function target(parsed: ParsedArgs, config: CliConfig): AdminTarget {
  const text = requireString(COMMAND, parsed, 'url');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageException(`--url "${text}" is not a URL like http://127.0.0.1:4100`, COMMAND);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageException(`--url "${text}" must be http:// or https://`, COMMAND);
  const token = optionalString(parsed, 'admin-token') ?? config.ingestionAdminToken;
  if (token === undefined || token === '') throw new UsageException('the admin token is missing: give --admin-token or set INGESTION_ADMIN_TOKEN', COMMAND);
  return { url: text.replace(/\/+$/, ''), token };
}

function ids(parsed: ParsedArgs, name: 'service' | 'region'): string[] {
  const values = ((parsed.values[name] as string[] | undefined) ?? []).flatMap((value) => value.split(',')).map((value) => value.trim()).filter((value) => value !== '');
  const bad = values.find((value) => !ENTITY_ID_PATTERN.test(value));
  if (bad !== undefined) throw new UsageException(`--${name} "${bad}" is not ${ENTITY_ID_DESCRIPTION}`, COMMAND);
  return [...new Set(values)];
}
