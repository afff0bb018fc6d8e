import type { Env, Setting, SettingGroup } from './setting.type';

/** A group whose names a reader can ask for, and nothing else (a typo fails to compile). */
export function defineSettings<const N extends string>(title: string, settings: readonly Setting<N>[], notes?: readonly string[]): SettingGroup<N> {
  const names = settings.map((setting) => setting.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) throw new Error(`settings "${title}": ${twice} is declared twice`);
  return { title, settings, ...(notes ? { notes } : {}) };
}

/**
 * The same group as a host reads it, with its own defaults (the all-in-one logs less, and
 * starts PostgreSQL itself when DATABASE_URL is unset). The reference lists what differs.
 */
export function adjustSettings<N extends string>(group: SettingGroup<N>, changes: Partial<Record<N, Pick<Setting, 'default' | 'required'>>>): SettingGroup<N> {
  const settings = group.settings.map((setting) => {
    const change = changes[setting.name];
    if (change === undefined) return setting;
    const adjusted: Setting<N> = { name: setting.name, description: setting.description, ...(setting.example !== undefined ? { example: setting.example } : {}) };
    const fallback = 'default' in change ? change.default : setting.default;
    const required = 'required' in change ? change.required : setting.required;
    return { ...adjusted, ...(fallback !== undefined ? { default: fallback } : {}), ...(required ? { required } : {}) };
  });
  return { ...group, settings, base: group.base ?? group };
}

/** A reader's view of the environment through its group. */
export interface SettingValues<N extends string> {
  /** The variable as set; undefined when it is not. */
  raw(name: N): string | undefined;
  /** Its declared default. */
  fallback(name: N): string;
}

export function settingValues<N extends string>(env: Env, group: SettingGroup<N>): SettingValues<N> {
  const declared = new Map<string, Setting<N>>(group.settings.map((setting) => [setting.name, setting]));
  const setting = (name: N): Setting<N> => {
    const found = declared.get(name);
    if (found === undefined) throw new Error(`settings "${group.title}" do not declare ${name}`);
    return found;
  };
  return {
    raw: (name) => env[setting(name).name],
    fallback: (name) => {
      const value = setting(name).default;
      if (value === undefined) throw new Error(`settings "${group.title}" declare no default for ${name}`);
      return value;
    },
  };
}

/** Every setting of an app's groups, first declaration first. */
export function settingsOf(groups: readonly SettingGroup[]): Setting[] {
  const seen = new Map<string, Setting>();
  for (const group of groups) for (const setting of group.settings) if (!seen.has(setting.name)) seen.set(setting.name, setting);
  return [...seen.values()];
}
