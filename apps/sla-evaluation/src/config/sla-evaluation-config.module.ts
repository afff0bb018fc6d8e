import { Global, Module, type DynamicModule } from '@nestjs/common';
import { SLA_EVALUATION_CONFIG, type SlaEvaluationConfig } from './sla-evaluation.config';

/** The service's settings, read once at boot, for every feature that needs them. */
@Global()
@Module({})
export class SlaEvaluationConfigModule {
  static forRoot(config: SlaEvaluationConfig): DynamicModule {
    return { module: SlaEvaluationConfigModule, providers: [{ provide: SLA_EVALUATION_CONFIG, useValue: config }], exports: [SLA_EVALUATION_CONFIG] };
  }
}
