import { ENTITY_ID_DESCRIPTION, ENTITY_ID_PATTERN, textProblem, type TextRule } from '@underpin/contracts';
import { UserInputException, type FieldProblem } from './user-input.exception';

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
