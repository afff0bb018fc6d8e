// `npm run config:write` writes docs/configuration.md and every app's .env.example from the
// settings the config modules declare; `npm run config:check` fails when one is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@underpin/platform';
import { configurationFiles } from './configuration-reference.util';

function main(): void {
  const check = process.argv.includes('--check');
  const root = repoRoot();
  const stale: string[] = [];
  for (const [path, content] of configurationFiles()) {
    const target = join(root, path);
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      current = '';
    }
    if (current === content) continue;
    if (check) stale.push(path);
    else {
      writeFileSync(target, content);
      process.stdout.write(`wrote ${path}\n`);
    }
  }
  if (stale.length > 0) {
    process.stderr.write(`out of date: ${stale.join(', ')}; run \`npm run config:write\` and commit them.\n`);
    process.exit(1);
  }
  if (check) process.stdout.write('the configuration reference and every .env.example are up to date\n');
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
