import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@underpin/platform';
import { DataSource } from 'typeorm';
import { METRICS_INGESTION_CONFIG, type MetricsIngestionConfig } from '../config/metrics-ingestion.config';
import { ApiKeyEntity } from './api-key.entity';
import { hashApiKey } from './api-key.util';
import type { SourceKey } from './source-key.type';

/** Keys remembered at most; past it the oldest is forgotten first. */
export const KEY_CACHE_ENTRIES = 10_000;

/**
 * Finds the key a request presents, by its SHA-256, among the keys not revoked. A found key
 * is trusted for INGEST_KEY_CACHE_TTL without asking the database again, and concurrent
 * requests with one key share one lookup. An unknown or revoked key is looked up every time,
 * so a key created a moment ago works at once. Revoking through this instance forgets the
 * key at once, including a lookup that was running meanwhile.
 */
@Injectable()
export class ApiKeyAuthenticatorService {
  private readonly cache = new Map<string, { key: SourceKey; expiresAt: number }>();
  private readonly running = new Map<string, Promise<SourceKey | undefined>>();
  /** Moves on every revocation: a lookup begun before one is not cached. */
  private generation = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(METRICS_INGESTION_CONFIG) private readonly config: MetricsIngestionConfig,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  async authenticate(presented: string): Promise<SourceKey | undefined> {
    const hash = hashApiKey(presented);
    const cacheKey = hash.toString('base64');
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) {
      if (cached.expiresAt > this.runtime.now()) return cached.key;
      this.cache.delete(cacheKey);
    }
    const shared = this.running.get(cacheKey);
    if (shared !== undefined) return shared;
    const generation = this.generation;
    const lookup = this.find(hash).finally(() => this.running.delete(cacheKey));
    this.running.set(cacheKey, lookup);
    const key = await lookup;
    if (key !== undefined && this.config.keyCacheTtlMs > 0 && generation === this.generation) {
      this.cache.set(cacheKey, { key, expiresAt: this.runtime.now() + this.config.keyCacheTtlMs });
      if (this.cache.size > KEY_CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    }
    return key;
  }

  /** A revoked key is refused by this instance from now on. */
  forget(keyId: string): void {
    this.generation += 1;
    for (const [cacheKey, entry] of this.cache) if (entry.key.id === keyId) this.cache.delete(cacheKey);
  }

  private async find(hash: Buffer): Promise<SourceKey | undefined> {
    const row = await this.dataSource.getRepository(ApiKeyEntity).findOne({ where: { keyHash: hash } });
    if (row === null || row.revokedAt !== null) return undefined;
    return { id: row.id, name: row.name, services: new Set(row.services), regions: new Set(row.regions) };
  }
}
