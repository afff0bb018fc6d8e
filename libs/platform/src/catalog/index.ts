export { CatalogReplicaService } from './catalog-replica.service';
export { CatalogReplicaModule, catalogReplicaGroup, type CatalogReplicaOptions } from './catalog-replica.module';
export { catalogReplicaMigration, catalogReplicaMigrationSql, catalogReplicaMigrationDownSql, catalogReplicaHistoryMigration } from './catalog-replica.migration';
export type { CatalogSnapshot, CatalogChangeListener, CatalogVersionRef } from './catalog-replica.type';
