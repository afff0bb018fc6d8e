/** A credit rule or exit trigger that cannot be applied; `field` is its path in the agreement. */
export class InvalidCreditInputException extends Error {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'InvalidCreditInputException';
  }
}
