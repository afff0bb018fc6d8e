import type { Catalog } from '@underpin/domain';
import type { CatalogVersion, ClockCatalogSource } from './clock-catalog-source.type';
import { CompiledCatalogs } from './compiled-catalogs.service';

class SwitchableSource implements ClockCatalogSource {
  version: CatalogVersion | undefined;
  current(): CatalogVersion | undefined {
    return this.version;
  }
  onChange(): () => void {
    return () => undefined;
  }
}

const catalog = (calendarZone: string): Catalog =>
  ({ calendars: [{ id: 'office', timezone: calendarZone, weekly: [{ day: 0, startMinute: 480, endMinute: 960 }], holidays: [] }], agreements: [] }) as unknown as Catalog;

describe(CompiledCatalogs.name, () => {
  it('is undefined until a catalogue is known', () => {
    expect(new CompiledCatalogs(new SwitchableSource()).current()).toBeUndefined();
  });

  it('compiles calendars once per revision and again when the revision changes', () => {
    const source = new SwitchableSource();
    const catalogs = new CompiledCatalogs(source);
    source.version = { revision: 'r1', catalog: catalog('Europe/Stockholm') };
    const first = catalogs.current()!;
    expect(catalogs.current()).toBe(first);
    expect(first.calendarOf('office')).toBe(first.calendarOf('office'));
    expect(first.calendarOf(undefined).id).toBe('always');

    source.version = { revision: 'r2', catalog: catalog('UTC') };
    const second = catalogs.current()!;
    expect(second.revision).toBe('r2');
    expect(second.calendarOf('office')).not.toBe(first.calendarOf('office'));
  });
});
