import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { formatProblems, loadCatalog, type Problem } from '@underpin/contracts';
import { withRootSpan } from '@underpin/messaging';
import { OLA_CHAINING_CONFIG } from '../config/ola-chaining-config.constant';
import type { OlaChainingConfig } from '../config/ola-chaining.config';
import { readCatalogFiles } from './catalog-files.util';
import { PublishCatalogUseCase } from './use-cases/publish-catalog/publish-catalog.use-case';

/**
 * At boot: publishes the configured catalogue when it differs from the latest version, else
 * announces the version in force again for replicas that missed it. A bad file must not take
 * the service down: its problems are logged and the version in force stays.
 */
@Injectable()
export class CatalogBootLoaderService implements OnApplicationBootstrap {
  private readonly logger = new Logger('catalog');

  constructor(
    @Inject(OLA_CHAINING_CONFIG) private readonly config: OlaChainingConfig,
    private readonly publishCatalog: PublishCatalogUseCase,
  ) {}

  // Its own trace: no request caused it, and the replicas' log lines should lead back here.
  onApplicationBootstrap(): Promise<void> {
    return withRootSpan('catalog boot publication', () => this.publishAtBoot());
  }

  private async publishAtBoot(): Promise<void> {
    try {
      const published = this.config.catalogPath !== undefined && (await this.publishConfigured(this.config.catalogPath));
      if (!published) {
        const announced = await this.publishCatalog.announceLatest();
        if (announced) this.logger.log(`announced the catalogue in force (revision ${announced.slice(0, 12)})`);
      }
    } catch (error) {
      this.logger.error(`the catalogue could not be published at boot: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Whether a new version was published from `path`. */
  private async publishConfigured(path: string): Promise<boolean> {
    const read = await readCatalogFiles(path);
    if (!read.ok) return this.reject(path, read.problems);
    const loaded = loadCatalog({ files: read.files });
    if (!loaded.ok) return this.reject(path, loaded.problems);
    const outcome = await this.publishCatalog.publish(read.files, loaded.catalog);
    const summary = `${loaded.catalog.agreements.length} agreements, revision ${outcome.index.revision.slice(0, 12)}`;
    this.logger.log(outcome.published ? `published ${path}: ${summary}` : `${path} is the catalogue in force (${summary})`);
    return outcome.published;
  }

  private reject(path: string, problems: Problem[]): false {
    const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
    this.logger.error(`UNDERPIN_CATALOG=${path} was not published (${count}); the catalogue in force stays:\n${formatProblems(problems)}`);
    return false;
  }
}
