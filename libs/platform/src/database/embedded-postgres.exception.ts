/** The embedded PostgreSQL could not be set up or started; the message says why, in one line. */
export class EmbeddedPostgresException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedPostgresException';
  }
}
