#!/usr/bin/env node
'use strict';
// TypeORM's migration CLI for one service, behind the Nx targets migration:run, migration:revert,
// migration:generate and migration:create: the service's data source
// (apps/<service>/src/database/data-source.ts, its own schema and migrations table) loaded from
// the TypeScript sources, and new migrations written to its src/database/migrations/ under a
// kebab-case name, as TypeORM names them and the lint rule wants them.
// Usage: node tools/database/migrations.js <project root> <run|revert|generate|create> [name]

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const COMMANDS = ['run', 'revert', 'generate', 'create'];
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The arguments of TypeORM's CLI for `command` on the service at `projectRoot` (relative to the repository). */
function typeormArgs(projectRoot, command, name) {
  if (!COMMANDS.includes(command)) throw new Error(`the command is one of ${COMMANDS.join(', ')}, got "${command ?? ''}"`);
  const database = path.posix.join(projectRoot, 'src', 'database');
  const dataSource = ['-d', path.posix.join(database, 'data-source.ts')];
  if (command === 'run' || command === 'revert') return [`migration:${command}`, '--transaction', 'each', ...dataSource];
  if (!name || !KEBAB.test(name)) {
    throw new Error(`migration:${command} needs --name=<kebab-case name> (like add-incident-page-index), got "${name ?? ''}"`);
  }
  const target = path.posix.join(database, 'migrations', name);
  return command === 'generate' ? ['migration:generate', ...dataSource, target] : ['migration:create', target];
}

function main([projectRoot, command, name]) {
  if (!projectRoot || !fs.existsSync(path.join(REPO_ROOT, projectRoot, 'src', 'database', 'data-source.ts'))) {
    throw new Error(`${projectRoot ?? '(no project)'} has no src/database/data-source.ts: it keeps no database`);
  }
  const cli = require.resolve('typeorm/cli.js', { paths: [REPO_ROOT] });
  const register = path.join(REPO_ROOT, 'tools', 'runtime', 'register-source.js');
  const result = spawnSync(process.execPath, ['-r', register, cli, ...typeormArgs(projectRoot, command, name)], { cwd: REPO_ROOT, stdio: 'inherit' });
  return result.status ?? 1;
}

if (require.main === module) {
  try {
    process.exit(main(process.argv.slice(2)));
  } catch (error) {
    console.error(`[migrations] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

module.exports = { typeormArgs };
