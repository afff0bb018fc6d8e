import { CATALOG_SCHEMA } from './catalog-schema.constant';
import { SchemaIndex } from './schema-index.util';
import type { JsonSchema } from './json-schema.type';

const index = new SchemaIndex(CATALOG_SCHEMA);
const definitions = CATALOG_SCHEMA.definitions ?? {};
const agreementFields = definitions.agreement?.properties ?? {};

function keysOf(schema: JsonSchema | undefined): readonly string[] {
  return schema === undefined ? [] : index.declaredKeys(schema);
}

/**
 * The keys each mapping of the catalogue format may hold, read from the schema (the loader
 * validates against the schema itself; this is for tools and documentation).
 */
export const CATALOG_KEYS = {
  catalog: keysOf(CATALOG_SCHEMA),
  party: keysOf(definitions.party),
  calendar: keysOf(definitions.calendar),
  maintenance: keysOf(definitions.maintenance),
  oneOffWindow: keysOf(definitions.maintenance?.properties?.oneOff?.items),
  service: keysOf(definitions.service),
  agreement: keysOf(definitions.agreement),
  effective: keysOf(agreementFields.effective),
  fee: keysOf(agreementFields.fee),
  objective: keysOf(definitions.objective),
  credits: keysOf(definitions.credits),
  creditRule: keysOf(definitions.creditRule),
  creditTier: keysOf(definitions.creditTier),
  exitTrigger: keysOf(definitions.exitTrigger),
  contact: keysOf(definitions.contact),
  webhook: keysOf(definitions.webhook),
  secretRef: keysOf(definitions.secretRef),
  escalation: keysOf(definitions.escalation),
  escalationWhen: keysOf(definitions.escalationWhen),
} satisfies Record<string, readonly string[]>;
