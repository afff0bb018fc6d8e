// Shared Jest settings: TypeScript transpiled per file (type checking is `npm run typecheck`),
// workspace aliases mapped to the libraries' sources so tests never need a build.
const path = require('node:path');

const root = __dirname;

module.exports = {
  testEnvironment: 'node',
  rootDir: root,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(root, 'tsconfig.spec.json'), diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@underpin/app-([a-z-]+)$': '<rootDir>/apps/$1/src/index.ts',
    '^@underpin/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.cache/'],
};
