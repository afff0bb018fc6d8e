/** A delivery attempt that did not reach its recipient. */
export class DeliveryFailedException extends Error {
  constructor(
    message: string,
    /** Retrying cannot help (a 4xx answer, a rejected mailbox, a contact gone from the catalogue). */
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'DeliveryFailedException';
  }
}
