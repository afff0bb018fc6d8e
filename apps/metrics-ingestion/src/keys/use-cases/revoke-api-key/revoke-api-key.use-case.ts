import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@underpin/platform';
import { DataSource } from 'typeorm';
import { ApiKeyAuthenticatorService } from '../../api-key-authenticator.service';
import { ApiKeyEntity } from '../../api-key.entity';
import { type ApiKeyDto, toApiKeyDto } from '../../dto/api-key.dto';

/**
 * Revokes a key: from the commit on, no instance that looks it up accepts it, and this one
 * forgets it at once (others within INGEST_KEY_CACHE_TTL). Revoking it again changes nothing.
 */
@Injectable()
export class RevokeApiKeyUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly authenticator: ApiKeyAuthenticatorService,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  /** The key as revoked; undefined when there is no such key. */
  async execute(id: string): Promise<ApiKeyDto | undefined> {
    await this.dataSource.query(`UPDATE metrics_ingestion.api_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1`, [id, new Date(this.runtime.now())]);
    this.authenticator.forget(id);
    const row = await this.dataSource.getRepository(ApiKeyEntity).findOneBy({ id });
    return row === null ? undefined : toApiKeyDto(row);
  }
}
