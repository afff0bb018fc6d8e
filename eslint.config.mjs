// Module boundaries are enforced here: every project carries one `type:` and one `scope:` tag.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import underpin from './tools/eslint/index.js';

const productionConstraints = [
  // The domain is pure: it depends on nothing.
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:domain'] },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:platform'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:platform'] },
  // Apps depend on libraries, never on other apps.
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:platform'] },
  // The all-in-one host runs the services: it alone may load them (their index.ts).
  { sourceTag: 'type:host', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:platform', 'type:app'] },
  { sourceTag: 'scope:frontend', onlyDependOnLibsWithTags: ['scope:frontend', 'scope:shared'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:backend', onlyDependOnLibsWithTags: ['scope:backend', 'scope:shared'] },
];

/**
 * Specs, of every project the domain included, may also use the testing library: real Kafka
 * and PostgreSQL for integration specs, the shared builders and fixtures for all. No source
 * file may (productionConstraints), so it never becomes a dependency of what is built.
 */
const testConstraints = productionConstraints.map((c) => ({ ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'] }));

// The specs of messaging, domain and contracts run on the testing library, which is built on
// them: cycles through test code only (the tags above keep their own code from importing testing).
const ignoredCircularDependencies = [
  ['messaging', 'testing'],
  ['domain', 'testing'],
  ['contracts', 'testing'],
];

const boundaries = (depConstraints, allow = []) => [
  'error',
  { enforceBuildableLibDependency: false, banTransitiveDependencies: false, allow, depConstraints, ignoredCircularDependencies },
];

// The broker launcher is plain JavaScript shared by npm scripts and the testing library.
const toolAllow = ['^(\.\./)+tools/kafka/broker$'];

const hostAllow = '^@underpin/app-[a-z-]+$';

const testFiles = ['**/*.spec.ts', '**/*.integration-spec.ts', '**/test/**/*.ts', 'bench/**/*.ts'];

// A spec finds files through @underpin/testing (repositoryPath, sharedPath, the meetings
// example), never by a machine's layout: no absolute /work/ paths, no climbing to ../shared.
// (esquery's regular expressions cannot hold a slash: \x2F stands for it.)
const outsideTheRepository = '/^\\x2Fwork\\x2F|(^|\\x2F)\\.\\.\\x2Fshared(\\x2F|$)/';
const pathsOutsideTheRepository = ['Literal', 'TemplateElement'].map((node) => ({
  selector: `${node}[value${node === 'TemplateElement' ? '.raw' : ''}=${outsideTheRepository}]`,
  message: "A spec reads files inside the repository (repositoryPath) or in ../shared through sharedPath from '@underpin/testing', never by an absolute or climbing path.",
}));

const crossProjectImports = { group: ['../../*/src/*', '../../../libs/*', '../../../apps/*'], message: 'Import other projects through their @underpin/* alias.' };

// A service binds its resolvers through src/graphql/schema-resolvers.util.ts, whose decorators
// are typed by the SDL: a name or a signature the schema does not have fails to compile.
const untypedResolverBindings = {
  name: '@nestjs/graphql',
  importNames: ['Resolver', 'Query', 'Mutation', 'Subscription', 'ResolveField', 'ResolveReference'],
  message: "Bind resolvers with the typed decorators of the service's src/graphql/schema-resolvers.util.ts.",
};

export default [
  // schema.type.ts is generated from the SDL by tools/graphql/codegen.js and checked by `npm run graphql:check`.
  { ignores: ['**/dist/**', '**/node_modules/**', '.cache/**', '.nx/**', 'tmp/**', '**/*.js', '**/*.mjs', '**/*.cjs', 'apps/*/src/graphql/schema.type.ts'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx, underpin },
    rules: {
      // File names `<name>.<role>.ts` from one list of roles; classes end with their role (tools/eslint/README.md).
      'underpin/file-roles': 'error',
      '@nx/enforce-module-boundaries': boundaries(productionConstraints, toolAllow),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [crossProjectImports] }],
    },
  },
  {
    files: ['apps/*/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [untypedResolverBindings], patterns: [crossProjectImports] }] },
  },
  {
    files: testFiles,
    rules: {
      '@nx/enforce-module-boundaries': boundaries(testConstraints, toolAllow),
      'no-restricted-syntax': ['error', ...pathsOutsideTheRepository],
    },
  },
  {
    // The host loads each service through the service's index.ts, and nothing else of it.
    files: ['apps/all-in-one/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(productionConstraints, [...toolAllow, hostAllow]) },
  },
  {
    files: ['apps/all-in-one/**/*.spec.ts', 'apps/all-in-one/**/*.integration-spec.ts', 'apps/all-in-one/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(testConstraints, [...toolAllow, hostAllow]) },
  },
  {
    // ProblemsError is to become ProblemsException with the catalogue schema rework of
    // libs/contracts/src/catalog; until then it is the one class the naming rule lets through.
    files: ['libs/contracts/src/catalog/problems.exception.ts'],
    rules: { 'underpin/file-roles': ['error', { allowClasses: ['ProblemsError'] }] },
  },
  {
    files: ['libs/domain/**/*.ts', 'libs/contracts/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.integration-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['typeorm', 'kafkajs', 'pg', '@nestjs/common', '@nestjs/core', '@nestjs/graphql'].map((name) => ({
            name,
            message: 'domain and contracts stay framework-free',
          })),
        },
      ],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\.{1,2}/)', message: 'domain imports nothing outside itself' }] }],
    },
  },
];
