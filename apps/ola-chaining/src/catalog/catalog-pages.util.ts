import type { AgreementKind } from '@underpin/domain';
import { pageOfList, type ConnectionModel, type PageArgs } from '@underpin/platform';
import type { CatalogIndex } from './catalog-index.util';

/**
 * The cursor names of the catalogue's lists, with the filter they were asked with: a cursor of
 * the SLAs is refused by the list of all agreements instead of being read as a position in it.
 */
export const CATALOG_LISTS = {
  parties: 'parties',
  calendars: 'calendars',
  maintenance: 'maintenance',
  services: 'services',
  agreements: (kind?: AgreementKind | null) => `agreements:${kind ?? 'all'}`,
  findings: (agreement?: string | null) => `findings:${agreement ?? 'all'}`,
  underpins: (ref: string) => `underpins:${ref}`,
};

/**
 * A page of a list of one catalogue version, in catalogue order. Versions never change, so
 * the position in the list is a stable cursor while the version stands; a newer version
 * refuses it rather than mix the pages of two catalogues.
 */
export function catalogPage<T>(index: CatalogIndex | undefined, list: string, items: readonly T[], args: PageArgs): ConnectionModel<T> {
  return pageOfList(items, args, { list, version: index?.revision ?? 'none' });
}
