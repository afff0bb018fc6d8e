import type { EpochMs, Ratio, Seconds } from '../catalog/catalog.model';
import type { PeriodKey } from '../periods/period.type';

/** One objective × region × period figure, as the period evaluation produced it. */
export interface PeriodResult {
  /** When given, results of other agreements are ignored. */
  agreement?: string;
  objective: string;
  /** Null or absent for an objective that is not per region. */
  region?: string | null;
  period: PeriodKey;
  /** In the objective's own units: a ratio (0.9993), milliseconds, or a score. */
  measured: number;
  met: boolean;
}

/** One incident × time objective, as the incident clocks produced it. */
export interface IncidentResult {
  agreement?: string;
  incident: string;
  objective: string;
  /** Counted on the objective's calendar, pauses taken out. */
  elapsedSeconds: Seconds;
  targetSeconds: Seconds;
  breached: boolean;
  /** When the counted time reached (or would reach) the target. */
  dueAt?: EpochMs | null;
  /** The final resolution; absent or null while the incident is open. */
  resolvedAt?: EpochMs | null;
}

export interface CreditInput {
  periodResults?: readonly PeriodResult[];
  incidentResults?: readonly IncidentResult[];
}

export type CreditLine =
  | {
      kind: 'tier';
      objective: string;
      region: string | null;
      /** The period whose miss this is. */
      period: PeriodKey;
      basis: 'fee' | 'affected-users';
      measured: number;
      /** The tier paid, as a share of the monthly fee. */
      rate: Ratio;
      /** The region's share of active users (1 for basis fee or a pooled objective). */
      share: Ratio;
      amount: number;
      detail: string;
    }
  | {
      kind: 'per-started-hour';
      objective: string;
      incident: string;
      /** The month the incident was resolved in. */
      period: PeriodKey;
      hoursBeyond: number;
      rate: Ratio;
      amount: number;
      detail: string;
    }
  | {
      kind: 'cap';
      rate: Ratio;
      /** Negative: what the cap took off the sum of the other lines. */
      amount: number;
      detail: string;
    };

/**
 * The credit on one invoice of one agreement, after the cap. `payer` owes it to `payee`: the
 * provider to its customer for an SLA, a vendor to the organisation for a UC.
 */
export interface CreditEntry {
  agreement: string;
  payer: string;
  payee: string;
  /**
   * The month the credit was earned: the one before the invoice month. Every source period
   * ended in it and every credited incident was resolved in it.
   */
  period: PeriodKey;
  /** The measurement periods and resolution months the lines come from. */
  sourcePeriods: PeriodKey[];
  invoicePeriod: PeriodKey;
  amount: number;
  currency: string;
  capped: boolean;
  lines: CreditLine[];
}

export interface ExitTriggerFiring {
  agreement: string;
  trigger: string;
  kind: 'breached-periods' | 'incidents-beyond';
  firedAt: EpochMs;
  /**
   * What made it fire: the missed months with what missed in each
   * (`2026-04: packet-loss/eu-north, INC-7/p1-resolution`), or the incidents past their due time.
   */
  evidence: string[];
}
