import type { AppEnvironment, Env, SettingGroup } from '@underpin/platform';

// Declared by shape, with type imports only: loading the platform library (Nest, TypeORM…)
// would slow every command down for one variable.

/** What the `underpin` command reads from its environment. */
export const CLI_SETTINGS = {
  title: 'CLI',
  settings: [
    {
      name: 'KAFKA_BROKERS',
      description: 'The brokers `underpin dead-letters` lists and replays through when `--brokers` is not given (comma-separated `host:port`).',
      default: '127.0.0.1:9092',
    },
  ],
} as const satisfies SettingGroup<'KAFKA_BROKERS'>;

export interface CliConfig {
  /** KAFKA_BROKERS, or its default; `dead-letters` checks it, naming the variable, only when it needs brokers. */
  kafkaBrokers: string;
}

/** Nothing here stops a command that does not need it (validate, feasibility, backtest). */
export function readCliConfig(env: Env): CliConfig {
  const [brokers] = CLI_SETTINGS.settings;
  return { kafkaBrokers: env[brokers.name] || brokers.default };
}

/** The settings of this process, from its environment. */
export function cliConfigFromProcess(): CliConfig {
  return readCliConfig(process.env);
}

export const CLI_ENVIRONMENT: AppEnvironment = { app: 'cli', groups: [CLI_SETTINGS], read: readCliConfig };
