import type { AgreementSpec, CreditRule, ObjectiveSpec, Ratio } from '../catalog/catalog.model';
import { isPeriodMetric, toReportUnits } from '../periods/period-objective.util';
import type { PeriodKey } from '../periods/period.type';
import { invoicePeriodAfter, monthKeyOfOrdinal, monthOrdinal, periodOf } from '../periods/period.util';
import type { CreditEntry, CreditInput, CreditLine, IncidentResult, PeriodResult } from './credit.type';
import { InvalidCreditInputException } from './invalid-credit-input.exception';
import { checkTiers, isMoreSevere, mostSevereTier } from './tier.util';

const HOUR_SECONDS = 3600;

/** Money is kept to 1/100 of the currency unit, line by line, so lines add up to the total. */
function money(amount: number): number {
  return Math.round((amount + Number.EPSILON * Math.sign(amount)) * 100) / 100;
}

function percent(ratio: Ratio): string {
  return `${Number((ratio * 100).toFixed(6))}%`;
}

function figure(objective: ObjectiveSpec, measured: number): string {
  const value = toReportUnits(objective.target.unit, measured);
  return objective.target.unit === 'ratio' ? `${value}%` : objective.target.unit === 'milliseconds' ? `${value} ms` : `${value}`;
}

interface PendingLine {
  invoice: PeriodKey;
  source: PeriodKey;
  line: CreditLine;
}

interface Context {
  agreement: AgreementSpec;
  fee: number;
  currency: string;
}

function ofAgreement<T extends { agreement?: string }>(agreement: string, results: readonly T[] | undefined): T[] {
  return (results ?? []).filter((r) => r.agreement === undefined || r.agreement === agreement);
}

/**
 * Tier credits of one rule. Per period: with `basis: affected-users` every missed region pays
 * its own tier on its share of the active users (the regions add up; a pooled objective's
 * share is 1); with `basis: fee` the period pays once, the most severe tier any region reached.
 */
function tierLines(ctx: Context, rule: CreditRule, objective: ObjectiveSpec, results: PeriodResult[], field: string): PendingLine[] {
  checkTiers(rule.tiers, objective.direction, `${field}.tiers`);
  const users = ctx.agreement.activeUsers ?? {};
  const totalUsers = Object.values(users).reduce((sum, n) => sum + n, 0);
  const scaled = rule.basis === 'affected-users' && objective.perRegion;
  if (scaled && !(totalUsers > 0)) {
    throw new InvalidCreditInputException(
      `agreements.${ctx.agreement.id}.activeUsers`,
      `rule ${rule.objective} has basis affected-users, which needs active users per region`,
    );
  }
  const byPeriod = new Map<PeriodKey, PeriodResult[]>();
  for (const r of results) {
    if (r.objective !== objective.id || r.met) continue;
    byPeriod.set(r.period, [...(byPeriod.get(r.period) ?? []), r]);
  }
  const out: PendingLine[] = [];
  for (const period of [...byPeriod.keys()].sort()) {
    const invoice = invoicePeriodAfter(period);
    const misses = (byPeriod.get(period) as PeriodResult[])
      .flatMap((r) => {
        const tier = mostSevereTier(rule.tiers, objective.direction, r.measured);
        return tier ? [{ r, tier }] : [];
      })
      .sort((a, b) => (a.r.region ?? '').localeCompare(b.r.region ?? ''));
    if (misses.length === 0) continue;
    const lineOf = (r: PeriodResult, rate: Ratio, share: Ratio, shareText: string): PendingLine => {
      const region = r.region ?? null;
      const where = region ? ` in ${region}` : '';
      const amount = money(rate * share * ctx.fee);
      return {
        invoice,
        source: period,
        line: {
          kind: 'tier',
          objective: objective.id,
          region,
          period,
          basis: rule.basis,
          measured: r.measured,
          rate,
          share,
          amount,
          detail: `${objective.id} ${figure(objective, r.measured)}${where} in ${period}: ${percent(rate)}${shareText} of ${ctx.fee} ${ctx.currency} = ${amount} ${ctx.currency}`,
        },
      };
    };
    if (scaled) {
      for (const { r, tier } of misses) {
        const regionUsers = r.region ? (users[r.region] ?? 0) : totalUsers;
        out.push(lineOf(r, tier.credit, regionUsers / totalUsers, ` × ${regionUsers}/${totalUsers} users`));
      }
    } else {
      // The worst region decides: the most severe tier across regions is paid once.
      let worst = misses[0];
      for (const m of misses) if (isMoreSevere(m.tier, worst.tier, objective.direction)) worst = m;
      out.push(lineOf(worst.r, worst.tier.credit, 1, ''));
    }
  }
  return out;
}

/**
 * Per-started-hour credits of one rule: every incident resolved past its target pays the
 * rate for each started hour of counted time beyond it (13 minutes over is one hour; exactly
 * on target is none). An incident still open earns nothing yet: its hours are still growing.
 */
function hourLines(ctx: Context, rule: CreditRule, objective: ObjectiveSpec, results: IncidentResult[], field: string): PendingLine[] {
  const rate = rule.perStartedHourBeyond as number;
  if (!Number.isFinite(rate) || rate < 0) {
    throw new InvalidCreditInputException(`${field}.perStartedHourBeyond`, `expected a share of the fee of 0 or more, got ${rate}`);
  }
  const out: PendingLine[] = [];
  const credited = results
    .filter((r) => r.objective === objective.id && typeof r.resolvedAt === 'number' && r.elapsedSeconds > r.targetSeconds)
    .sort((a, b) => (a.resolvedAt as number) - (b.resolvedAt as number) || a.incident.localeCompare(b.incident));
  for (const r of credited) {
    // Counted seconds may carry float dust from millisecond arithmetic; never round it up into an hour.
    const hoursBeyond = Math.ceil((r.elapsedSeconds - r.targetSeconds) / HOUR_SECONDS - 1e-9);
    if (hoursBeyond <= 0) continue;
    const resolvedIn = periodOf(r.resolvedAt as number, 'month', ctx.agreement.timezone).key;
    const amount = money(rate * hoursBeyond * ctx.fee);
    out.push({
      invoice: invoicePeriodAfter(resolvedIn),
      source: resolvedIn,
      line: {
        kind: 'per-started-hour',
        objective: objective.id,
        incident: r.incident,
        period: resolvedIn,
        hoursBeyond,
        rate,
        amount,
        detail: `${r.incident} ${objective.id}: ${hoursBeyond} started hour(s) past the target × ${percent(rate)} of ${ctx.fee} ${ctx.currency} = ${amount} ${ctx.currency}`,
      },
    });
  }
  return out;
}

/**
 * The credits one agreement owes, invoice by invoice. A period objective's credit goes on
 * the invoice of the month after its period ends; an incident's on the invoice of the month
 * after the month (in the agreement's zone) it was resolved in. Each invoice is capped at
 * `cap × monthly fee`, shown as a negative `cap` line. Works the same for SLAs (owed to a
 * customer) and UCs (owed by a vendor).
 */
export function computeCredits(agreement: AgreementSpec, input: CreditInput): CreditEntry[] {
  const rules = agreement.credits?.rules ?? [];
  if (rules.length === 0) return [];
  const base = `agreements.${agreement.id}`;
  const fee = agreement.fee;
  if (!fee || !Number.isFinite(fee.monthly) || fee.monthly < 0) {
    throw new InvalidCreditInputException(`${base}.fee`, 'credit rules need a monthly fee of 0 or more');
  }
  const ctx: Context = { agreement, fee: fee.monthly, currency: fee.currency };
  const periodResults = ofAgreement(agreement.id, input.periodResults);
  const incidentResults = ofAgreement(agreement.id, input.incidentResults);
  const pending: PendingLine[] = [];
  rules.forEach((rule, i) => {
    const field = `${base}.credits.rules[${i}]`;
    const objective = agreement.objectives.find((o) => o.id === rule.objective);
    if (!objective) throw new InvalidCreditInputException(`${field}.objective`, `no objective "${rule.objective}" in this agreement`);
    const periodic = isPeriodMetric(objective.metric);
    if (rule.tiers.length > 0) {
      if (!periodic) {
        throw new InvalidCreditInputException(
          `${field}.tiers`,
          `${objective.id} is measured per incident; credit its breaches with perStartedHourBeyond`,
        );
      }
      pending.push(...tierLines(ctx, rule, objective, periodResults, field));
    }
    if (rule.perStartedHourBeyond !== undefined) {
      if (periodic) {
        throw new InvalidCreditInputException(`${field}.perStartedHourBeyond`, `${objective.id} is measured per period; use tiers`);
      }
      pending.push(...hourLines(ctx, rule, objective, incidentResults, field));
    }
  });
  return invoices(ctx, pending);
}

function invoices(ctx: Context, pending: PendingLine[]): CreditEntry[] {
  const byInvoice = new Map<PeriodKey, PendingLine[]>();
  for (const p of pending) byInvoice.set(p.invoice, [...(byInvoice.get(p.invoice) ?? []), p]);
  const cap = ctx.agreement.credits?.cap;
  return [...byInvoice.keys()].sort().map((invoice) => {
    const group = byInvoice.get(invoice) as PendingLine[];
    const lines = group.map((p) => p.line);
    const sum = money(lines.reduce((s, l) => s + l.amount, 0));
    let amount = sum;
    let capped = false;
    if (cap !== undefined) {
      const limit = money(cap * ctx.fee);
      if (sum > limit) {
        capped = true;
        amount = limit;
        lines.push({
          kind: 'cap',
          rate: cap,
          amount: money(limit - sum),
          detail: `capped at ${percent(cap)} of ${ctx.fee} ${ctx.currency} = ${limit} ${ctx.currency} (lines sum to ${sum} ${ctx.currency})`,
        });
      }
    }
    return {
      agreement: ctx.agreement.id,
      payer: ctx.agreement.provider,
      payee: ctx.agreement.consumer,
      period: monthKeyOfOrdinal(monthOrdinal(invoice) - 1),
      sourcePeriods: [...new Set(group.map((p) => p.source))].sort(),
      invoicePeriod: invoice,
      amount,
      currency: ctx.currency,
      capped,
      lines,
    };
  });
}
