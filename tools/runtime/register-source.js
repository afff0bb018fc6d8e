'use strict';
// Runs the TypeScript sources directly (benchmarks, tools, child processes of tests): each
// .ts file is transpiled on require (no type checking; `npm run typecheck` does that), and
// `@underpin/<lib>` / `@underpin/app-<app>` resolve to their sources as in tsconfig.base.json.
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const ts = require('typescript');

const root = path.resolve(__dirname, '..', '..');
const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  sourceMap: false,
  inlineSourceMap: true,
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveWorkspaceAlias(request, parent, ...rest) {
  const alias = /^@underpin\/([a-z-]+)$/.exec(request);
  let target = request;
  if (alias) {
    target = alias[1].startsWith('app-')
      ? path.join(root, 'apps', alias[1].slice(4), 'src', 'index.ts')
      : path.join(root, 'libs', alias[1], 'src', 'index.ts');
  }
  return resolveFilename.call(this, target, parent, ...rest);
};

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
