import { Module, type DynamicModule } from '@nestjs/common';
import { OLA_CHAINING_CONFIG } from '../config/ola-chaining-config.constant';
import type { OlaChainingConfig } from '../config/ola-chaining.config';
import { AgreementResolver } from './agreement.resolver';
import { CatalogBootLoaderService } from './catalog-boot-loader.service';
import { CatalogPublicationResolver } from './catalog-publication.resolver';
import { CatalogResolver } from './catalog.resolver';
import { CatalogVersionsService } from './catalog-versions.service';
import { ObjectiveResolver } from './objective.resolver';
import { PublishCatalogUseCase } from './use-cases/publish-catalog/publish-catalog.use-case';

/** Catalogue ownership: versions, publication (API and boot), and the subgraph's catalogue types. */
@Module({})
export class CatalogModule {
  static forRoot(config: OlaChainingConfig): DynamicModule {
    return {
      module: CatalogModule,
      providers: [
        { provide: OLA_CHAINING_CONFIG, useValue: config },
        CatalogVersionsService,
        PublishCatalogUseCase,
        CatalogBootLoaderService,
        CatalogResolver,
        CatalogPublicationResolver,
        AgreementResolver,
        ObjectiveResolver,
      ],
    };
  }
}
