/**
 * The brokers did not answer in time (refused, unknown host, silence). Its message is one
 * line naming the brokers and the cause, fit to show an operator as it is.
 */
export class KafkaUnreachableException extends Error {
  constructor(
    readonly brokers: readonly string[],
    cause: string,
  ) {
    super(`cannot reach Kafka at ${brokers.join(',')}: ${cause}`);
    this.name = 'KafkaUnreachableException';
  }
}
