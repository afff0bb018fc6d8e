import { Inject, Injectable } from '@nestjs/common';
import { CATALOG_CHANGES_TOPIC, createEnvelope, loadCatalog, type CatalogFile, type EnvelopeOf } from '@underpin/contracts';
import type { Catalog } from '@underpin/domain';
import type { OutboxService } from '@underpin/messaging';
import { InputChecker, OUTBOX, SERVICE_RUNTIME, type ServiceRuntime } from '@underpin/platform';
import { DataSource, type EntityManager } from 'typeorm';
import type { CatalogIndex } from '../../catalog-index.util';
import { CatalogProblemsException } from '../../catalog-problems.exception';
import { agreementChanges, catalogRevision } from '../../catalog-revision.util';
import { CatalogVersionsService } from '../../catalog-versions.service';
import type { CatalogFileInput } from '../../../graphql/schema.type';

type CatalogChangeEnvelope = EnvelopeOf<typeof CATALOG_CHANGES_TOPIC>;

const MAX_FILES = 200;
const MAX_FILE_CHARS = 5_000_000;
const SOURCE = 'ola-chaining';

export interface PublishOutcome {
  index: CatalogIndex;
  /** False when the catalogue equals the latest version: no new version, no event. */
  published: boolean;
  changedAgreements: string[];
  retiredAgreements: string[];
}

/**
 * Publishes a catalogue: validated in full, then the version row and its events
 * (`catalog.published`, plus `agreement.published` / `agreement.retired` for each agreement
 * that changed) in one transaction. Publishing the catalogue in force again does nothing.
 */
@Injectable()
export class PublishCatalogUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly versions: CatalogVersionsService,
    @Inject(OUTBOX) private readonly outbox: OutboxService,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  /** From the API: every problem with the files comes back as one BAD_USER_INPUT error. */
  async execute(files: CatalogFileInput[]): Promise<PublishOutcome> {
    checkFiles(files);
    const result = loadCatalog({ files });
    if (!result.ok) throw new CatalogProblemsException(result.problems);
    return this.publish(files, result.catalog);
  }

  /** A catalogue already loaded from `files` without problems. */
  async publish(files: readonly CatalogFile[], catalog: Catalog): Promise<PublishOutcome> {
    const revision = catalogRevision(catalog);
    const outcome = await this.dataSource.transaction(async (manager) => {
      await lockVersions(manager);
      const latest = await this.versions.latestIn(manager);
      if (latest?.revision === revision) return { kind: 'unchanged' as const, version: latest.version };
      const publishedAt = new Date(this.runtime.now());
      const stored = await this.versions.insert(manager, { revision, files, catalog, publishedAt });
      const changes = agreementChanges(latest?.catalog, catalog);
      const at = publishedAt.toISOString();
      const meta = { source: SOURCE, occurredAt: at };
      const envelopes = [
        createEnvelope(CATALOG_CHANGES_TOPIC, 'catalog.published', { revision, catalog, source: files.map((file) => file.path), at }, meta),
        ...changes.published.map(({ agreement, revision: agreementRevision }) =>
          createEnvelope(
            CATALOG_CHANGES_TOPIC,
            'agreement.published',
            {
              agreement: agreement.id,
              kind: agreement.kind,
              revision: agreementRevision,
              ...(agreement.effective.from ? { effectiveFrom: agreement.effective.from } : {}),
              ...(agreement.effective.to ? { effectiveTo: agreement.effective.to } : {}),
              catalogRevision: revision,
              at,
            },
            meta,
          ),
        ),
        ...changes.retired.map((retired) =>
          createEnvelope(CATALOG_CHANGES_TOPIC, 'agreement.retired', { agreement: retired.id, revision: retired.revision, catalogRevision: revision, at }, meta),
        ),
      ];
      await this.outbox.enqueue(manager, CATALOG_CHANGES_TOPIC, envelopes as CatalogChangeEnvelope[]);
      return { kind: 'published' as const, stored, changes };
    });
    if (outcome.kind === 'unchanged') {
      const index = await this.versions.byVersion(outcome.version);
      return { index: index!, published: false, changedAgreements: [], retiredAgreements: [] };
    }
    return {
      index: this.versions.remember(outcome.stored),
      published: true,
      changedAgreements: outcome.changes.published.map(({ agreement }) => agreement.id),
      retiredAgreements: outcome.changes.retired.map((retired) => retired.id),
    };
  }

  /**
   * Announces the catalogue in force again, unchanged (same revision and publication time), so
   * a replica that joined late or lost its table catches up; replicas holding it ignore it.
   * Returns the revision announced, or undefined before the first publication.
   */
  async announceLatest(): Promise<string | undefined> {
    return this.dataSource.transaction(async (manager) => {
      await lockVersions(manager);
      const latest = await this.versions.latestIn(manager);
      if (latest === undefined) return undefined;
      const at = latest.publishedAt.toISOString();
      const envelope = createEnvelope(
        CATALOG_CHANGES_TOPIC,
        'catalog.published',
        { revision: latest.revision, catalog: latest.catalog, source: latest.files, at },
        { source: SOURCE, occurredAt: at },
      );
      await this.outbox.enqueue(manager, CATALOG_CHANGES_TOPIC, [envelope as CatalogChangeEnvelope]);
      return latest.revision;
    });
  }
}

/**
 * One writer of catalogue events at a time, until commit: "the latest version" cannot change
 * under a publisher, and an announcement of an older version cannot land after a newer one.
 */
async function lockVersions(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('ola_chaining.catalog_versions'))`);
}

function checkFiles(files: CatalogFileInput[]): void {
  const checker = new InputChecker()
    .require(files.length > 0, 'files', 'give at least one catalogue file')
    .require(files.length <= MAX_FILES, 'files', `at most ${MAX_FILES} files per publication`);
  const seen = new Set<string>();
  files.forEach((file, i) => {
    checker.text(file.path, `files[${i}].path`, { required: true, max: 500 }).text(file.text, `files[${i}].text`, { max: MAX_FILE_CHARS });
    checker.require(!seen.has(file.path), `files[${i}].path`, `"${file.path}" is given twice`);
    seen.add(file.path);
  });
  checker.throwIfAny();
}
