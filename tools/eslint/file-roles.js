'use strict';
// `underpin/file-roles`: a TypeScript file is named `<name>.<role>.ts` with a role from one
// fixed list, and the classes it declares say the same role. Roles and the reasons for the
// few beyond the style guide's list: tools/eslint/README.md.

const path = require('node:path');

/** Each role, with the ending of the classes a file of that role declares (null: any name). */
const ROLES = Object.freeze({
  module: 'Module',
  resolver: 'Resolver',
  controller: 'Controller',
  service: 'Service',
  'use-case': 'UseCase',
  entity: 'Entity',
  model: 'Model',
  input: 'Input',
  args: 'Args',
  dto: 'Dto',
  consumer: 'Consumer',
  producer: 'Producer',
  event: 'Event',
  exception: 'Exception',
  config: 'Config',
  util: null,
  type: null,
  constant: null,
  spec: null,
  'integration-spec': null,
  // Beyond the style guide's list, each for files the repository has (see README.md):
  'spec-helper': null,
  migration: null,
  filter: 'Filter',
  command: 'Command',
  main: null,
  bench: null,
});

/** Files named after the program or tool that loads them rather than after a role. */
const BARE_NAMES = Object.freeze(['index', 'main', 'tracing', 'data-source', 'global-setup', 'global-teardown']);

/** Roles of test code: test doubles there may carry any decorator. */
const TEST_ROLES = new Set(['spec', 'integration-spec', 'spec-helper']);

/** Roles a spec's subject may have: `webhook-secrets.service.spec.ts` tests a service. */
const SPEC_ROLES = new Set(['spec', 'integration-spec']);

/** Nest's decorators that make a class a given kind of thing, and the roles that kind of file has. */
const DECORATED_ROLES = Object.freeze({
  Module: ['module'],
  Controller: ['controller'],
  Entity: ['entity'],
  Catch: ['filter'],
  Injectable: ['service', 'use-case', 'consumer', 'producer', 'resolver', 'filter'],
});

/** Packages whose exported exception classes no class of ours may be named like. */
const DEFAULT_RESERVED_FROM = ['@nestjs/common', '@nestjs/core', '@nestjs/graphql', '@nestjs/apollo'];

const KEBAB = '[a-z0-9]+(?:-[a-z0-9]+)*';
const ROLE_NAME = '[a-z]+(?:-[a-z]+)*';
const ROLE_FILE = new RegExp(`^(${KEBAB})((?:\\.${ROLE_NAME})?)\\.(${ROLE_NAME})\\.ts$`);
const DECLARATION_FILE = new RegExp(`^${KEBAB}\\.d\\.ts$`);
/** TypeORM's `migration:generate <dir>/<name>` writes `<dir>/<13-digit timestamp>-<name>.ts`. */
const MIGRATION_FILE = new RegExp(`^(\\d{13})-(${KEBAB})\\.ts$`);
const MIGRATIONS_DIR = /(^|\/)database\/migrations$/;

/** TypeORM's class name for a migration: `add-tracked-page-index` at t → `AddTrackedPageIndex<t>`. */
function migrationClassName(name, timestamp) {
  return `${name
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('')}${timestamp}`;
}

const reservedCache = new Map();

/** The exception classes `modules` export, by name, each with the first module exporting it. */
function reservedExceptionNames(modules, cwd) {
  const key = `${cwd}\0${modules.join('\0')}`;
  if (reservedCache.has(key)) return reservedCache.get(key);
  const names = new Map();
  for (const name of modules) {
    let exported;
    try {
      exported = require(require.resolve(name, { paths: [cwd] }));
    } catch {
      continue; // A package the project does not use reserves nothing.
    }
    for (const [exportName, value] of Object.entries(exported)) {
      if (typeof value === 'function' && /(Exception|Error)$/.test(exportName) && !names.has(exportName)) names.set(exportName, name);
    }
  }
  reservedCache.set(key, names);
  return names;
}

/** What the file name says: a bare name, a declaration, a migration, a role, or nothing valid. */
function classifyFile(relativePath) {
  const base = path.posix.basename(relativePath);
  const dir = path.posix.dirname(relativePath);
  if (MIGRATIONS_DIR.test(dir)) {
    const migration = MIGRATION_FILE.exec(base);
    return migration ? { kind: 'migration', timestamp: migration[1], name: migration[2] } : { kind: 'bad-migration' };
  }
  if (MIGRATION_FILE.test(base)) return { kind: 'stray-migration' };
  if (DECLARATION_FILE.test(base)) return { kind: 'declaration' };
  if (BARE_NAMES.some((name) => base === `${name}.ts`)) return { kind: 'bare' };
  const match = ROLE_FILE.exec(base);
  if (!match) return { kind: 'bad' };
  const subjectRole = match[2] ? match[2].slice(1) : undefined;
  const role = match[3];
  return { kind: 'role', role, subjectRole };
}

function rightmostName(node) {
  if (!node) return undefined;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed) return node.property.name;
  return undefined;
}

function decoratorName(decorator) {
  const expression = decorator.expression.type === 'CallExpression' ? decorator.expression.callee : decorator.expression;
  return expression.type === 'Identifier' ? expression.name : undefined;
}

function isTopLevel(node) {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'Program') return true;
  return (parent.type === 'ExportNamedDeclaration' || parent.type === 'ExportDefaultDeclaration') && parent.parent?.type === 'Program';
}

const roleList = Object.keys(ROLES).join(', ');

/** @type {import('eslint').Rule.RuleModule} */
const fileRolesRule = {
  meta: {
    type: 'suggestion',
    docs: {
      description: 'File names are `<name>.<role>.ts` with a role from one fixed list; classes end with their role; error classes are `*Exception`, not named like Nest\'s own.',
      url: 'tools/eslint/README.md',
    },
    schema: [
      {
        type: 'object',
        properties: {
          reservedFrom: { type: 'array', items: { type: 'string' } },
          /** Class names left out of the class checks, each with its reason in the config that lists it. */
          allowClasses: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      badName: '"{{file}}" is not named <name>.<role>.ts (kebab-case name; roles: {{roles}}).',
      unknownRole: '"{{role}}" is not a file role (roles: {{roles}}).',
      subjectRole: '"{{file}}": only a spec names its subject\'s role before its own (<name>.<role>.spec.ts).',
      badMigration: '"{{file}}": a migration is named <13-digit timestamp>-<kebab-name>.ts, as TypeORM\'s migration:generate writes it.',
      strayMigration: '"{{file}}" is named like a migration; migrations live in the service\'s src/database/migrations/.',
      migrationClass: 'Migration class {{name}} should be {{expected}}, the name TypeORM gives the migration of this file.',
      timestampedClass: 'Migration class {{name}} should end with its 13-digit timestamp, as TypeORM names migrations.',
      classRole: 'Class {{name}} is declared in a .{{role}}.ts file: its name ends with {{suffix}} (or it belongs in a file of its own role).',
      errorClass: 'Error class {{name}} extends {{parent}}: its name ends with Exception.',
      nestName: 'Class {{name}} has the name of an exception {{module}} exports: name it after what went wrong here.',
      decoratedRole: '@{{decorator}}() class {{name}} belongs in a {{roles}} file.',
    },
  },
  create(context) {
    const filename = context.filename ?? context.getFilename();
    if (!filename.endsWith('.ts')) return {};
    const cwd = context.cwd ?? context.getCwd();
    const relativePath = path.relative(cwd, filename).split(path.sep).join('/');
    const file = classifyFile(relativePath);
    const options = context.options[0] ?? {};
    const reserved = reservedExceptionNames(options.reservedFrom ?? DEFAULT_RESERVED_FROM, cwd);
    const suffix = file.kind === 'role' ? ROLES[file.role] : null;
    const allowed = new Set(options.allowClasses ?? []);

    function checkFileName(program) {
      const data = { file: path.posix.basename(relativePath), roles: roleList };
      if (file.kind === 'bad') context.report({ node: program, loc: { line: 1, column: 0 }, messageId: 'badName', data });
      if (file.kind === 'bad-migration') context.report({ node: program, loc: { line: 1, column: 0 }, messageId: 'badMigration', data });
      if (file.kind === 'stray-migration') context.report({ node: program, loc: { line: 1, column: 0 }, messageId: 'strayMigration', data });
      if (file.kind !== 'role') return;
      if (!(file.role in ROLES)) {
        context.report({ node: program, loc: { line: 1, column: 0 }, messageId: 'unknownRole', data: { role: file.role, roles: roleList } });
      } else if (file.subjectRole !== undefined && !SPEC_ROLES.has(file.role)) {
        context.report({ node: program, loc: { line: 1, column: 0 }, messageId: 'subjectRole', data });
      } else if (file.subjectRole !== undefined && !(file.subjectRole in ROLES)) {
        context.report({ node: program, loc: { line: 1, column: 0 }, messageId: 'unknownRole', data: { role: file.subjectRole, roles: roleList } });
      }
    }

    function checkClass(node) {
      if (!node.id || allowed.has(node.id.name)) return;
      const name = node.id.name;
      const parent = rightmostName(node.superClass);
      const isError = parent !== undefined && /(Error|Exception)$/.test(parent);
      const misnamedError = (isError || /Error$/.test(name)) && !name.endsWith('Exception');
      if (misnamedError) context.report({ node: node.id, messageId: 'errorClass', data: { name, parent: parent ?? 'nothing' } });
      if (reserved.has(name)) context.report({ node: node.id, messageId: 'nestName', data: { name, module: reserved.get(name) } });

      if (file.kind === 'migration' && isTopLevel(node)) {
        const expected = migrationClassName(file.name, file.timestamp);
        if (name !== expected) context.report({ node: node.id, messageId: 'migrationClass', data: { name, expected } });
      } else if (file.kind === 'role' && file.role === 'migration' && !/\d{13}$/.test(name)) {
        context.report({ node: node.id, messageId: 'timestampedClass', data: { name } });
      } else if (suffix && isTopLevel(node) && !name.endsWith(suffix) && !(misnamedError && suffix === 'Exception')) {
        context.report({ node: node.id, messageId: 'classRole', data: { name, role: file.role, suffix } });
      }

      if (file.kind === 'role' && TEST_ROLES.has(file.role)) return;
      for (const decorator of node.decorators ?? []) {
        const decorated = decoratorName(decorator);
        const roles = decorated !== undefined && Object.hasOwn(DECORATED_ROLES, decorated) ? DECORATED_ROLES[decorated] : undefined;
        if (roles && !(file.kind === 'role' && roles.includes(file.role))) {
          context.report({ node: decorator, messageId: 'decoratedRole', data: { decorator: decorated, name, roles: roles.map((r) => `.${r}.ts`).join(' or ') } });
        }
      }
    }

    return {
      Program: checkFileName,
      ClassDeclaration: checkClass,
      ClassExpression: checkClass,
    };
  },
};

module.exports = { fileRolesRule, ROLES, BARE_NAMES, migrationClassName };
