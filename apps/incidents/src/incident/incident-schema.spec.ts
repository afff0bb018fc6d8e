import { readFileSync } from 'node:fs';
import { ENTITY_ID_DESCRIPTION, INCIDENT_FIELD_RULES, type IncidentTextField } from '@underpin/contracts';
import { subgraphSchemaFile } from '@underpin/platform';
import { Kind, parse, type ConstDirectiveNode, type DefinitionNode, type InputValueDefinitionNode, type StringValueNode } from 'graphql';

const ID_WORDS = 'letters, digits, . _ : - and no spaces';

/** Where the SDL takes a value that becomes an incident event's field, and which field. */
const DOCUMENTED: Array<[coordinate: string, field: IncidentTextField]> = [
  ['Incident.id', 'incident'],
  ['OpenIncidentInput.title', 'title'],
  ['OpenIncidentInput.service', 'service'],
  ['OpenIncidentInput.customer', 'customer'],
  ['OpenIncidentInput.region', 'region'],
  ['OpenIncidentInput.assignee', 'assignee'],
  ['OpenIncidentInput.externalId', 'incident'],
  ['Mutation.handover(to:)', 'to'],
  ['Mutation.pause(reason:)', 'reason'],
];

type Described = { description?: StringValueNode; directives?: readonly ConstDirectiveNode[] };

/** Every type, field and argument of the SDL by its schema coordinate, with its description. */
function coordinates(sdl: string): Map<string, { description: string; owner: string }> {
  const found = new Map<string, { description: string; owner: string }>();
  const text = (node: Described) => node.description?.value ?? '';
  for (const definition of parse(sdl).definitions as readonly DefinitionNode[]) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION) continue;
    const type = definition.name.value;
    found.set(type, { description: text(definition), owner: '' });
    for (const field of definition.fields ?? []) {
      found.set(`${type}.${field.name.value}`, { description: text(field), owner: type });
      const args = 'arguments' in field ? ((field.arguments ?? []) as readonly InputValueDefinitionNode[]) : [];
      for (const arg of args) found.set(`${type}.${field.name.value}(${arg.name.value}:)`, { description: text(arg), owner: type });
    }
  }
  return found;
}

describe('incidents schema.graphql', () => {
  const sdl = coordinates(readFileSync(subgraphSchemaFile('incidents'), 'utf8'));

  it('speaks of ids in the words of the contract', () => {
    expect(ENTITY_ID_DESCRIPTION.endsWith(ID_WORDS)).toBe(true);
  });

  it.each(DOCUMENTED)('documents the contract limits of %s', (coordinate, field) => {
    const entry = sdl.get(coordinate);
    if (entry === undefined) throw new Error(`${coordinate} is not in the SDL`);
    const rule = INCIDENT_FIELD_RULES[field];
    expect(entry.description).toContain(`at most ${rule.maxLength} characters`);
    if ('pattern' in rule) {
      // An argument says it itself; the fields of an input type may share their type's words.
      const words = `${entry.description} ${coordinate.includes('(') ? '' : (sdl.get(entry.owner)?.description ?? '')}`;
      expect(words.replace(/\s+/g, ' ')).toContain(ID_WORDS);
    }
  });
});
