import { PERIOD_METRICS, TIME_METRICS } from '@underpin/domain';

/**
 * The keys each mapping of the catalogue format may hold. The loader rejects any other key
 * and the published JSON Schema lists exactly these (a spec keeps the two in step).
 */
export const CATALOG_KEYS = {
  catalog: ['apiVersion', 'parties', 'calendars', 'maintenance', 'services', 'agreements', 'contacts', 'escalations'],
  party: ['id', 'kind', 'name'],
  calendar: ['id', 'timezone', 'weekly', 'holidays'],
  maintenance: ['id', 'calendar', 'timezone', 'weekly', 'oneOff'],
  oneOffWindow: ['from', 'to'],
  service: ['id', 'name', 'regions', 'dependsOn'],
  agreement: [
    'id',
    'kind',
    'provider',
    'consumer',
    'service',
    'serviceClass',
    'effective',
    'window',
    'timezone',
    'fee',
    'activeUsers',
    'priorityMatrix',
    'objectives',
    'credits',
    'exitTriggers',
  ],
  effective: ['from', 'to'],
  fee: ['monthly', 'currency'],
  objective: [
    'id',
    'metric',
    'target',
    'priority',
    'calendar',
    'pauseOn',
    'warnAt',
    'perRegion',
    'window',
    'excludeMaintenance',
    'underpinnedBy',
    'lossAbove',
  ],
  credits: ['cap', 'rules'],
  creditRule: ['objective', 'basis', 'tiers', 'perStartedHourBeyond'],
  creditTier: ['below', 'above', 'credit'],
  exitTrigger: ['id', 'breachedPeriods', 'of', 'within', 'incidentsBeyond', 'count'],
  contact: ['id', 'name', 'party', 'email', 'webhook', 'calendar', 'respectCalendar'],
  webhook: ['url', 'secret'],
  secretRef: ['env', 'file'],
  escalation: ['id', 'when', 'notify', 'channels', 'respectCalendar'],
  escalationWhen: ['event', 'priority', 'agreement', 'kind', 'threshold', 'after'],
} as const satisfies Record<string, readonly string[]>;

export const API_VERSION = 'underpin/v1';
export const PARTY_KINDS = ['customer', 'team', 'vendor'] as const;
export const AGREEMENT_KINDS = ['SLA', 'OLA', 'UC'] as const;
export const WINDOWS = ['month', 'quarter'] as const;
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const LEVELS = ['high', 'medium', 'low'] as const;
export const CREDIT_BASES = ['fee', 'affected-users'] as const;

/** Pause reasons the field uses; others are allowed, but a near miss of one of these is a typo. */
export const KNOWN_PAUSE_REASONS = ['awaiting-customer', 'awaiting-vendor', 'scheduled'] as const;

export const NAMED_METRICS: readonly string[] = [...TIME_METRICS, ...PERIOD_METRICS, 'latency_p95'];
/** `latency_pNN`: any percentile strictly between 0 and 100, e.g. latency_p95 or latency_p99.9. */
export const LATENCY_METRIC = /^latency_p(\d{1,2}(?:\.\d+)?)$/;
