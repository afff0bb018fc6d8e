import { GraphQLError } from 'graphql';

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

/** Collects problems and throws them all at once, so the caller fixes everything in one go. */
/** Ids of services, customers, regions and parties, as the catalogue writes them. */
export const ID_PATTERN = { pattern: /^[A-Za-z0-9][A-Za-z0-9._:-]*$/, patternHint: 'must be an id: letters, digits, . _ : - and no spaces' };

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

  throwIfAny(): void {
    if (this.problems.length) throw new UserInputException(this.problems);
  }
}
