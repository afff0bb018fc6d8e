import type { BusinessCalendar } from '../../calendar/business-calendar.type';
import type { BurnRateRule, EpochMs, ObjectiveSpec, Ratio, Seconds } from '../../catalog/catalog.model';
import { InvalidPeriodInputException } from '../invalid-period-input.exception';
import { BUDGET_STEP_MS, budgetSeries, errorBudgetRatio, windowOf, type BudgetSeries } from './budget-series.util';
import type { PeriodState } from './period-state.type';

const DAY: Seconds = 86_400;
/** The window the SRE workbook's numbers are given for. */
const WORKBOOK_WINDOW: Seconds = 30 * DAY;

/**
 * The SRE workbook's four alerts for a 30-day budget: 2 % of it in 1 h (confirmed over
 * 5 min) and 5 % in 6 h (30 min) page; 10 % in 1 d (2 h) and 10 % in 3 d (6 h) open a ticket.
 */
export const DEFAULT_BURN_RATES: readonly BurnRateRule[] = [
  { budget: 0.02, long: 3_600, short: 300, severity: 'page' },
  { budget: 0.05, long: 6 * 3_600, short: 1_800, severity: 'page' },
  { budget: 0.1, long: DAY, short: 2 * 3_600, severity: 'ticket' },
  { budget: 0.1, long: 3 * DAY, short: 6 * 3_600, severity: 'ticket' },
];

/** The rolling window: the objective's own, else 30 days beside a monthly window and 90 beside a quarterly one. */
export function rollingWindowOf(objective: ObjectiveSpec): Seconds {
  const window = objective.rollingWindow ?? (objective.window === 'quarter' ? 90 * DAY : 30 * DAY);
  if (!(Number.isFinite(window) && window >= 60)) {
    throw new InvalidPeriodInputException(`objectives.${objective.id}.rollingWindow`, `expected a duration of at least a minute, got ${window}`);
  }
  return window;
}

export interface BurnRateAlertRule extends BurnRateRule {
  /** Its place in the objective's list: names the alert. */
  index: number;
  /** The burn rate both windows must exceed: budget × rolling window / long window (14.4 for 2 % of 30 days in 1 h). */
  rate: number;
}

const wholeMinutes = (seconds: Seconds) => Math.max(60, Math.round(seconds / 60) * 60);

/**
 * The objective's burn-rate alerts: its own, or the workbook's four with their windows scaled
 * to its rolling window (30 days keeps 1 h / 5 min; 90 days makes them 3 h / 15 min), whole
 * minutes at least one long.
 */
export function burnRateRules(objective: ObjectiveSpec): BurnRateAlertRule[] {
  const window = rollingWindowOf(objective);
  const own = objective.burnRates;
  const rules = own ?? DEFAULT_BURN_RATES.map((rule) => ({ ...rule, long: (rule.long * window) / WORKBOOK_WINDOW, short: (rule.short * window) / WORKBOOK_WINDOW }));
  return rules.map((rule, index) => {
    const field = `objectives.${objective.id}.burnRates[${index}]`;
    if (!(rule.budget > 0 && rule.budget <= 1)) throw new InvalidPeriodInputException(`${field}.budget`, `expected a share above 0 and at most 100 %, got ${rule.budget}`);
    const long = wholeMinutes(rule.long);
    const short = wholeMinutes(rule.short);
    if (own && (long !== rule.long || short !== rule.short || short > long)) {
      throw new InvalidPeriodInputException(field, `expected whole minutes with short (${rule.short} s) no longer than long (${rule.long} s)`);
    }
    return { budget: rule.budget, long, short, severity: rule.severity, index, rate: (rule.budget * window) / long };
  });
}

/**
 * How fast the budget burns over a window: its bad share over the share the objective allows
 * (1 = exactly on budget). Null when the objective allows nothing bad and something was.
 */
function burnRate(series: BudgetSeries, from: EpochMs, to: EpochMs, allowed: Ratio): number | null {
  const { bad, total } = windowOf(series, from, to);
  if (!(total > 0) || bad <= 0) return 0;
  return allowed > 0 ? bad / total / allowed : null;
}

/** Whether both windows ending at `at` burn faster than the rule's rate (bad/total > rate × allowed, no division by a 0 budget). */
function burning(series: BudgetSeries, at: EpochMs, rule: BurnRateAlertRule, allowed: Ratio): boolean {
  const threshold = rule.rate * allowed;
  const long = windowOf(series, at - rule.long * 1000, at);
  if (!(long.total > 0 && long.bad / long.total > threshold)) return false;
  const short = windowOf(series, at - rule.short * 1000, at);
  return short.total > 0 && short.bad / short.total > threshold;
}

export interface BurnRateInput {
  objective: ObjectiveSpec;
  /** States of the objective for one region (or pooled), of the periods the windows reach into. */
  states: readonly PeriodState[];
  /** The objective's calendar with excluded maintenance taken out (availability only). */
  calendar?: BusinessCalendar;
}

/** A burn-rate alert that happened, in event time. */
export interface BurnRateAlert {
  rule: number;
  severity: BurnRateRule['severity'];
  budget: Ratio;
  long: Seconds;
  short: Seconds;
  rate: number;
  /** The first whole minute at which both windows burned faster than `rate`. */
  firedAt: EpochMs;
  /** The first whole minute after it at which they no longer both did; null while it still burns at `to`. */
  resolvedAt: EpochMs | null;
}

/** Names an alert: at most one of a rule fires at one instant. */
export function burnRateAlertKey(alert: Pick<BurnRateAlert, 'rule' | 'firedAt'>): string {
  return `${alert.rule}/${alert.firedAt}`;
}

/**
 * Every burn-rate alert of the objective between `from` and `to`, as a function of the
 * samples in the states: the rules are judged at each whole UTC minute t in [from, to], over
 * the windows [t − long, t) and [t − short, t) (no data before the earliest state burns
 * nothing). However the samples were batched, whichever service held them, the same states
 * give the same alerts at the same instants; a late sample may move or withdraw one. An alert
 * burning at `from` is reported as fired at `from`.
 */
export function burnRateAlerts(input: BurnRateInput & { from: EpochMs; to: EpochMs }): BurnRateAlert[] {
  const { objective, from, to } = input;
  const rules = burnRateRules(objective);
  const allowed = errorBudgetRatio(objective);
  const series = budgetSeries(input.states, to, input.calendar);
  const first = Math.ceil(from / BUDGET_STEP_MS) * BUDGET_STEP_MS;
  const alerts: BurnRateAlert[] = [];
  for (const rule of rules) {
    let open: BurnRateAlert | undefined;
    for (let at = first; at <= to; at += BUDGET_STEP_MS) {
      const now = burning(series, at, rule, allowed);
      if (now && !open) {
        const { index, ...terms } = rule;
        open = { ...terms, rule: index, firedAt: at, resolvedAt: null };
        alerts.push(open);
      } else if (!now && open) {
        open.resolvedAt = at;
        open = undefined;
      }
    }
  }
  return alerts.sort((a, b) => a.firedAt - b.firedAt || a.rule - b.rule);
}

export interface BurnRateNow {
  rule: number;
  severity: BurnRateRule['severity'];
  rate: number;
  /** Burn rates over the rule's windows ending at the last whole minute by `at` (null: no budget at all, and something bad). */
  long: number | null;
  short: number | null;
  firing: boolean;
}

/** The burn rate now over each rule's windows (1 = spending the budget exactly as fast as it allows). */
export function burnRatesAt(input: BurnRateInput & { at: EpochMs }): BurnRateNow[] {
  const at = Math.floor(input.at / BUDGET_STEP_MS) * BUDGET_STEP_MS;
  const allowed = errorBudgetRatio(input.objective);
  const series = budgetSeries(input.states, at, input.calendar);
  return burnRateRules(input.objective).map((rule) => ({
    rule: rule.index,
    severity: rule.severity,
    rate: rule.rate,
    long: burnRate(series, at - rule.long * 1000, at, allowed),
    short: burnRate(series, at - rule.short * 1000, at, allowed),
    firing: burning(series, at, rule, allowed),
  }));
}
