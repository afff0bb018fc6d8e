import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { unresolvedFields, type SchemaModels } from './schema-models.util';
import { subgraphOptions } from './subgraph.util';

const SDL = parse(`
  type Incident { id: ID!  timeline: [String!]!  clocks: [String!]! }
  type Query { incident(id: ID!): Incident }
`);

function schemaResolving(fields: string[]): GraphQLSchema {
  const incident = Object.fromEntries(fields.map((field) => [field, () => []]));
  return buildSubgraphSchema([{ typeDefs: SDL, resolvers: { Incident: incident, Query: { incident: () => null } } }]);
}

const MODELS: SchemaModels = { Incident: { resolved: ['timeline', 'clocks'] } };

describe(unresolvedFields.name, () => {
  it('names each field the models leave out that no resolver computes', () => {
    expect(unresolvedFields(schemaResolving(['timeline', 'clocks']), MODELS)).toEqual([]);
    expect(unresolvedFields(schemaResolving(['timeline']), MODELS)).toEqual(['Incident.clocks']);
    expect(unresolvedFields(schemaResolving([]), { Incident: { resolved: ['timeline'] }, Alert: { resolved: ['at'] } })).toEqual(['Incident.timeline', 'Alert.at']);
  });

  it("stops a subgraph's schema from being served while such a field is left", () => {
    const transform = subgraphOptions('incidents', MODELS).transformSchema!;
    const complete = schemaResolving(['timeline', 'clocks']);
    expect(transform(complete)).toBe(complete);
    expect(() => transform(schemaResolving(['clocks']))).toThrow('incidents: no resolver computes Incident.timeline, which its schema models leave out');
  });
});
