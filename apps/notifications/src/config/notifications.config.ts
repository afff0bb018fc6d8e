import { ConfigError } from '@underpin/platform';

export interface SmtpConfig {
  /** smtp://host:port or smtps://user:pass@host:port */
  url: string;
  from: string;
}

export interface NotificationsConfig {
  /** Absent: the e-mail channel is off and e-mail deliveries are skipped (with a warning). */
  smtp?: SmtpConfig;
  /** Attempts per delivery before it becomes a dead letter. */
  maxAttempts: number;
  retryInitialMs: number;
  retryMaxMs: number;
  /** How often the timer and delivery loop looks for due work. */
  pollMs: number;
  webhookTimeoutMs: number;
  /** Channel for the RSS feed's <link>; default: the URL the feed was requested at. */
  feedLink?: string;
  feedTitle: string;
  /** How long a resolved incident stays on the JSON feed. */
  feedResolvedHours: number;
  /** Updates in the RSS feed. */
  feedItems: number;
  /** Where `secret: { env: NAME }` references of the catalogue are read: this process's environment. */
  secretEnv: Readonly<Env>;
}

type Env = Record<string, string | undefined>;

const ADDRESS = /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/;

/** Reads and checks the service's settings, listing every problem at once. */
export function readNotificationsConfig(env: Env): NotificationsConfig {
  const problems: string[] = [];
  const smtpUrl = env['SMTP_URL'];
  let smtp: SmtpConfig | undefined;
  if (smtpUrl) {
    if (!/^smtps?:\/\/[^/\s]+/.test(smtpUrl)) problems.push('SMTP_URL: expected smtp://host:port or smtps://user:pass@host:port');
    const from = env['SMTP_FROM'] ?? 'Underpin <underpin@localhost>';
    if (!ADDRESS.test(from)) problems.push(`SMTP_FROM: expected an address like "Underpin <underpin@example.com>", got "${from}"`);
    smtp = { url: smtpUrl, from };
  } else if (env['SMTP_FROM']) {
    problems.push('SMTP_FROM: given without SMTP_URL; set SMTP_URL too (smtp://host:port)');
  }
  const int = (name: string, fallback: number, min: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) {
      problems.push(`${name}: expected a whole number ≥ ${min}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const retryInitialMs = int('NOTIFY_RETRY_INITIAL_MS', 30_000, 0);
  const retryMaxMs = int('NOTIFY_RETRY_MAX_MS', 3_600_000, 0);
  if (retryMaxMs < retryInitialMs) problems.push('NOTIFY_RETRY_MAX_MS: must be at least NOTIFY_RETRY_INITIAL_MS');
  const feedLink = env['STATUS_FEED_LINK'];
  if (feedLink !== undefined && !/^https?:\/\/\S+$/.test(feedLink)) problems.push('STATUS_FEED_LINK: expected an http(s) URL');
  const config: NotificationsConfig = {
    ...(smtp ? { smtp } : {}),
    maxAttempts: int('NOTIFY_MAX_ATTEMPTS', 8, 1),
    retryInitialMs,
    retryMaxMs,
    pollMs: int('NOTIFY_POLL_MS', 1_000, 10),
    webhookTimeoutMs: int('NOTIFY_WEBHOOK_TIMEOUT_MS', 10_000, 100),
    ...(feedLink ? { feedLink } : {}),
    feedTitle: env['STATUS_FEED_TITLE'] || 'Service status',
    feedResolvedHours: int('STATUS_FEED_RESOLVED_HOURS', 72, 0),
    feedItems: int('STATUS_FEED_ITEMS', 50, 1),
    secretEnv: env,
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** The settings of this process, from its environment. */
export function notificationsConfigFromProcess(): NotificationsConfig {
  return readNotificationsConfig(process.env);
}
