import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCatalogVersions1764000000000 implements MigrationInterface {
  name = 'CreateCatalogVersions1764000000000';

  async up(q: QueryRunner): Promise<void> {
    // Every published catalogue, newest last; the files are kept as written, for audit and
    // for showing a reviewer the YAML behind a revision.
    await q.query(`
      CREATE TABLE ola_chaining.catalog_versions (
        version bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        revision text NOT NULL,
        files jsonb NOT NULL,
        model jsonb NOT NULL,
        published_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX catalog_versions_revision ON ola_chaining.catalog_versions (revision)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ola_chaining.catalog_versions`);
  }
}
