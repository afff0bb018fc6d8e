import { defineSettings } from '@underpin/platform';

/** What the notifications service reads beyond the platform's settings. */
export const NOTIFICATIONS_SETTINGS = defineSettings(
  'Notifications',
  [
    {
      name: 'SMTP_URL',
      description: 'The e-mail channel (`smtp://host:port` or `smtps://user:pass@host:port`); unset, e-mail deliveries are skipped with a warning and webhooks still go out.',
      example: 'smtp://localhost:1025',
    },
    { name: 'SMTP_FROM', description: 'The sender of e-mail, with `SMTP_URL` only.', default: 'Underpin <underpin@localhost>' },
    { name: 'NOTIFY_MAX_ATTEMPTS', description: 'Attempts per delivery before it becomes a dead letter (at least 1).', default: '8' },
    { name: 'NOTIFY_RETRY_INITIAL_MS', description: 'First wait before a failed delivery is tried again, in ms; it doubles after each failure.', default: '30000' },
    { name: 'NOTIFY_RETRY_MAX_MS', description: 'Longest wait between two attempts, in ms (at least `NOTIFY_RETRY_INITIAL_MS`).', default: '3600000' },
    { name: 'NOTIFY_POLL_MS', description: 'How often the timer and delivery loop looks for due work, in ms (at least 10).', default: '1000' },
    { name: 'NOTIFY_WEBHOOK_TIMEOUT_MS', description: 'How long a webhook receiver has to answer, in ms (at least 100).', default: '10000' },
    { name: 'STATUS_FEED_TITLE', description: 'Title of the status feed at `/status/feed.json` and `/status/feed.rss`.', default: 'Service status' },
    {
      name: 'STATUS_FEED_LINK',
      description: "The RSS channel's `<link>` (an http(s) URL); unset, the URL the feed was requested at.",
      example: 'https://status.example.com/',
    },
    { name: 'STATUS_FEED_RESOLVED_HOURS', description: 'How long a resolved incident stays on the JSON feed, in hours.', default: '72' },
    { name: 'STATUS_FEED_ITEMS', description: 'Updates in the RSS feed (at least 1).', default: '50' },
    {
      name: 'NOTIFICATIONS_RETENTION',
      description:
        'How long finished deliveries, settled triggers and closed incidents are kept: at least `PROCESSED_EVENTS_RETENTION` and `STATUS_FEED_RESOLVED_HOURS`.',
      default: '90d',
    },
  ],
  [
    'Webhook signing keys: the variables the catalogue names in `webhook.secret: { env: NAME }`, e.g. `UNDERPIN_WEBHOOK_SECRET_ON_CALL` (at least 16 characters), or files mounted for `{ file: /run/secrets/… }`.',
  ],
);
