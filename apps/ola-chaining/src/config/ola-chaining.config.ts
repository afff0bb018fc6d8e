/** Settings of the ola-chaining service beyond the platform's own. */
export interface OlaChainingConfig {
  /**
   * A catalogue file or folder published at boot when its content differs from the latest
   * version (`UNDERPIN_CATALOG`); absent = publish only through the API.
   */
  catalogPath?: string;
}

/** An empty `UNDERPIN_CATALOG` means "none", so a host default can be switched off. */
export function readOlaChainingConfig(env: Record<string, string | undefined>): OlaChainingConfig {
  const catalogPath = env['UNDERPIN_CATALOG']?.trim();
  return catalogPath ? { catalogPath } : {};
}
