import Ajv from 'ajv';
import { CATALOG_FORMATS } from './catalog-formats.util';
import { CATALOG_SCHEMA } from './catalog-schema.constant';

/**
 * catalog.schema.json compiled by a validator other than the loader's own, strict about the
 * schema itself: it knows the editors' keywords, and checks each format with the loader's
 * code for it.
 */
export function compileCatalogSchemaWithAjv() {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
  ajv.addVocabulary(['errorMessage', 'markdownDescription']);
  for (const [name, problemOf] of Object.entries(CATALOG_FORMATS)) {
    ajv.addFormat(name, { type: 'string', validate: (value: string) => problemOf(value) === undefined });
  }
  return ajv.compile(CATALOG_SCHEMA);
}
