import { GraphQLError, type ASTNode } from 'graphql';

export interface FieldProblem {
  /** Path of the offending field, e.g. `input.service`. */
  field: string;
  message: string;
}

/**
 * A request the caller must fix. Rendered as a GraphQL error with code BAD_USER_INPUT
 * naming every offending field, and as HTTP 400 by the REST intake.
 */
export class UserInputException extends GraphQLError {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '), {
      extensions: { code: 'BAD_USER_INPUT', fields: problems },
    });
    this.name = 'UserInputException';
  }
}

/**
 * A scalar value that cannot be read (a DateTime that is not an instant). graphql-js reports
 * it without saying which argument it was given for; the subgraph's formatError finds that
 * from `node` and turns it into the BAD_USER_INPUT a UserInputException would be.
 */
export class InvalidValueException extends GraphQLError {
  constructor(readonly problem: string, node?: ASTNode) {
    super(problem, { nodes: node, extensions: { code: 'BAD_USER_INPUT' } });
    this.name = 'InvalidValueException';
  }
}

/** A command that is valid on its own but not in the current state (resolve a closed incident). */
export class StateConflictException extends GraphQLError {
  constructor(message: string, readonly reason: string) {
    super(message, { extensions: { code: 'CONFLICT', reason } });
    this.name = 'StateConflictException';
  }
}

export class UnknownEntityException extends GraphQLError {
  constructor(what: string, id: string) {
    super(`${what} ${id} not found`, { extensions: { code: 'NOT_FOUND' } });
    this.name = 'UnknownEntityException';
  }
}
