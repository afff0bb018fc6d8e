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
    {
      name: 'KAFKA_NAMESPACE',
      description: 'The namespace of the platform whose dead letters `underpin dead-letters` reads when `--namespace` is not given (as the services read it); empty for none.',
      default: '',
    },
    {
      name: 'INGESTION_ADMIN_TOKEN',
      description: 'The admin token of the metrics-ingestion service that `underpin keys` sends when `--admin-token` is not given.',
    },
  ],
} as const satisfies SettingGroup<'KAFKA_BROKERS' | 'KAFKA_NAMESPACE' | 'INGESTION_ADMIN_TOKEN'>;

export interface CliConfig {
  /** KAFKA_BROKERS, or its default; `dead-letters` checks it, naming the variable, only when it needs brokers. */
  kafkaBrokers: string;
  /** KAFKA_NAMESPACE, or none; checked like the brokers, when needed. */
  kafkaNamespace: string;
  /** INGESTION_ADMIN_TOKEN, when set: `keys` sends it unless `--admin-token` says otherwise. */
  ingestionAdminToken?: string;
}

/** Nothing here stops a command that does not need it (validate, feasibility, backtest). */
export function readCliConfig(env: Env): CliConfig {
  const [brokers, namespace, adminToken] = CLI_SETTINGS.settings;
  const token = env[adminToken.name]?.trim();
  return { kafkaBrokers: env[brokers.name] || brokers.default, kafkaNamespace: env[namespace.name] ?? namespace.default, ...(token ? { ingestionAdminToken: token } : {}) };
}

/** The settings of this process, from its environment. */
export function cliConfigFromProcess(): CliConfig {
  return readCliConfig(process.env);
}

export const CLI_ENVIRONMENT: AppEnvironment = { app: 'cli', groups: [CLI_SETTINGS], read: readCliConfig };
