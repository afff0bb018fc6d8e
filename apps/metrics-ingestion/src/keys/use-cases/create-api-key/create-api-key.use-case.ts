import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@underpin/platform';
import { DataSource } from 'typeorm';
import { ApiKeyEntity } from '../../api-key.entity';
import { generateApiKey, newApiKeyId } from '../../api-key.util';
import { type CreatedApiKeyDto, toApiKeyDto } from '../../dto/api-key.dto';
import type { CreateApiKeyDto } from '../../dto/create-api-key.dto';

/** Mints a key for one source: the key is answered once; only its hash is stored. */
@Injectable()
export class CreateApiKeyUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  async execute(input: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const { key, hash, prefix } = generateApiKey();
    const row = this.dataSource.getRepository(ApiKeyEntity).create({
      id: newApiKeyId(),
      name: input.name,
      keyHash: hash,
      keyPrefix: prefix,
      services: input.services,
      regions: input.regions ?? [],
      createdAt: new Date(this.runtime.now()),
      revokedAt: null,
    });
    await this.dataSource.getRepository(ApiKeyEntity).insert(row);
    return { ...toApiKeyDto(row), key };
  }
}
