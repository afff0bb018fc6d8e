import type { RecordedAlert } from '@underpin/domain';
import type { TrackedTimeline } from '../clocks/clock-refresh.service';

/** What every path that re-evaluates an incident reads from its row, beside the timeline. */
export const TRACKED_STATE_COLUMNS = 'alert_state, alert_horizon, clock_keys';

export interface TrackedStateRow {
  alert_state: RecordedAlert[];
  alert_horizon: Date | null;
  clock_keys: string[];
}

export function trackedStateOf(row: TrackedStateRow): Pick<TrackedTimeline, 'recorded' | 'alertHorizon' | 'clockKeys'> {
  return { recorded: row.alert_state, alertHorizon: row.alert_horizon?.getTime(), clockKeys: row.clock_keys };
}
