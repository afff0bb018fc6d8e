import type { CliIo } from '../cli-io.type';
import type { CliCommand } from '../command.type';
import { cliConfigFromProcess } from '../config/cli.config';
import { callIngestionAdmin } from '../ingestion-admin-client.util';
import { parseKeysArgs, type AdminTarget } from '../keys-args.util';
import { createdLines, keyLine, listSummary, type ApiKeyView } from '../keys-format.util';

const HELP = `Usage: underpin keys create --url <ingestion URL> --name <name> --service <id>... [--region <id>...]
       underpin keys list --url <ingestion URL>
       underpin keys revoke --url <ingestion URL> <key id>
       (each also takes --admin-token <token> and --json)

API keys of the sources that send probes and call-quality samples to metrics ingestion
(POST /samples). Each key may send samples of its services only and, when regions are
given, of those regions only; a sample outside them is rejected, the others are accepted.

create  mints a key and prints it, once: the service keeps only its SHA-256. Prints the
        key's line (as list does), then the key itself on a line of its own.
list    prints every key, one a line, revoked ones too, oldest first:
          <id>  <prefix>…  active|revoked <when>  created <when>  "<name>"
          services <id,…>  regions <id,…|all>
        then the count of active and revoked keys.
revoke  revokes a key: the service refuses it from then on (other replicas within
        INGEST_KEY_CACHE_TTL, 5s by default). Revoking a revoked key changes nothing.

Options:
  --url <URL>              the metrics-ingestion service, e.g. http://127.0.0.1:4100 (npm start
                           and npm run dev:distributed print it)
  --name <name>            create: what the key is for, e.g. "stockholm office probes"
  --service <id>           create: a service the key may send samples of; repeat it, or
                           separate ids with commas
  --region <id>            create: a region it may send samples of; none: every region
  --admin-token <token>    the service's INGESTION_ADMIN_TOKEN; default $INGESTION_ADMIN_TOKEN
  --json                   the service's answer as JSON (list: JSON Lines, one key a line)

Exit codes: 0 done; 2 usage or input error (bad flag, a key the service does not know, a
field it refuses); 1 service unreachable, admin token refused, or any other error.
`;

async function create(target: AdminTarget, input: { name: string; services: string[]; regions: string[] }, json: boolean, io: CliIo): Promise<number> {
  const created = await callIngestionAdmin<ApiKeyView & { key: string }>(target, 'POST', '/admin/keys', input);
  io.stdout.write(json ? `${JSON.stringify(created)}\n` : createdLines(created));
  return 0;
}

async function list(target: AdminTarget, json: boolean, io: CliIo): Promise<number> {
  const keys: ApiKeyView[] = [];
  let after: string | null = null;
  do {
    const query: string = after === null ? '?first=500' : `?first=500&after=${encodeURIComponent(after)}`;
    const page: { nodes: ApiKeyView[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } = await callIngestionAdmin(target, 'GET', `/admin/keys${query}`);
    for (const key of page.nodes) io.stdout.write(`${json ? JSON.stringify(key) : keyLine(key)}\n`);
    keys.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after !== null);
  (json ? io.stderr : io.stdout).write(`${listSummary(keys)}\n`);
  return 0;
}

async function revoke(target: AdminTarget, id: string, json: boolean, io: CliIo): Promise<number> {
  const revoked = await callIngestionAdmin<ApiKeyView>(target, 'POST', `/admin/keys/${encodeURIComponent(id)}/revoke`);
  io.stdout.write(json ? `${JSON.stringify(revoked)}\n` : `${keyLine(revoked)}\n`);
  return 0;
}

export const keysCommand: CliCommand = {
  name: 'keys',
  summary: "create, list and revoke the API keys of metrics ingestion's sources",
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const request = parseKeysArgs(args, cliConfigFromProcess());
    if (request.action === 'create') return create(request.target, request.input, request.json, io);
    if (request.action === 'list') return list(request.target, request.json, io);
    return revoke(request.target, request.id, request.json, io);
  },
};
