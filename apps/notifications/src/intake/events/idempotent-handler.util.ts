import type { EventEnvelope } from '@underpin/contracts';
import { IdempotentConsumer, toSqlRunner, typeOrmTransactional, type EventHandler, type SqlRunner } from '@underpin/messaging';
import type { ServiceRuntime } from '@underpin/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { NOTIFICATIONS_SCHEMA } from '../../notifications-schema.constant';

/**
 * A bus handler that runs `apply` in the transaction recording the event id for `group`: a
 * redelivered event finds its id and changes nothing.
 */
export function idempotentHandler<E extends EventEnvelope>(
  runtime: ServiceRuntime,
  dataSource: DataSource,
  group: string,
  apply: (sql: SqlRunner, envelope: E, now: Date) => Promise<void>,
): EventHandler<E> {
  const consumer = new IdempotentConsumer<EntityManager, E>({
    transactional: typeOrmTransactional(dataSource),
    schema: NOTIFICATIONS_SCHEMA,
    group,
    apply: (manager, envelope) => apply(toSqlRunner(manager), envelope, new Date(runtime.now())),
  });
  return consumer.handler;
}
