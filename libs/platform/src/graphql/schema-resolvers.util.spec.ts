import { Args, Parent } from '@nestjs/graphql';
import type { GraphQLResolveInfo, GraphQLScalarType } from 'graphql';
import { schemaResolvers } from './schema-resolvers.util';

// The shape tools/graphql/codegen.js generates for:
//   type Incident @key(fields: "id") { id: ID!  title: String  timeline(first: Int! = 50): [String!]! }
//   type Note { text: String! }
//   type Query { incident(id: ID!): Incident }
//   type Mutation { close(id: ID!, at: DateTime): Incident! }
type Fn<Out, Parent, Args> = (parent: Parent, args: Args, context: unknown, info: GraphQLResolveInfo) => Promise<Out> | Out;
type IncidentModel = { id: string; title: string | null };
type Resolvers = {
  DateTime?: GraphQLScalarType;
  Incident?: {
    __resolveReference?: (reference: { __typename: 'Incident'; id: string }, context: unknown, info: GraphQLResolveInfo) => Promise<IncidentModel | null> | IncidentModel | null;
    id?: Fn<string, IncidentModel, Record<PropertyKey, never>>;
    title?: Fn<string | null, IncidentModel, Record<PropertyKey, never>>;
    timeline?: Fn<string[], IncidentModel, { first: number }>;
  };
  Note?: { text?: Fn<string, { text: string }, Record<PropertyKey, never>> };
  Query?: { incident?: Fn<IncidentModel | null, Record<PropertyKey, never>, { id: string }> };
  Mutation?: { close?: Fn<IncidentModel, Record<PropertyKey, never>, { id: string; at?: Date | null }> };
};

const { Query, Mutation, RootResolver, typeResolver } = schemaResolvers<Resolvers>();
const Incident = typeResolver('Incident');
const Note = typeResolver('Note');
const incident: IncidentModel = { id: 'INC-1', title: null };

describe(schemaResolvers.name, () => {
  it('binds a class whose methods resolve its own type and the root types', () => {
    @Incident.Resolver()
    class IncidentResolver {
      @Query('incident')
      incident(@Args() { id }: { id: string }): IncidentModel | null {
        return id === incident.id ? incident : null;
      }

      @Mutation('close')
      async close(@Args() { id }: { id: string; at?: Date | null }): Promise<IncidentModel> {
        return { id, title: null };
      }

      @Incident.ResolveField('timeline')
      timeline(@Parent() parent: IncidentModel, @Args() { first }: { first: number }): string[] {
        return [parent.id].slice(0, first);
      }

      @Incident.ResolveReference()
      resolveReference(reference: { id: string }): IncidentModel | null {
        return this.incident(reference);
      }
    }
    expect(new IncidentResolver().timeline(incident, { first: 1 })).toEqual(['INC-1']);
  });

  it("refuses, when the class is defined, a field resolver of another type than the class's", () => {
    expect(() => {
      @Incident.Resolver()
      class MixedResolver {
        @Note.ResolveField('text')
        text(@Parent() note: { text: string }): string {
          return note.text;
        }
      }
      return MixedResolver;
    }).toThrow('MixedResolver.text resolves Note.text, but MixedResolver resolves the fields of Incident');
  });

  it('refuses a field resolver in a class of root fields', () => {
    expect(() => {
      @RootResolver()
      class RootsResolver {
        @Incident.ResolveField('title')
        title(@Parent() parent: IncidentModel): string | null {
          return parent.title;
        }
      }
      return RootsResolver;
    }).toThrow('RootsResolver.title resolves Incident.title, but RootsResolver resolves root fields only');
  });
});

/**
 * Never called: `npm run typecheck` checks that each binding below that the schema does not
 * allow fails to compile (an unused @ts-expect-error is itself an error).
 */
export function bindingsTheSchemaRefuses(): unknown[] {
  class Refused {
    // @ts-expect-error a field the Query type does not have
    @Query('incidents')
    incidents(): IncidentModel[] {
      return [];
    }

    // @ts-expect-error arguments taken one by one rather than as the schema's args object
    @Mutation('close')
    close(@Args('id') id: string): IncidentModel {
      return { id, title: null };
    }

    // @ts-expect-error a result that is not the field's type
    @Query('incident')
    incident(): { id: number } {
      return { id: 1 };
    }

    // @ts-expect-error a field the Incident type does not have
    @Incident.ResolveField('alerts')
    alerts(): string[] {
      return [];
    }

    // @ts-expect-error a parent that is not Incident's model
    @Incident.ResolveField('timeline')
    timeline(@Parent() parent: { ref: string }): string[] {
      return [parent.ref];
    }

    // @ts-expect-error a reference resolver for a type without @key
    @Note.ResolveReference()
    resolveNote(reference: { text: string }): { text: string } {
      return reference;
    }
  }
  // @ts-expect-error a type the schema does not have
  typeResolver('Alert');
  return [Refused];
}
