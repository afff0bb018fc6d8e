/** Bad input to a period calculation; `field` names what was wrong so callers can report it. */
export class InvalidPeriodInputException extends Error {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'InvalidPeriodInputException';
  }
}
