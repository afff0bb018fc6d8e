import type { Catalog } from '@underpin/domain';
import { silentLogger, type MessagingLogger, type SqlRunner } from '@underpin/messaging';
import { catalog } from '@underpin/testing';
import { CatalogReplicaService } from './catalog-replica.service';
import type { CatalogReplicaStore } from './catalog-replica-store.util';
import type { CatalogSnapshot } from './catalog-replica.type';

const EMPTY = catalog();
const snapshot = (revision: string, seq = 1): CatalogSnapshot => ({ revision, catalog: EMPTY, publishedAt: '2026-03-02T08:00:00.000Z', seq });

/** A store whose stored row the test sets directly. */
function fakeStore(initial?: CatalogSnapshot): CatalogReplicaStore & { stored?: CatalogSnapshot; reads: number } {
  const store = {
    stored: initial,
    reads: 0,
    read: async () => {
      store.reads += 1;
      return store.stored;
    },
    revision: async () => store.stored?.revision,
    versions: async () => (store.stored ? [{ seq: store.stored.seq, revision: store.stored.revision, publishedAt: store.stored.publishedAt }] : []),
  };
  return store as unknown as CatalogReplicaStore & { stored?: CatalogSnapshot; reads: number };
}

const sql: SqlRunner = { query: async () => [] };

describe(CatalogReplicaService.name, () => {
  it('holds nothing before load and the stored catalogue after', async () => {
    const replica = new CatalogReplicaService(fakeStore(snapshot('r1')), sql, silentLogger);
    expect(replica.current()).toBeUndefined();
    await replica.load();
    expect(replica.current()?.revision).toBe('r1');
  });

  it('tells every listener the next and previous catalogue, in registration order, after memory moved', async () => {
    const replica = new CatalogReplicaService(fakeStore(snapshot('r1')), sql, silentLogger);
    await replica.load();
    const seen: string[] = [];
    replica.onChange((next, previous) => {
      seen.push(`a:${previous?.revision}->${next.revision}:${replica.current()?.revision}`);
    });
    replica.onChange(async (next) => {
      await Promise.resolve();
      seen.push(`b:${next.revision}`);
    });
    await replica.advance(snapshot('r2', 2));
    expect(seen).toEqual(['a:r1->r2:r2', 'b:r2']);
  });

  it('logs a failing listener and still calls the others', async () => {
    const errors: string[] = [];
    const logger: MessagingLogger = { ...silentLogger, error: (message, fields) => errors.push(`${message} ${JSON.stringify(fields)}`) };
    const replica = new CatalogReplicaService(fakeStore(), sql, logger);
    const after = jest.fn();
    replica.onChange(() => {
      throw new Error('re-evaluation failed');
    });
    replica.onChange(after);
    await replica.advance(snapshot('r1'));
    expect(after).toHaveBeenCalledWith(snapshot('r1'), undefined);
    expect(errors).toEqual([expect.stringContaining('re-evaluation failed')]);
  });

  it('stops calling a listener once it is removed', async () => {
    const replica = new CatalogReplicaService(fakeStore(), sql, silentLogger);
    const listener = jest.fn();
    const remove = replica.onChange(listener);
    await replica.advance(snapshot('r1'));
    remove();
    await replica.advance(snapshot('r2', 2));
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('refreshes from the table only when another instance stored a different revision, without listeners', async () => {
    const store = fakeStore(snapshot('r1'));
    const replica = new CatalogReplicaService(store, sql, silentLogger);
    await replica.load();
    const listener = jest.fn();
    replica.onChange(listener);
    expect(await replica.refresh()).toBe(false);
    expect(store.reads).toBe(1);
    store.stored = snapshot('r2', 2);
    expect(await replica.refresh()).toBe(true);
    expect(replica.current()?.revision).toBe('r2');
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps every catalogue it was given in order, and reads an earlier one back from its table', async () => {
    const store = fakeStore(snapshot('r1'));
    const earlier: Catalog = { ...EMPTY, parties: [{ id: 'old', kind: 'team' }] };
    const reads: number[] = [];
    Object.assign(store, {
      catalogOf: async (_sql: unknown, seq: number) => {
        reads.push(seq);
        return seq === 1 ? earlier : undefined;
      },
    });
    const replica = new CatalogReplicaService(store, sql, silentLogger);
    await replica.load();
    await replica.advance(snapshot('r2', 2));
    expect(replica.versions().map((v) => `${v.seq}:${v.revision}`)).toEqual(['1:r1', '2:r2']);
    expect(await replica.catalogOf(2)).toBe(EMPTY);
    expect(await replica.catalogOf(1)).toBe(earlier);
    expect(await replica.catalogOf(1)).toBe(earlier);
    expect(reads).toEqual([1]);
    await expect(replica.catalogOf(7)).rejects.toThrow('no version 7');
  });
});
