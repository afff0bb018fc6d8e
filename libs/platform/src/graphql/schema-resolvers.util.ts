import { Mutation as NestMutation, Query as NestQuery, ResolveField as NestResolveField, ResolveReference as NestResolveReference, Resolver as NestResolver } from '@nestjs/graphql';
import type { GraphQLScalarType } from 'graphql';

// Typed over the `Resolvers` map that tools/graphql/codegen.js generates from a subgraph's SDL:
// type name → field name → `(parent, args, context, info) => result`.

type AnyFunction = (...args: never[]) => unknown;
type RootType = 'Query' | 'Mutation' | 'Subscription';

/** The field resolvers of type T (never for a scalar). */
type FieldResolvers<R, T> = T extends keyof R ? Exclude<NonNullable<R[T]>, GraphQLScalarType> : never;

/** The object types of the schema, the root types apart. */
export type SchemaObjectType<R> = Exclude<{ [T in keyof R]-?: NonNullable<R[T]> extends GraphQLScalarType ? never : T }[keyof R], RootType> & string;

/** The fields of T, without the `__resolveReference` and `__isTypeOf` hooks. */
export type SchemaField<R, T> = Exclude<keyof FieldResolvers<R, T>, `__${string}`> & string;

type ResolverOf<R, T, F> = F extends keyof FieldResolvers<R, T> ? Extract<NonNullable<FieldResolvers<R, T>[F]>, AnyFunction> : never;
type Params<Fn> = Fn extends (...args: infer P) => unknown ? P : never;
type Result<Fn> = Fn extends (...args: never[]) => infer O ? O : never;

/** A Query or Mutation method: `(@Args() args)`. */
export type RootMethod<Fn> = (args: Params<Fn>[1]) => Result<Fn>;
/** A field resolver method: `(@Parent() parent, @Args() args)`. */
export type FieldMethod<Fn> = (parent: Params<Fn>[0], args: Params<Fn>[1]) => Result<Fn>;
/** A reference resolver method: `(reference)`. */
export type ReferenceMethod<Fn> = (reference: Params<Fn>[0]) => Result<Fn>;

/** A method decorator that only compiles on a method assignable to M. */
export type CheckedMethodDecorator<M> = <Method extends M>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<Method>) => void;

/** The type whose field each decorated method resolves, to refuse a class that mixes types. */
const fieldOwners = new WeakMap<object, { type: string; field: string }>();

function checkFieldOwners(target: { name: string; prototype: object }, type: string | undefined): void {
  for (const key of Object.getOwnPropertyNames(target.prototype)) {
    const method = Object.getOwnPropertyDescriptor(target.prototype, key)?.value as unknown;
    const owner = typeof method === 'function' ? fieldOwners.get(method) : undefined;
    if (owner && owner.type !== type) {
      throw new Error(`${target.name}.${key} resolves ${owner.type}.${owner.field}, but ${target.name} resolves ${type ? `the fields of ${type}` : 'root fields only'}`);
    }
  }
}

/** The decorators binding one type's resolver class to the schema. */
export interface TypeResolverDecorators<R, T extends string> {
  /** The class resolves fields of T: `@Resolver('T')`. */
  Resolver(): ClassDecorator;
  /** `@ResolveField(field)` on a method `(@Parent() parent, @Args() args)` typed as the schema has it. */
  ResolveField<F extends SchemaField<R, T>>(field: F): CheckedMethodDecorator<FieldMethod<ResolverOf<R, T, F>>>;
  /** `@ResolveReference()` on a method taking the entity's key fields; only for an entity (@key). */
  ResolveReference(): CheckedMethodDecorator<ReferenceMethod<ResolverOf<R, T, '__resolveReference'>>>;
}

export interface SchemaResolverDecorators<R> {
  /** `@Query(field)` on a method `(@Args() args)` typed as the schema has it. */
  Query<F extends SchemaField<R, 'Query'>>(field: F): CheckedMethodDecorator<RootMethod<ResolverOf<R, 'Query', F>>>;
  /** `@Mutation(field)` on a method `(@Args() args)` typed as the schema has it. */
  Mutation<F extends SchemaField<R, 'Mutation'>>(field: F): CheckedMethodDecorator<RootMethod<ResolverOf<R, 'Mutation', F>>>;
  /** A class with Query and Mutation methods only. */
  RootResolver(): ClassDecorator;
  /** The decorators of a class resolving the fields of T. */
  typeResolver<T extends SchemaObjectType<R>>(type: T): TypeResolverDecorators<R, T>;
}

/**
 * Nest's resolver decorators, bound to a subgraph's generated `Resolvers` type. A type, field or
 * argument renamed in the SDL, or a resolver whose parent, arguments or result no longer match
 * it, then fails `npm run typecheck` instead of compiling and failing at the first query.
 */
export function schemaResolvers<R>(): SchemaResolverDecorators<R> {
  return {
    Query: (field) => NestQuery(field) as never,
    Mutation: (field) => NestMutation(field) as never,
    RootResolver: () => (target) => {
      checkFieldOwners(target, undefined);
      NestResolver()(target);
    },
    typeResolver: (type) => ({
      Resolver: () => (target) => {
        checkFieldOwners(target, type);
        NestResolver(type)(target);
      },
      ResolveField: (field) =>
        ((target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
          fieldOwners.set(descriptor.value as object, { type, field });
          NestResolveField(field)(target, key, descriptor);
        }) as never,
      ResolveReference: () => NestResolveReference() as never,
    }),
  };
}
