import { DEFAULT_PRIORITY_MATRIX, type Level, type PriorityMatrix } from '../catalog/catalog.model';
import { priorityOf } from './priority.util';

describe(priorityOf.name, () => {
  it.each([
    ['high', 'high', 'P1'],
    ['high', 'medium', 'P2'],
    ['medium', 'high', 'P2'],
    ['medium', 'medium', 'P3'],
    ['high', 'low', 'P3'],
    ['low', 'high', 'P3'],
    ['medium', 'low', 'P4'],
    ['low', 'medium', 'P4'],
    ['low', 'low', 'P4'],
  ] as Array<[Level, Level, string]>)('impact %s × urgency %s is %s by default', (impact, urgency, priority) => {
    expect(priorityOf(impact, urgency)).toBe(priority);
  });

  it("follows an agreement's own matrix", () => {
    const strict: PriorityMatrix = { ...DEFAULT_PRIORITY_MATRIX, high: { high: 'P1', medium: 'P1', low: 'P2' } };
    expect(priorityOf('high', 'medium', strict)).toBe('P1');
  });

  it('names the field of a level it does not know', () => {
    expect(() => priorityOf('urgent' as Level, 'high')).toThrow('impact: expected high, medium or low, got "urgent"');
    expect(() => priorityOf('high', undefined as unknown as Level)).toThrow('urgency: expected high, medium or low, got undefined');
  });
});
