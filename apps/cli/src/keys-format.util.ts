/** A key as the ingestion service's admin API answers it. */
export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  services: string[];
  regions: string[];
  createdAt: string;
  revokedAt: string | null;
}

/** `<id>  <prefix>…  active|revoked <when>  created <when>  <name>  services <s,…>  regions <r,…|all>` */
export function keyLine(key: ApiKeyView): string {
  return [
    key.id,
    `${key.prefix}…`,
    key.revokedAt === null ? 'active' : `revoked ${key.revokedAt}`,
    `created ${key.createdAt}`,
    JSON.stringify(key.name),
    `services ${key.services.join(',')}`,
    `regions ${key.regions.length === 0 ? 'all' : key.regions.join(',')}`,
  ].join('  ');
}

export function createdLines(key: ApiKeyView & { key: string }): string {
  return `${keyLine(key)}\n${key.key}\nThe key is shown this once; only its SHA-256 is kept. Sources send it as "Authorization: Bearer <key>" or "X-Api-Key: <key>".\n`;
}

export function listSummary(keys: readonly ApiKeyView[]): string {
  const revoked = keys.filter((key) => key.revokedAt !== null).length;
  return `${keys.length} ${keys.length === 1 ? 'key' : 'keys'}: ${keys.length - revoked} active, ${revoked} revoked`;
}
