/**
 * The validated catalogue model: what the agreements-as-code loader produces and every
 * calculation consumes. Units are normalised here once, so no calculation parses strings:
 * durations are seconds, percentages are ratios in [0, 1], instants are epoch milliseconds,
 * dates are ISO `YYYY-MM-DD` strings in the zone of whatever owns them.
 */

export type Seconds = number;
/** A fraction in [0, 1]: "99.95%" is 0.9995. */
export type Ratio = number;
/** Milliseconds since the Unix epoch (UTC). */
export type EpochMs = number;

export type PartyKind = 'customer' | 'team' | 'vendor';
export interface Party {
  id: string;
  kind: PartyKind;
  name?: string;
}

/** 0 = Monday … 6 = Sunday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** An opening interval in local wall-clock minutes of one weekday; end may be 1440 (24:00). */
export interface WeeklyInterval {
  day: Weekday;
  startMinute: number;
  endMinute: number;
}

export interface CalendarSpec {
  id: string;
  /** IANA zone, e.g. Europe/Stockholm. */
  timezone: string;
  weekly: WeeklyInterval[];
  /** Whole local days closed, `YYYY-MM-DD`. */
  holidays: string[];
}

export interface MaintenanceSpec {
  id: string;
  /** Zone of the weekly intervals (taken from `calendar` when the YAML names one). */
  timezone: string;
  weekly: WeeklyInterval[];
  /** One-off windows as absolute instants. */
  oneOff: Array<{ from: EpochMs; to: EpochMs }>;
}

export interface ServiceSpec {
  id: string;
  name?: string;
  regions: string[];
  /** Components this service needs, in series. */
  dependsOn: string[];
}

export type AgreementKind = 'SLA' | 'OLA' | 'UC';
export type Priority = 'P1' | 'P2' | 'P3' | 'P4';
export type Level = 'high' | 'medium' | 'low';
export type Window = 'month' | 'quarter';

export const TIME_METRICS = [
  'response_time',
  'resolution_time',
  'handover_time',
  'restore_time',
  'status_update_interval',
  'rto',
  'rpo',
  'regulatory_report_time',
] as const;
export const PERIOD_METRICS = ['availability', 'lossy_interval_ratio', 'mos_avg', 'call_setup_failure_ratio'] as const;
export type TimeMetric = (typeof TIME_METRICS)[number];
/** `latency_pNN` is any percentile of latency, e.g. latency_p95. */
export type Metric = TimeMetric | (typeof PERIOD_METRICS)[number] | `latency_p${number}`;

/**
 * A target with its unit. `atLeast` objectives (availability, MOS) are met when the value is
 * ≥ target; `atMost` ones (times, latency, ratios of bad things) when it is ≤ target.
 */
export type Target =
  | { unit: 'seconds'; value: Seconds }
  | { unit: 'ratio'; value: Ratio }
  | { unit: 'milliseconds'; value: number }
  | { unit: 'score'; value: number };

export interface ObjectiveRef {
  agreement: string;
  objective: string;
}

export interface ObjectiveSpec {
  id: string;
  metric: Metric;
  target: Target;
  direction: 'atLeast' | 'atMost';
  priority?: Priority;
  /** Calendar id; absent = all the time there is. */
  calendar?: string;
  /** Pause reasons that stop this objective's clock. Default ['awaiting-customer']. */
  pauseOn: string[];
  /** Warning thresholds as ratios of the target, ascending. Default [0.5, 0.75, 0.9]. */
  warnAt: Ratio[];
  perRegion: boolean;
  /** Overrides the agreement's window; resolved by the loader (default month). */
  window: Window;
  excludeMaintenance: string[];
  underpinnedBy: ObjectiveRef[];
  /** For lossy_interval_ratio: an interval is lossy when its loss exceeds this ratio. */
  lossAbove?: Ratio;
  // Measurement integrity (period objectives); every field is optional and its absence keeps
  // the plain rules: one implicit vantage point, each probe holding until the next.
  /** Vantage point ids whose probes count; absent = every vantage point (and the implicit one). */
  measuredFrom?: string[];
  /** How many vantage points must be down at once for the region to be down. Default 1. */
  quorum?: number;
  /** A vantage point silent for longer than `after` stops holding its last result; the gap counts as agreed. */
  missingData?: MissingDataRule;
  /** Share of a degraded stretch that counts as down. Default 0 (degraded counts as up). */
  degradedCounts?: Ratio;
  /** Length of the rolling window beside the calendar one (budget left, burn rates). Default: 30 days for month, 90 for quarter. */
  rollingWindow?: Seconds;
  /** Multi-window burn-rate alerts; absent = the four of the SRE workbook, scaled to the rolling window. */
  burnRates?: BurnRateRule[];
}

export interface MissingDataRule {
  /** Real seconds after a vantage point's last probe from which its result no longer holds. */
  after: Seconds;
  counts: 'up' | 'down' | 'excluded';
}

/**
 * Fires when the error budget burns faster than `budget` of the rolling window's budget in
 * `long`, over both the long and the short window (the short one confirms it still burns).
 */
export interface BurnRateRule {
  /** Share of the rolling window's error budget, e.g. 0.02. */
  budget: Ratio;
  /** Real seconds, whole minutes. */
  long: Seconds;
  short: Seconds;
  severity: 'page' | 'ticket';
}

export interface CreditTier {
  below?: Ratio;
  above?: Ratio;
  credit: Ratio;
}

export interface CreditRule {
  objective: string;
  basis: 'fee' | 'affected-users';
  tiers: CreditTier[];
  /** Share of the monthly fee per started hour past the target of a breaching incident. */
  perStartedHourBeyond?: Ratio;
}

export interface CreditsSpec {
  /** Share of the monthly fee one invoice may carry at most; absent = uncapped. */
  cap?: Ratio;
  rules: CreditRule[];
}

export type ExitTriggerSpec =
  | { id: string; kind: 'breached-periods'; count: number; of: 'month'; withinMonths: number }
  | {
      id: string;
      kind: 'incidents-beyond';
      objective: string;
      count: number;
      within: { kind: 'quarter' } | { kind: 'months'; months: number };
    };

/** impact → urgency → priority. */
export type PriorityMatrix = Record<Level, Record<Level, Priority>>;

export interface AgreementSpec {
  id: string;
  kind: AgreementKind;
  provider: string;
  consumer: string;
  service?: string;
  serviceClass?: string;
  /** Local dates in the agreement's zone; `to` exclusive. */
  effective: { from?: string; to?: string };
  window: Window;
  /** Zone of the agreement's periods (default UTC). */
  timezone: string;
  fee?: { monthly: number; currency: string };
  activeUsers: Record<string, number>;
  priorityMatrix: PriorityMatrix;
  objectives: ObjectiveSpec[];
  credits?: CreditsSpec;
  exitTriggers: ExitTriggerSpec[];
}

/** What an escalation policy reacts to: a clock's warning or breach, a P1 nobody answered, an exit trigger. */
export const ESCALATION_EVENTS = ['warning', 'breach', 'not-acknowledged', 'exit-trigger'] as const;
export type EscalationEvent = (typeof ESCALATION_EVENTS)[number];

export const NOTIFICATION_CHANNELS = ['email', 'webhook'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** A recipient that stands for the contacts of the party holding the incident when the policy fires. */
export const HOLDER_RECIPIENT = 'holder';

/** When a policy fires. Empty filter lists match everything. */
export interface EscalationCondition {
  event: EscalationEvent;
  /** Incident priorities (of the objective, or else of the incident); not for exit-trigger. */
  priorities: Priority[];
  /** Agreement ids; not for not-acknowledged. */
  agreements: string[];
  /** Agreement kinds; not for not-acknowledged. */
  kinds: AgreementKind[];
  /** warning only: the lowest warning threshold that notifies (0.75 notifies at 75 % and 90 %). */
  threshold?: Ratio;
  /**
   * Real time after the event before notifying. Required for not-acknowledged (counted from
   * `opened`); for the others a delay that is dropped if the incident is resolved meanwhile.
   */
  after?: Seconds;
}

export interface EscalationPolicySpec {
  id: string;
  when: EscalationCondition;
  /** Contact ids, or HOLDER_RECIPIENT. */
  notify: string[];
  /** Channels to use; empty = every channel each contact has. */
  channels: NotificationChannel[];
  /** Overrides each contact's respectCalendar (an urgent policy may ignore office hours). */
  respectCalendar?: boolean;
}

/**
 * Where the notifications service reads a secret. The catalogue names it, never holds it: the
 * catalogue is published to every service, kept in their replicas and in version control.
 */
export type SecretRef = { env: string } | { file: string };

export interface WebhookSpec {
  url: string;
  /** The HMAC-SHA256 signing key. */
  secret: SecretRef;
}

export interface ContactSpec {
  id: string;
  name?: string;
  /** The party this contact speaks for; `holder` reaches the contacts of the holding party. */
  party?: string;
  email?: string;
  webhook?: WebhookSpec;
  /** Calendar id of the contact's hours. */
  calendar?: string;
  /** Deliver only inside the calendar's open time (at its next opening otherwise). */
  respectCalendar: boolean;
}

export interface Catalog {
  apiVersion: 'underpin/v1';
  parties: Party[];
  calendars: CalendarSpec[];
  maintenance: MaintenanceSpec[];
  services: ServiceSpec[];
  agreements: AgreementSpec[];
  /** Escalation policies; the loader always sets it (empty when the catalogue has none). */
  escalations?: EscalationPolicySpec[];
  /** Who escalations reach and how; the loader always sets it. */
  contacts?: ContactSpec[];
}

export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = {
  high: { high: 'P1', medium: 'P2', low: 'P3' },
  medium: { high: 'P2', medium: 'P3', low: 'P4' },
  low: { high: 'P3', medium: 'P4', low: 'P4' },
};
export const DEFAULT_PAUSE_ON = ['awaiting-customer'];
export const DEFAULT_WARN_AT: Ratio[] = [0.5, 0.75, 0.9];
