// Vantage point and call ids come from senders: `constructor` or `__proto__` are valid ids,
// so the records keyed by them are read and written as own properties only.

const hasOwn = Object.prototype.hasOwnProperty;

export function ownValue<T>(record: Record<string, T>, key: string): T | undefined {
  return hasOwn.call(record, key) ? record[key] : undefined;
}

export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

/** The keys in code-unit order: the order they were first seen must not show in any figure. */
export function sortedKeys(record: Record<string, unknown>): string[] {
  return Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
