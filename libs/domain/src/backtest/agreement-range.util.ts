import type { AgreementSpec, EpochMs } from '../catalog/catalog.model';
import { instantOfZonedDateTime } from '../periods/zoned-time.util';

function startOfLocalDate(date: string, timezone: string): EpochMs {
  const [year, month, day] = date.split('-').map(Number);
  return instantOfZonedDateTime({ year, month, day }, timezone);
}

/**
 * The instants between which an agreement is measured: its effective dates (local dates in
 * its zone, `to` exclusive) narrowed to the backtest's own range.
 */
export function agreementRange(agreement: AgreementSpec, range: { from?: EpochMs; to?: EpochMs }): { lower: EpochMs; upper: EpochMs } {
  const { from, to } = agreement.effective;
  return {
    lower: Math.max(from === undefined ? -Infinity : startOfLocalDate(from, agreement.timezone), range.from ?? -Infinity),
    upper: Math.min(to === undefined ? Infinity : startOfLocalDate(to, agreement.timezone), range.to ?? Infinity),
  };
}
