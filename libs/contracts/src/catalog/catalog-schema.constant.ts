import schema from '../../schema/catalog.schema.json';
import type { JsonSchema } from './json-schema.type';

/** The catalogue format: libs/contracts/schema/catalog.schema.json, the one place it is defined. */
export const CATALOG_SCHEMA: JsonSchema = schema as unknown as JsonSchema;

/** The format version every catalogue file names, as the schema requires it. */
export const API_VERSION = CATALOG_SCHEMA.properties?.apiVersion?.const as 'underpin/v1';
