import { Inject, Logger, Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceDefinition, type ServiceRuntime } from '@underpin/platform';
import { METRICS_INGESTION_SETTINGS } from './config/metrics-ingestion-settings.constant';
import { METRICS_INGESTION_CONFIG, metricsIngestionConfigFromProcess, readMetricsIngestionConfig, type MetricsIngestionConfig } from './config/metrics-ingestion.config';
import { METRICS_INGESTION_DATABASE } from './database/metrics-ingestion-database.constant';
import { adminTokenMiddleware } from './keys/admin-token.util';
import { ApiKeyAuthenticatorService } from './keys/api-key-authenticator.service';
import { KeysAdminController } from './keys/keys-admin.controller';
import { CreateApiKeyUseCase } from './keys/use-cases/create-api-key/create-api-key.use-case';
import { ListApiKeysUseCase } from './keys/use-cases/list-api-keys/list-api-keys.use-case';
import { RevokeApiKeyUseCase } from './keys/use-cases/revoke-api-key/revoke-api-key.use-case';
import { IdempotentRequestsService, idempotentRequestsRetentionRule } from './samples/idempotent-requests.service';
import { IngestionAdmissionService } from './samples/ingestion-admission.service';
import { SampleBatchProducer } from './samples/sample-batch.producer';
import { SAMPLES_PATH, SamplesController } from './samples/samples.controller';
import { IngestSamplesUseCase } from './samples/use-cases/ingest-samples/ingest-samples.use-case';

/**
 * Takes batches of probes and call samples over HTTP from sources holding an API key, and
 * writes the accepted ones to `metrics.samples.v1`; keys are minted and revoked through the
 * admin API behind INGESTION_ADMIN_TOKEN.
 */
@Module({})
export class MetricsIngestionModule implements NestModule {
  constructor(@Inject(METRICS_INGESTION_CONFIG) private readonly config: MetricsIngestionConfig) {}

  static forRoot(runtime: ServiceRuntime, config: MetricsIngestionConfig): DynamicModule {
    if (config.adminToken === undefined) new Logger('metrics-ingestion').log('INGESTION_ADMIN_TOKEN is not set: the API-key admin API refuses every call');
    return {
      module: MetricsIngestionModule,
      imports: [
        ServiceCoreModule.forService(runtime, { ...METRICS_INGESTION_DATABASE, retention: { rules: [idempotentRequestsRetentionRule(config.idempotencyRetentionMs)] } }),
      ],
      controllers: [SamplesController, KeysAdminController],
      providers: [
        { provide: METRICS_INGESTION_CONFIG, useValue: config },
        { provide: IngestionAdmissionService, useValue: new IngestionAdmissionService({ maxBytes: config.maxInFlightBytes, maxSamples: config.maxInFlightSamples }) },
        ApiKeyAuthenticatorService,
        CreateApiKeyUseCase,
        ListApiKeysUseCase,
        RevokeApiKeyUseCase,
        IdempotentRequestsService,
        SampleBatchProducer,
        IngestSamplesUseCase,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(adminTokenMiddleware(this.config.adminToken)).forRoutes(KeysAdminController);
  }
}

/** The service with explicit settings (tests, hosts that read their own environment). */
export function metricsIngestionServiceWith(config: MetricsIngestionConfig): ServiceDefinition {
  return { name: 'metrics-ingestion', subgraph: false, streamedBodyPaths: [SAMPLES_PATH], module: (runtime) => MetricsIngestionModule.forRoot(runtime, config) };
}

/** The service configured from the environment (INGESTION_ADMIN_TOKEN, INGEST_*): by a host through `settings`, else from the process's own. */
export const metricsIngestionService: ServiceDefinition = {
  name: 'metrics-ingestion',
  subgraph: false,
  streamedBodyPaths: [SAMPLES_PATH],
  settings: {
    groups: [METRICS_INGESTION_SETTINGS],
    read: (env, platform) => {
      const config = readMetricsIngestionConfig(env, platform);
      // The token is a secret: what was read says only whether one was given.
      const { adminToken, ...values } = config;
      return { values: { ...values, adminToken: adminToken === undefined ? 'unset' : 'set' }, service: metricsIngestionServiceWith(config) };
    },
  },
  module: (runtime) => MetricsIngestionModule.forRoot(runtime, metricsIngestionConfigFromProcess(runtime.config)),
};
