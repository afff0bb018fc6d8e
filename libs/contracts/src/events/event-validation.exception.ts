import { formatValidationIssues, type ValidationIssue } from './schema.util';

/** An event that does not satisfy its topic's contract; the message names every bad field. */
export class EventValidationException extends Error {
  constructor(
    readonly topic: string,
    readonly issues: readonly ValidationIssue[],
  ) {
    super(`invalid event for ${topic}: ${formatValidationIssues(issues)}`);
    this.name = 'EventValidationException';
  }
}
