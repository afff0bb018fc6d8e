/** A process environment, or the part of one a reader is given. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * One environment variable a process reads. The declaration is the variable's only
 * description: readers take its name and default from here, and docs/configuration.md and
 * every app's `.env.example` are generated from it (`npm run config:write`).
 */
export interface Setting<N extends string = string> {
  readonly name: N;
  /** What it sets and what it accepts, in a sentence or two. */
  readonly description: string;
  /** What an unset (or empty) variable stands for, written as one would set it. */
  readonly default?: string;
  /** A value to show in `.env.example` for a setting without a default. */
  readonly example?: string;
  /** The process does not start without it. */
  readonly required?: boolean;
}

/** The settings one config module reads, under the title the reference gives them. */
export interface SettingGroup<N extends string = string> {
  readonly title: string;
  readonly settings: readonly Setting<N>[];
  /** About variables the group cannot list by name, e.g. those the catalogue names. */
  readonly notes?: readonly string[];
  /** The group this one adjusts for a host (other defaults); the reference lists the differences. */
  readonly base?: SettingGroup;
}

/**
 * Everything one app reads from its environment: its groups, and the reader its main calls
 * at boot (checking every setting before anything starts, a ConfigException listing each
 * problem). `read` answers the values read, as plain data, so that the reference's checks
 * can tell that an unset variable and its declared default mean the same.
 */
export interface AppEnvironment {
  /** The folder under apps/ whose `.env.example` lists these settings. */
  readonly app: string;
  readonly groups: readonly SettingGroup[];
  read(env: Env): unknown;
}
