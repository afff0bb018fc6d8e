#!/usr/bin/env node
'use strict';
// Launches the compiled CLI: the root build (`npx tsc -p tsconfig.build.json`) writes it to
// dist/ keeping the source layout, and the workspace's `@underpin/<lib>` imports resolve to
// the compiled libraries there.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../../..');
const entry = path.join(root, 'dist/apps/cli/src/main.js');

if (!fs.existsSync(entry)) {
  process.stderr.write('underpin: not built yet; run "npx tsc -p tsconfig.build.json" at the repository root\n');
  process.exit(1);
}

require(path.join(root, 'tools/runtime/register-aliases.js'));
require(entry).runFromProcess();
