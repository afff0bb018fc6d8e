/** The relay stopped while a batch was being published: its rows stay queued for the next relay. */
export class RelayStoppedException extends Error {
  constructor() {
    super('outbox relay stopped while publishing; the rows stay queued');
    this.name = 'RelayStoppedException';
  }
}
