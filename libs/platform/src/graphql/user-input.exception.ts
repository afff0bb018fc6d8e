import { GraphQLError, type ASTNode } from 'graphql';
import { ENTITY_ID_DESCRIPTION, ENTITY_ID_PATTERN, textProblem, type TextRule } from '@underpin/contracts';

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
export class InvalidValueError extends GraphQLError {
  constructor(readonly problem: string, node?: ASTNode) {
    super(problem, { nodes: node, extensions: { code: 'BAD_USER_INPUT' } });
    this.name = 'InvalidValueError';
  }
}

/** A command that is valid on its own but not in the current state (resolve a closed incident). */
export class ConflictException extends GraphQLError {
  constructor(message: string, readonly reason: string) {
    super(message, { extensions: { code: 'CONFLICT', reason } });
    this.name = 'ConflictException';
  }
}

export class NotFoundException extends GraphQLError {
  constructor(what: string, id: string) {
    super(`${what} ${id} not found`, { extensions: { code: 'NOT_FOUND' } });
    this.name = 'NotFoundException';
  }
}

/** Ids of services, customers, regions and parties: the contracts' one definition. */
export const ID_PATTERN = { pattern: ENTITY_ID_PATTERN, patternHint: `must be ${ENTITY_ID_DESCRIPTION}` };

/** Collects problems and throws them all at once, so the caller fixes everything in one go. */
export class InputChecker {
  private readonly problems: FieldProblem[] = [];

  require(condition: boolean, field: string, message: string): this {
    if (!condition) this.problems.push({ field, message });
    return this;
  }

  text(value: string | undefined | null, field: string, opts: { required?: boolean; max?: number; pattern?: RegExp; patternHint?: string } = {}): this {
    if (value === undefined || value === null) {
      if (opts.required) this.problems.push({ field, message: 'is required' });
      return this;
    }
    if (opts.required && value.trim() === '') this.problems.push({ field, message: 'must not be empty' });
    if (opts.max !== undefined && value.length > opts.max) this.problems.push({ field, message: `must be at most ${opts.max} characters` });
    if (opts.pattern && value !== '' && !opts.pattern.test(value)) this.problems.push({ field, message: opts.patternHint ?? `must match ${opts.pattern}` });
    return this;
  }

  /**
   * Checks a text field against a rule of the contracts, in the words the event schemas use,
   * so an API refuses exactly what its events' consumers would.
   */
  rule(value: string | undefined | null, field: string, rule: TextRule, opts: { required?: boolean } = {}): this {
    if (value === undefined || value === null) {
      if (opts.required) this.problems.push({ field, message: 'is required' });
      return this;
    }
    const problem = textProblem(value, rule);
    if (problem !== undefined) this.problems.push({ field, message: problem });
    return this;
  }

  throwIfAny(): void {
    if (this.problems.length) throw new UserInputException(this.problems);
  }
}
