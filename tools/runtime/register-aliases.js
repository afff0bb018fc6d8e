'use strict';
// Resolves the workspace aliases of tsconfig.base.json (`@underpin/<lib>`, `@underpin/app-<app>`)
// to the compiled output in dist/, for processes started from the build (npm start, the CLI).
const Module = require('node:module');
const path = require('node:path');

const dist = path.resolve(__dirname, '..', '..', 'dist');
const resolveFilename = Module._resolveFilename;

Module._resolveFilename = function resolveWorkspaceAlias(request, ...rest) {
  if (request.startsWith('@underpin/')) {
    const name = request.slice('@underpin/'.length);
    if (/^[a-z-]+$/.test(name)) {
      const target = name.startsWith('app-')
        ? path.join(dist, 'apps', name.slice(4), 'src', 'index.js')
        : path.join(dist, 'libs', name, 'src', 'index.js');
      return resolveFilename.call(this, target, ...rest);
    }
  }
  return resolveFilename.call(this, request, ...rest);
};
