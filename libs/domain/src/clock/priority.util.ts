import { DEFAULT_PRIORITY_MATRIX, type Level, type Priority, type PriorityMatrix } from '../catalog/catalog.model';

const LEVELS: readonly Level[] = ['high', 'medium', 'low'];

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

/**
 * Priority from impact × urgency through an agreement's matrix, never from who shouts loudest.
 * Throws a RangeError naming the field when a level is not high, medium or low.
 */
export function priorityOf(impact: Level, urgency: Level, matrix: PriorityMatrix = DEFAULT_PRIORITY_MATRIX): Priority {
  if (!isLevel(impact)) throw new RangeError(`impact: expected high, medium or low, got ${JSON.stringify(impact)}`);
  if (!isLevel(urgency)) throw new RangeError(`urgency: expected high, medium or low, got ${JSON.stringify(urgency)}`);
  return matrix[impact][urgency];
}
