import type { ObjectiveSpec } from '../catalog/catalog.model';

/** An objective with the loader's defaults, for tests. */
export function objective(
  over: Partial<ObjectiveSpec> & Pick<ObjectiveSpec, 'id' | 'metric' | 'target' | 'direction'>,
): ObjectiveSpec {
  return {
    pauseOn: ['awaiting-customer'],
    warnAt: [0.5, 0.75, 0.9],
    perRegion: true,
    window: 'month',
    excludeMaintenance: [],
    underpinnedBy: [],
    ...over,
  };
}
