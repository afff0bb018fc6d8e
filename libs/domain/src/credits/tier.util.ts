import type { CreditTier, ObjectiveSpec } from '../catalog/catalog.model';
import { objectiveTolerance } from '../periods/period-objective.util';
import { InvalidCreditInputException } from './invalid-credit-input.exception';

/**
 * Checks that every tier fits the objective's direction: `below` for objectives met at or
 * above their target (availability, MOS), `above` for those met at or below it (latency,
 * ratios of bad things).
 */
export function checkTiers(tiers: readonly CreditTier[], direction: ObjectiveSpec['direction'], field: string): void {
  const wanted = direction === 'atLeast' ? 'below' : 'above';
  const other = direction === 'atLeast' ? 'above' : 'below';
  tiers.forEach((tier, j) => {
    if (tier[other] !== undefined) {
      throw new InvalidCreditInputException(`${field}[${j}].${other}`, `this objective is missed by going ${wanted} its target; use "${wanted}"`);
    }
    const threshold = tier[wanted];
    if (threshold === undefined || !Number.isFinite(threshold)) {
      throw new InvalidCreditInputException(`${field}[${j}]`, `a tier needs "${wanted}" with a number`);
    }
    if (!Number.isFinite(tier.credit) || tier.credit < 0) {
      throw new InvalidCreditInputException(`${field}[${j}].credit`, `expected a share of the fee of 0 or more, got ${tier.credit}`);
    }
  });
}

/** Whether tier `a` is more severe than `b`: a lower `below` or higher `above`; a bigger credit on a tie. */
export function isMoreSevere(a: CreditTier, b: CreditTier, direction: ObjectiveSpec['direction']): boolean {
  const ta = (direction === 'atLeast' ? a.below : a.above) as number;
  const tb = (direction === 'atLeast' ? b.below : b.above) as number;
  if (ta !== tb) return direction === 'atLeast' ? ta < tb : ta > tb;
  return a.credit > b.credit;
}

/**
 * The one tier paid for a figure: among the tiers whose threshold the figure is past, the
 * most severe (lowest `below`, highest `above`); tiers never add up. A figure equal to a
 * threshold up to rounding is not past it. Tiers must have passed `checkTiers`.
 */
export function mostSevereTier(
  tiers: readonly CreditTier[],
  direction: ObjectiveSpec['direction'],
  measured: number,
): CreditTier | undefined {
  let chosen: CreditTier | undefined;
  for (const tier of tiers) {
    const threshold = (direction === 'atLeast' ? tier.below : tier.above) as number;
    const slack = objectiveTolerance(threshold);
    const past = direction === 'atLeast' ? measured < threshold - slack : measured > threshold + slack;
    if (past && (!chosen || isMoreSevere(tier, chosen, direction))) chosen = tier;
  }
  return chosen;
}
