export interface StoredRecord {
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
}

/**
 * The records of one in-process partition from the oldest still needed to the newest.
 * Offsets grow forever like Kafka's; memory is only what lies between the slowest group's
 * position and the end, because consumed records are trimmed.
 */
export class PartitionLog {
  private records: StoredRecord[] = [];
  private head = 0;
  /** Offset of records[head]. */
  private base = 0;

  get start(): number {
    return this.base;
  }

  get end(): number {
    return this.base + this.records.length - this.head;
  }

  append(record: StoredRecord): number {
    this.records.push(record);
    return this.end - 1;
  }

  read(from: number, max: number): Array<StoredRecord & { offset: number }> {
    const first = Math.max(from, this.base);
    const out: Array<StoredRecord & { offset: number }> = [];
    for (let offset = first; offset < this.end && out.length < max; offset += 1) {
      out.push({ ...this.records[this.head + offset - this.base], offset });
    }
    return out;
  }

  /** Forgets every record below `offset`. */
  trimTo(offset: number): void {
    const drop = Math.min(offset, this.end) - this.base;
    if (drop <= 0) return;
    for (let i = this.head; i < this.head + drop; i += 1) this.records[i] = undefined as unknown as StoredRecord;
    this.head += drop;
    this.base += drop;
    // Compact now and then instead of shifting on every trim (shift is O(n)).
    if (this.head > 1_024 && this.head * 2 > this.records.length) {
      this.records = this.records.slice(this.head);
      this.head = 0;
    }
  }
}

/** FNV-1a: cheap, stable across runs and processes, evenly spread for short ids. */
export function partitionForKey(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}
