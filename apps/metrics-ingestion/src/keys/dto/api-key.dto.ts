import type { ApiKeyEntity } from '../api-key.entity';

/** A key as the admin API shows it: never the key itself, nor its hash. */
export interface ApiKeyDto {
  id: string;
  name: string;
  /** The first characters of the key, to recognise it. */
  prefix: string;
  services: string[];
  /** Empty: every region of its services. */
  regions: string[];
  createdAt: string;
  revokedAt: string | null;
}

/** The answer to a creation: the only time the key itself is shown. */
export interface CreatedApiKeyDto extends ApiKeyDto {
  key: string;
}

export interface ApiKeyPageDto {
  nodes: ApiKeyDto[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

export function toApiKeyDto(row: ApiKeyEntity): ApiKeyDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.keyPrefix,
    services: row.services,
    regions: row.regions,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt === null ? null : row.revokedAt.toISOString(),
  };
}
