#!/usr/bin/env node
'use strict';
// `node tools/build/check-build-contents.js` (run by CI) fails when `npm run build` would put
// test code into dist/. It reads tsconfig.build.json's file list as the TypeScript compiler
// does and follows every import from there, since tsc also emits a file that is excluded from
// the list but imported by one on it. Test code is a spec or spec helper by name, a file of a
// test/ folder or of libs/testing, or a file no entry point reaches: what only specs import
// (a fixture named like production code) or nothing imports at all.

const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const TEST_FILE = /\.(spec|integration-spec|spec-helper|test)\.ts$/;
const TEST_FOLDER = /(^|\/)(test|tests|__tests__)\//;
const TESTING_LIBRARY = /^libs\/testing\//;
/**
 * A project's public index, a service's main, a runnable `*.main.ts`, a service's TypeORM data
 * source (what the migration CLI loads): what dist/ is run or loaded by.
 */
const ENTRY_POINT = /(^|\/)(index|main)\.ts$|\.main\.ts$|\/src\/database\/data-source\.ts$/;

function readBuildConfig(root, configFile) {
  const configPath = path.resolve(root, configFile);
  const problems = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => problems.push(d) });
  const diagnostics = [...problems, ...(parsed ? parsed.errors : [])].filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (!parsed || diagnostics.length > 0) {
    const text = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n');
    throw new Error(`${configFile}: ${text || 'cannot be read'}`);
  }
  return parsed;
}

/**
 * Every source file the build compiles (and so emits into dist/), each with the file whose
 * import first brought it in (undefined for those on the config's own list).
 */
function buildFiles(root, configFile = 'tsconfig.build.json') {
  const config = readBuildConfig(root, configFile);
  const host = ts.createCompilerHost(config.options);
  const importedBy = new Map();
  const imports = new Map();
  const queue = config.fileNames.map((file) => path.resolve(file));
  for (const file of queue) importedBy.set(file, undefined);
  while (queue.length > 0) {
    const file = queue.shift();
    const found = [];
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      const resolved = ts.resolveModuleName(fileName, file, config.options, host).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport || resolved.resolvedFileName.endsWith('.d.ts')) continue;
      if (!/\.tsx?$/.test(resolved.resolvedFileName)) continue;
      const target = path.resolve(resolved.resolvedFileName);
      found.push(target);
      if (!importedBy.has(target)) {
        importedBy.set(target, file);
        queue.push(target);
      }
    }
    imports.set(file, found);
  }
  const relative = (file) => path.relative(root, file).split(path.sep).join('/');
  return [...importedBy.keys()].sort().map((file) => ({
    file: relative(file),
    importedBy: importedBy.get(file) === undefined ? undefined : relative(importedBy.get(file)),
    imports: imports.get(file).map(relative),
  }));
}

/** What of the build is test code, each with the reason; empty when dist/ holds none. */
function testCodeInBuild(root, configFile = 'tsconfig.build.json') {
  const files = buildFiles(root, configFile);
  const byName = new Map(files.map((entry) => [entry.file, entry]));
  const reached = new Set();
  const queue = files.filter((entry) => ENTRY_POINT.test(entry.file)).map((entry) => entry.file);
  for (const file of queue) {
    if (reached.has(file)) continue;
    reached.add(file);
    queue.push(...byName.get(file).imports);
  }
  const found = [];
  for (const { file, importedBy } of files) {
    const via = importedBy === undefined ? '' : ` (imported by ${importedBy})`;
    if (TEST_FILE.test(file)) found.push({ file, reason: `a spec or spec helper${via}` });
    else if (TESTING_LIBRARY.test(file)) found.push({ file, reason: `part of libs/testing${via}` });
    else if (TEST_FOLDER.test(file)) found.push({ file, reason: `in a test folder${via}` });
    else if (!reached.has(file)) found.push({ file, reason: 'reached from no entry point (index.ts, main.ts, *.main.ts, database/data-source.ts): test support, or dead code' });
  }
  return found;
}

function main(argv) {
  const rootAt = argv.indexOf('--root');
  const root = rootAt >= 0 ? path.resolve(argv[rootAt + 1]) : path.resolve(__dirname, '..', '..');
  const found = testCodeInBuild(root);
  if (found.length === 0) {
    process.stdout.write('tsconfig.build.json compiles no test code into dist/\n');
    return 0;
  }
  for (const { file, reason } of found) process.stderr.write(`${file}: ${reason}\n`);
  process.stderr.write(`tsconfig.build.json would compile ${found.length} file(s) of test code into dist/; keep test support in libs/testing or beside the specs\n`);
  return 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { buildFiles, testCodeInBuild };
