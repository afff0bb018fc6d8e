/** A calendar or maintenance specification that cannot be compiled; `field` names the culprit. */
export class InvalidCalendarException extends Error {
  constructor(
    readonly calendarId: string,
    readonly field: string,
    problem: string,
  ) {
    super(`calendar "${calendarId}": ${field} ${problem}`);
    this.name = 'InvalidCalendarException';
  }
}
