import { defineSettings, settingValues, type Env, type SettingGroup } from '@underpin/platform';

/** Settings of the ola-chaining service beyond the platform's own. */
export interface OlaChainingConfig {
  /**
   * A catalogue file or folder published at boot when its content differs from the latest
   * version (`UNDERPIN_CATALOG`); absent = publish only through the API.
   */
  catalogPath?: string;
}

export const OLA_CHAINING_SETTINGS = defineSettings('ola-chaining', [
  {
    name: 'UNDERPIN_CATALOG',
    description: 'A catalogue file or folder published at boot when it differs from the version in force; unset or empty, catalogues come only through `publishCatalog`.',
    example: '/etc/underpin/catalog',
  },
]);

/**
 * An empty `UNDERPIN_CATALOG` means "none", so a host default can be switched off; a host
 * gives its default through `settings` (the all-in-one's demo catalogue).
 */
export function readOlaChainingConfig(env: Env, settings: SettingGroup<'UNDERPIN_CATALOG'> = OLA_CHAINING_SETTINGS): OlaChainingConfig {
  const values = settingValues(env, settings);
  const declared = settings.settings.find((setting) => setting.name === 'UNDERPIN_CATALOG')?.default;
  const catalogPath = (values.raw('UNDERPIN_CATALOG') ?? declared)?.trim();
  return catalogPath ? { catalogPath } : {};
}

/** The settings of this process, from its environment. */
export function olaChainingConfigFromProcess(): OlaChainingConfig {
  return readOlaChainingConfig(process.env);
}
