#!/usr/bin/env node
'use strict';
// `npm run graphql:codegen` writes apps/<service>/src/graphql/schema.type.ts from each committed
// apps/<service>/schema.graphql; `--check` (part of `npm run graphql:check`) regenerates them in
// memory and fails when a committed file differs, so a drift between an SDL and the code typed
// from it cannot reach main.

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { codegen } = require('@graphql-codegen/core');
const typescriptPlugin = require('@graphql-codegen/typescript');
const resolversPlugin = require('@graphql-codegen/typescript-resolvers');
const { buildSubgraphSchema } = require('@apollo/subgraph');
const ts = require('typescript');
const { GraphQLEnumType, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLScalarType, isObjectType, parse } = require('graphql');

const SCHEMA_FILE = 'schema.graphql';
const TYPES_FILE = path.join('src', 'graphql', 'schema.type.ts');
const MODELS_FILE = path.join('src', 'graphql', 'schema-models.constant.ts');
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
const HIDDEN_FIELD_TYPES = new Set(['string', 'number', 'boolean', 'Date']);

/**
 * What the resolvers see: DateTime is a Date both ways (the platform's DateTimeScalar parses
 * arguments into Dates and serialises the Dates resolvers return); enums are the string unions
 * the domain already uses; a nullable output field is present and null, never left out; an
 * argument or input field with a default always has a value.
 */
const CODEGEN_CONFIG = {
  federation: true,
  enumsAsTypes: true,
  skipTypename: true,
  strictScalars: true,
  scalars: { DateTime: { input: 'Date', output: 'Date' }, _FieldSet: 'string' },
  avoidOptionals: { field: true, defaultValue: true },
  makeResolverTypeCallable: true,
  useTypeImports: true,
};

/** The services that publish a subgraph: those with a committed schema.graphql. */
function subgraphNames(root) {
  return fs
    .readdirSync(path.join(root, 'apps'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, 'apps', entry.name, SCHEMA_FILE)))
    .map((entry) => entry.name)
    .sort();
}

function relative(root, file) {
  return path.relative(root, file).split(path.sep).join('/');
}

/**
 * The models declaration of a service (its schema-models.constant.ts), or none. The file is
 * plain data that imports types only, so it is transpiled and run on its own.
 */
function loadModels(root, service) {
  const file = path.join(root, 'apps', service, MODELS_FILE);
  if (!fs.existsSync(file)) return {};
  const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const module = { exports: {} };
  const refuse = (name) => {
    throw new Error(`${relative(root, file)} may import types only, not ${name}`);
  };
  vm.runInNewContext(outputText, { module, exports: module.exports, require: refuse }, { filename: file });
  const models = module.exports.SCHEMA_MODELS;
  if (models === undefined) throw new Error(`${relative(root, file)} must export SCHEMA_MODELS`);
  return models;
}

/** A JSDoc block for an SDL description, or nothing. */
function doc(description, indent) {
  if (!description) return '';
  const lines = description.replace(/\*\//g, '*\\/').split('\n');
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((line) => `${indent} *${line ? ` ${line}` : ''}`).join('\n')}\n${indent} */\n`;
}

/** The TypeScript type of a model's field: object types become their models. */
function modelFieldType(type, nullable = true) {
  if (type instanceof GraphQLNonNull) return modelFieldType(type.ofType, false);
  let inner;
  if (type instanceof GraphQLList) inner = `Array<${modelFieldType(type.ofType)}>`;
  else if (type instanceof GraphQLScalarType) inner = `Scalars['${type.name}']['output']`;
  else if (type instanceof GraphQLEnumType) inner = `ResolversTypes['${type.name}']`;
  else if (type instanceof GraphQLObjectType) inner = `${type.name}Model`;
  else throw new Error(`${type.name}: interfaces and unions are not supported by tools/graphql/codegen.js yet`);
  return nullable ? `Maybe<${inner}>` : inner;
}

/** The object types a resolver can return, in SDL order, federation's own and the root types apart. */
function objectTypes(schema) {
  return Object.values(schema.getTypeMap()).filter((type) => isObjectType(type) && !type.name.startsWith('_') && !ROOT_TYPES.has(type.name));
}

/** Refuses a models declaration that names a type or field the SDL does not have. */
function checkModels(schema, models, where) {
  const problems = [];
  for (const [typeName, spec] of Object.entries(models)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type) || ROOT_TYPES.has(typeName)) {
      problems.push(`${typeName} is not an object type of the schema`);
      continue;
    }
    const fields = type.getFields();
    for (const field of spec.resolved ?? []) if (!fields[field]) problems.push(`${typeName}.${field} is not a field of the schema`);
    for (const [field, tsType] of Object.entries(spec.hidden ?? {})) {
      if (fields[field]) problems.push(`${typeName}.${field} is in the schema: it cannot be hidden`);
      if (!HIDDEN_FIELD_TYPES.has(tsType)) problems.push(`${typeName}.${field}: a hidden field is one of ${[...HIDDEN_FIELD_TYPES].join(', ')}, not ${tsType}`);
    }
  }
  if (problems.length > 0) throw new Error(`${where}:\n  ${problems.join('\n  ')}`);
}

/**
 * `XModel` for every object type X: what a resolver returns for X and receives as the parent of
 * X's field resolvers. It has X's fields but those a field resolver computes, object fields typed
 * by their own models, and the hidden plain data those field resolvers read.
 */
function modelsSection(schema, models) {
  const blocks = objectTypes(schema).map((type) => {
    const spec = models[type.name] ?? {};
    const resolved = new Set(spec.resolved ?? []);
    const computed = [...resolved].join(', ');
    const summary = computed ? `${type.name} as its resolvers return it; field resolvers compute ${computed}.` : `${type.name} as its resolvers return it.`;
    const fields = Object.values(type.getFields())
      .filter((field) => !resolved.has(field.name))
      .map((field) => `${doc(field.description, '  ')}  ${field.name}: ${modelFieldType(field.type)};\n`);
    const hidden = Object.entries(spec.hidden ?? {}).map(([name, tsType]) => `  /** Not in the schema: read by field resolvers. */\n  ${name}: ${tsType};\n`);
    return `/** ${summary} */\nexport type ${type.name}Model = {\n${[...fields, ...hidden].join('')}};\n`;
  });
  return `\n${blocks.join('\n')}`;
}

/** The generated file of one service, as text. */
async function generateTypes(root, service, models = loadModels(root, service)) {
  const schemaFile = path.join(root, 'apps', service, SCHEMA_FILE);
  let document;
  let schema;
  try {
    document = parse(fs.readFileSync(schemaFile, 'utf8'));
    // The schema as the subgraph serves it: this is where an invalid SDL or federation directive fails.
    schema = buildSubgraphSchema(document);
  } catch (error) {
    throw new Error(`${relative(root, schemaFile)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  checkModels(schema, models, relative(root, path.join(root, 'apps', service, MODELS_FILE)));
  const mappers = Object.fromEntries(objectTypes(schema).map((type) => [type.name, `${type.name}Model`]));
  const generated = await codegen({
    filename: relative(root, path.join(root, 'apps', service, TYPES_FILE)),
    schema: document,
    documents: [],
    config: { ...CODEGEN_CONFIG, mappers },
    plugins: [{ typescript: {} }, { typescriptResolvers: {} }],
    pluginMap: { typescript: typescriptPlugin, typescriptResolvers: resolversPlugin },
  });
  const header =
    `// Generated by \`npm run graphql:codegen\` from apps/${service}/${SCHEMA_FILE} and apps/${service}/${MODELS_FILE.split(path.sep).join('/')}:\n` +
    `// do not edit. \`npm run graphql:check\` fails when it is out of date.\n`;
  return `${header}${generated.trimEnd()}\n${modelsSection(schema, models)}`;
}

/** Every service's generated file: path relative to the root → text. */
async function generateAll(root) {
  const files = new Map();
  for (const service of subgraphNames(root)) files.set(relative(root, path.join(root, 'apps', service, TYPES_FILE)), await generateTypes(root, service));
  return files;
}

/** The committed files that differ from what the SDL gives (or have no SDL any more). */
async function staleFiles(root) {
  const expected = await generateAll(root);
  const stale = [];
  for (const [file, text] of expected) {
    const full = path.join(root, file);
    if (!fs.existsSync(full) || fs.readFileSync(full, 'utf8') !== text) stale.push(file);
  }
  for (const entry of fs.readdirSync(path.join(root, 'apps'))) {
    const file = relative(root, path.join(root, 'apps', entry, TYPES_FILE));
    if (fs.existsSync(path.join(root, file)) && !expected.has(file)) stale.push(file);
  }
  return stale;
}

/** The repository, or the one `--root <dir>` names (a copy, for the tool's own spec). */
function rootOf(argv) {
  const at = argv.indexOf('--root');
  return at === -1 ? path.resolve(__dirname, '..', '..') : path.resolve(argv[at + 1]);
}

async function main() {
  const root = rootOf(process.argv);
  if (process.argv.includes('--check')) {
    const stale = await staleFiles(root);
    if (stale.length > 0) {
      process.stderr.write(`${stale.join(', ')} ${stale.length === 1 ? 'is' : 'are'} out of date: run \`npm run graphql:codegen\` and commit the result.\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write('generated GraphQL types are up to date\n');
    return;
  }
  for (const [file, text] of await generateAll(root)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
    process.stdout.write(`wrote ${file}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
