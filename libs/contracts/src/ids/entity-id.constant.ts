/**
 * The one id pattern of the platform: incidents, services, customers, regions, parties and
 * pause reasons on the topics, in GraphQL and at the ITSM intake, and every id of the
 * catalogue, which names the same services, parties and regions the incidents carry.
 * `:` is in, for the ITSM tools' own ids (`SN:INC0012345`); `/` is out, because the
 * catalogue writes a reference as `agreement/objective`; spaces are out, so a Kafka key, a
 * URL and a YAML plain scalar carry an id as it is. `catalog.schema.json` spells the same
 * pattern (checked by this file's spec).
 */
export const ENTITY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** How the pattern reads in a message: `must be an id: …`, `expected an id: …`. */
export const ENTITY_ID_DESCRIPTION = 'an id: letters, digits, . _ : - and no spaces';

export function isEntityId(value: unknown): value is string {
  return typeof value === 'string' && ENTITY_ID_PATTERN.test(value);
}
