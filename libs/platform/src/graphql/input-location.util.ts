import { GraphQLError, Kind, parse, visit, type ASTNode, type DocumentNode } from 'graphql';

export interface InputLocation {
  /** Where the value was given, as UserInputException names fields: `at`, `input.openedAt`. */
  fields: string[];
  /** The variable that carried it, when it came in one. */
  variable?: string;
}

/**
 * Where in the operation a value that failed to parse was given. graphql-js reports a
 * literal by its value node and a variable by its definition, neither with the argument;
 * both nodes carry their offset in the operation's text, from which the argument around
 * the literal, or the arguments that use the variable, are found again. This runs on the
 * error path only.
 */
export function locateInputError(error: GraphQLError): InputLocation | undefined {
  const node = error.nodes?.[0];
  const start = node?.loc?.start;
  if (node === undefined || start === undefined || error.source === undefined) return undefined;
  let document: DocumentNode;
  try {
    document = parse(error.source);
  } catch {
    return undefined;
  }
  if (node.kind === Kind.VARIABLE_DEFINITION) {
    const variable = node.variable.name.value;
    const within = variablePath(error.message, variable);
    const fields = usesOf(document, variable).map((field) => `${field}${within}`);
    return fields.length > 0 ? { fields, variable } : undefined;
  }
  let field: string | undefined;
  visit(document, {
    enter(candidate, _key, parent, path, ancestors) {
      if (field !== undefined) return false;
      if (candidate.kind !== node.kind || candidate.loc?.start !== start) return undefined;
      field = fieldPath([...ancestors, parent!], path);
      return false;
    },
  });
  return field ? { fields: [field] } : undefined;
}

/** `input.openedAt` for `$input`'s field, from graphql-js's `… at "input.openedAt"; …`. */
function variablePath(message: string, variable: string): string {
  const match = new RegExp(` at "${variable}((?:\\.[_A-Za-z][_0-9A-Za-z]*|\\[\\d+\\])*)"; `).exec(message);
  return match?.[1] ?? '';
}

/** The argument paths where `$variable` is used (never its own definition). */
function usesOf(document: DocumentNode, variable: string): string[] {
  const fields: string[] = [];
  visit(document, {
    VariableDefinition: () => false,
    Variable(node, _key, parent, path, ancestors) {
      if (node.name.value === variable) fields.push(fieldPath([...ancestors, parent!], path));
    },
  });
  return fields.filter((field) => field !== '');
}

/**
 * Argument, input fields and list indices from the root down to a value node, given the
 * nodes (and arrays) above it, its parent last: `above[i][path[i]]` is the next one down.
 */
function fieldPath(above: ReadonlyArray<ASTNode | ReadonlyArray<ASTNode>>, path: ReadonlyArray<string | number>): string {
  let field = '';
  above.forEach((ancestor, index) => {
    if (Array.isArray(ancestor)) return;
    const node = ancestor as ASTNode;
    if (node.kind === Kind.ARGUMENT) field = node.name.value;
    else if (node.kind === Kind.OBJECT_FIELD) field += `.${node.name.value}`;
    else if (node.kind === Kind.LIST) field += `[${String(path[index + 1])}]`;
  });
  return field;
}
