import { ConfigException, settingValues, type Env } from '@underpin/platform';
import { NOTIFICATIONS_SETTINGS } from './notifications-settings.constant';

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

const ADDRESS = /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/;

/** Reads and checks the service's settings, listing every problem at once. */
export function readNotificationsConfig(env: Env): NotificationsConfig {
  const problems: string[] = [];
  const values = settingValues(env, NOTIFICATIONS_SETTINGS);
  const smtpUrl = values.raw('SMTP_URL');
  let smtp: SmtpConfig | undefined;
  if (smtpUrl) {
    if (!/^smtps?:\/\/[^/\s]+/.test(smtpUrl)) problems.push('SMTP_URL: expected smtp://host:port or smtps://user:pass@host:port');
    const from = values.raw('SMTP_FROM') ?? values.fallback('SMTP_FROM');
    if (!ADDRESS.test(from)) problems.push(`SMTP_FROM: expected an address like "Underpin <underpin@example.com>", got "${from}"`);
    smtp = { url: smtpUrl, from };
  } else if (values.raw('SMTP_FROM')) {
    problems.push('SMTP_FROM: given without SMTP_URL; set SMTP_URL too (smtp://host:port)');
  }
  const int = (name: Parameters<typeof values.raw>[0], min: number) => {
    const fallback = Number(values.fallback(name));
    const raw = values.raw(name);
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) {
      problems.push(`${name}: expected a whole number ≥ ${min}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const retryInitialMs = int('NOTIFY_RETRY_INITIAL_MS', 0);
  const retryMaxMs = int('NOTIFY_RETRY_MAX_MS', 0);
  if (retryMaxMs < retryInitialMs) problems.push('NOTIFY_RETRY_MAX_MS: must be at least NOTIFY_RETRY_INITIAL_MS');
  const feedLink = values.raw('STATUS_FEED_LINK');
  if (feedLink !== undefined && !/^https?:\/\/\S+$/.test(feedLink)) problems.push('STATUS_FEED_LINK: expected an http(s) URL');
  const config: NotificationsConfig = {
    ...(smtp ? { smtp } : {}),
    maxAttempts: int('NOTIFY_MAX_ATTEMPTS', 1),
    retryInitialMs,
    retryMaxMs,
    pollMs: int('NOTIFY_POLL_MS', 10),
    webhookTimeoutMs: int('NOTIFY_WEBHOOK_TIMEOUT_MS', 100),
    ...(feedLink ? { feedLink } : {}),
    feedTitle: values.raw('STATUS_FEED_TITLE') || values.fallback('STATUS_FEED_TITLE'),
    feedResolvedHours: int('STATUS_FEED_RESOLVED_HOURS', 0),
    feedItems: int('STATUS_FEED_ITEMS', 1),
    secretEnv: env,
  };
  if (problems.length) throw new ConfigException(problems);
  return config;
}

