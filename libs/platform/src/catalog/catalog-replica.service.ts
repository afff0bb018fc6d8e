import type { MessagingLogger, SqlRunner } from '@underpin/messaging';
import { errorMessage } from '@underpin/messaging';
import type { CatalogReplicaStore } from './catalog-replica-store.util';
import type { Catalog } from '@underpin/domain';
import type { CatalogChangeListener, CatalogSnapshot, CatalogVersionRef } from './catalog-replica.type';

/** Earlier catalogues kept in memory once read: incidents spanning versions are few. */
const EARLIER_CACHED = 8;

/**
 * The service's view of the catalogue in force: read from its own table at boot, replaced
 * by each `catalog.published` the service applies. Reads are synchronous and in memory, so
 * hot paths (clocks, deliveries) never wait on the database for it.
 */
export class CatalogReplicaService {
  private snapshot: CatalogSnapshot | undefined;
  private history: CatalogVersionRef[] = [];
  private readonly earlier = new Map<number, Catalog>();
  private readonly listeners: CatalogChangeListener[] = [];

  constructor(
    private readonly store: CatalogReplicaStore,
    private readonly sql: SqlRunner,
    private readonly logger: MessagingLogger,
  ) {}

  /** The latest catalogue this service has applied; undefined before the first one. */
  current(): CatalogSnapshot | undefined {
    return this.snapshot;
  }

  /**
   * Registers a listener for later changes; returns a function that removes it. Listeners run
   * one after another, in the instance that applied the change, after it committed: once per
   * change per service. One that fails is logged and does not stop the others; the change is
   * not redelivered for it, so a listener that must not miss one re-reads `current()` at boot.
   */
  onChange(listener: CatalogChangeListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  /**
   * Every catalogue this service was given, oldest first (the last is `current()`): when
   * each came, so a calculation can tell which terms were in force at an instant.
   */
  versions(): readonly CatalogVersionRef[] {
    return this.history;
  }

  /** The catalogue of a history entry: the one in force from memory, earlier ones from the table. */
  async catalogOf(seq: number): Promise<Catalog> {
    if (this.snapshot?.seq === seq) return this.snapshot.catalog;
    const cached = this.earlier.get(seq);
    if (cached) return cached;
    const catalog = await this.store.catalogOf(this.sql, seq);
    if (catalog === undefined) throw new RangeError(`catalogue replica: no version ${seq} in the history`);
    if (this.earlier.size >= EARLIER_CACHED) this.earlier.delete(this.earlier.keys().next().value as number);
    this.earlier.set(seq, catalog);
    return catalog;
  }

  /** Reads the stored catalogue and its history (at boot). */
  async load(): Promise<void> {
    const [snapshot, history] = await Promise.all([this.store.read(this.sql), this.store.versions(this.sql)]);
    this.snapshot = snapshot;
    this.history = history;
  }

  /**
   * Picks up a catalogue that another instance of the service applied (a consumer group
   * hands one key to one member only). Listeners do not run here: they ran where it applied.
   */
  async refresh(): Promise<boolean> {
    const revision = await this.store.revision(this.sql);
    if (revision === undefined || revision === this.snapshot?.revision) return false;
    await this.load();
    return true;
  }

  /** Called once the transaction that stored `next` committed. */
  async advance(next: CatalogSnapshot): Promise<void> {
    const previous = this.snapshot;
    this.snapshot = next;
    if (!this.history.some((ref) => ref.seq === next.seq)) {
      this.history = [...this.history, { seq: next.seq, revision: next.revision, publishedAt: next.publishedAt }].sort((a, b) => a.seq - b.seq);
    }
    for (const listener of [...this.listeners]) {
      try {
        await listener(next, previous);
      } catch (error) {
        this.logger.error('catalogue change listener failed', { revision: next.revision, error: errorMessage(error) });
      }
    }
  }
}
