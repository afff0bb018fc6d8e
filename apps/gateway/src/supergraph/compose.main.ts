// `npm run graphql:compose` writes apps/gateway/supergraph.graphql from the services' committed
// SDL; `npm run graphql:check` fails when composition fails or the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@underpin/platform';
import { composeSupergraph } from './compose-supergraph.util';

function main(): void {
  const check = process.argv.includes('--check');
  const root = repoRoot();
  const target = join(root, 'apps', 'gateway', 'supergraph.graphql');
  const composed = `${composeSupergraph(root).trim()}\n`;
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = '';
  }
  if (check) {
    if (current !== composed) {
      process.stderr.write(`${target} is out of date: run \`npm run graphql:compose\` and commit it.\n`);
      process.exit(1);
    }
    process.stdout.write('supergraph composes and is up to date\n');
    return;
  }
  writeFileSync(target, composed);
  process.stdout.write(`wrote ${target}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
