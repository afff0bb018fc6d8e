import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CATALOG_CHANGES_TOPIC, type CatalogPublishedPayload, type EnvelopeOf } from '@underpin/contracts';
import { IdempotentConsumer, typeOrmTransactional, type HandlerContext, type MessagingLogger, type Subscription } from '@underpin/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import type { ServiceRuntime } from '../service/service-runtime.type';
import type { CatalogReplicaService } from './catalog-replica.service';
import type { CatalogReplicaStore } from './catalog-replica-store.util';
import type { CatalogSnapshot } from './catalog-replica.type';

type CatalogEnvelope = EnvelopeOf<typeof CATALOG_CHANGES_TOPIC>;

export interface CatalogReplicaConsumerOptions {
  schema: string;
  group: string;
  /** How often an instance checks for a catalogue another instance applied; 0 = never. */
  refreshMs: number;
}

/**
 * Applies `catalog.published` to the replica table exactly once in effect (its event id is
 * recorded in the same transaction), then moves the in-memory copy and tells the listeners.
 * agreement.* events are the audit trail; a replica has the whole catalogue and skips them.
 */
export class CatalogReplicaConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscription: Subscription | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Snapshots stored by a transaction not yet known to have committed, by event id. */
  private readonly staged = new Map<string, CatalogSnapshot>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: ServiceRuntime,
    private readonly store: CatalogReplicaStore,
    private readonly replica: CatalogReplicaService,
    private readonly options: CatalogReplicaConsumerOptions,
    private readonly logger: MessagingLogger,
  ) {}

  onApplicationBootstrap(): void {
    const consumer = new IdempotentConsumer<EntityManager, CatalogEnvelope>({
      transactional: typeOrmTransactional(this.dataSource),
      schema: this.options.schema,
      group: this.options.group,
      apply: async (manager, envelope) => {
        const next = await this.store.replace(manager, envelope.payload as CatalogPublishedPayload, envelope.id);
        if (next) this.staged.set(envelope.id, next);
      },
    });
    this.subscription = this.runtime.bus.subscribe({
      topic: CATALOG_CHANGES_TOPIC,
      group: this.options.group,
      // A valid catalogue can only fail to apply for a transient reason (the database); skipping
      // it would leave the service on an old catalogue until the next one, so it waits instead.
      retry: { onExhausted: 'block' },
      handler: (envelope, context) => this.handle(consumer, envelope, context),
    });
    if (this.options.refreshMs > 0) {
      this.timer = setInterval(() => void this.refresh(), this.options.refreshMs);
      this.timer.unref();
    }
    this.logger.info(`consuming ${CATALOG_CHANGES_TOPIC.name} as ${this.options.group}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.subscription?.close();
  }

  private async handle(consumer: IdempotentConsumer<EntityManager, CatalogEnvelope>, envelope: CatalogEnvelope, context: HandlerContext): Promise<void> {
    if (envelope.type !== 'catalog.published') return;
    try {
      await consumer.handler(envelope, context);
      const next = this.staged.get(envelope.id);
      if (next) {
        this.logger.info('catalogue replica updated', { group: this.options.group, revision: next.revision });
        await this.replica.advance(next);
      }
    } finally {
      this.staged.delete(envelope.id);
    }
  }

  private async refresh(): Promise<void> {
    try {
      await this.replica.refresh();
    } catch (error) {
      this.logger.warn('catalogue replica refresh failed', { group: this.options.group, error: error instanceof Error ? error.message : String(error) });
    }
  }
}
