/** Wrong configuration of a bus, subscription, outbox or relay: a programming or deployment error. */
export class MessagingConfigException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MessagingConfigException';
  }
}

/** The bus was stopped while an operation waited on it; the operation did not complete. */
export class BusStoppedException extends Error {
  constructor(what: string) {
    super(`event bus stopped: ${what} did not complete`);
    this.name = 'BusStoppedException';
  }
}

/** Consumption was interrupted (stop, rebalance): the current records must not be committed. */
export class DeliveryInterruptedException extends Error {
  constructor() {
    super('delivery interrupted');
    this.name = 'DeliveryInterruptedException';
  }
}
