/** `CatalogFileInput` of the subgraph: one YAML file of the catalogue. */
export interface CatalogFileInput {
  /** As problems should name it, e.g. `catalog/agreements.yaml`. */
  path: string;
  text: string;
}
