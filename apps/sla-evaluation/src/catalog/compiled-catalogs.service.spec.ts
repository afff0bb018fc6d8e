import type { Catalog } from '@underpin/domain';
import type { ServiceRuntime } from '@underpin/platform';
import { catalog as catalogOf } from '@underpin/testing';
import type { CatalogVersionRef, ClockCatalogSource, SourceCatalog } from './clock-catalog-source.type';
import { CompiledCatalogsService } from './compiled-catalogs.service';

/** A replica in memory: the test appends versions and says when the service saw them. */
class VersionedSource implements ClockCatalogSource {
  readonly history: SourceCatalog[] = [];
  readonly reads: number[] = [];
  private listeners: Array<(next: SourceCatalog) => void> = [];

  add(revision: string, publishedAt: string, catalog: Catalog): void {
    const next = { seq: this.history.length + 1, revision, publishedAt, catalog };
    this.history.push(next);
    for (const listener of this.listeners) listener(next);
  }
  current(): SourceCatalog | undefined {
    return this.history.at(-1);
  }
  versions(): readonly CatalogVersionRef[] {
    return this.history.map(({ seq, revision, publishedAt }) => ({ seq, revision, publishedAt }));
  }
  async catalogOf(seq: number): Promise<Catalog> {
    this.reads.push(seq);
    return this.history[seq - 1].catalog;
  }
  onChange(listener: (next: SourceCatalog) => void): () => void {
    this.listeners.push(listener);
    return () => undefined;
  }
}

const catalog = (calendarZone: string): Catalog =>
  catalogOf({ calendars: [{ id: 'office', timezone: calendarZone, weekly: [{ day: 0, startMinute: 480, endMinute: 960 }], holidays: [] }], agreements: [] });

describe(CompiledCatalogsService.name, () => {
  let now = Date.parse('2026-03-03T12:00:00Z');
  const runtime = { now: () => now } as unknown as ServiceRuntime;

  it('is undefined until a catalogue is known', async () => {
    const catalogs = new CompiledCatalogsService(new VersionedSource(), runtime);
    expect(catalogs.current()).toBeUndefined();
    expect(await catalogs.over(0, 1)).toEqual([]);
  });

  it('compiles calendars once per version and again when the version changes', () => {
    const source = new VersionedSource();
    const catalogs = new CompiledCatalogsService(source, runtime);
    source.add('r1', '2026-03-01T00:00:00Z', catalog('Europe/Stockholm'));
    const first = catalogs.current()!;
    expect(catalogs.current()).toBe(first);
    expect(first.calendarOf('office')).toBe(first.calendarOf('office'));
    expect(first.calendarOf(undefined).id).toBe('always');
    // The first version covers everything before it.
    expect(first.from).toBe(Number.NEGATIVE_INFINITY);

    source.add('r2', '2026-03-02T00:00:00Z', catalog('UTC'));
    const second = catalogs.current()!;
    expect(second.revision).toBe('r2');
    expect(second.from).toBe(Date.parse('2026-03-02T00:00:00Z'));
    expect(second.calendarOf('office')).not.toBe(first.calendarOf('office'));
  });

  it('gives the versions in force over a span, reading earlier ones once', async () => {
    const source = new VersionedSource();
    const catalogs = new CompiledCatalogsService(source, runtime);
    source.add('r1', '2026-03-01T00:00:00Z', catalog('UTC'));
    source.add('r2', '2026-03-02T00:00:00Z', catalog('UTC'));
    source.add('r3', '2026-03-03T00:00:00Z', catalog('UTC'));
    const revisions = async (from: string, to: string) => (await catalogs.over(Date.parse(from), Date.parse(to))).map((v) => v.revision);
    expect(await revisions('2026-02-01T00:00:00Z', '2026-02-02T00:00:00Z')).toEqual(['r1']);
    expect(await revisions('2026-03-01T12:00:00Z', '2026-03-02T12:00:00Z')).toEqual(['r1', 'r2']);
    expect(await revisions('2026-03-02T00:00:00Z', '2026-03-05T00:00:00Z')).toEqual(['r2', 'r3']);
    expect(await revisions('2026-03-04T00:00:00Z', '2026-03-05T00:00:00Z')).toEqual(['r3']);
    expect(source.reads).toEqual([1, 2]);
  });

  it('puts a version published ahead of this service’s clock in force when the service saw it', () => {
    const source = new VersionedSource();
    const catalogs = new CompiledCatalogsService(source, runtime);
    source.add('r1', '2026-03-01T00:00:00Z', catalog('UTC'));
    now = Date.parse('2026-03-03T12:00:00Z');
    source.add('r2', '2026-03-03T12:00:05Z', catalog('UTC'));
    expect(catalogs.current()!.from).toBe(now);
  });
});
