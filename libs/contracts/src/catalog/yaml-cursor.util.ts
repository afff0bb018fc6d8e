import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import { didYouMean } from './did-you-mean.util';
import type { Problem } from './problem.type';
import { ENTITY_ID_DESCRIPTION, isEntityId } from '../ids/entity-id.constant';

/** Where something sits: a problem without its message. */
export type Location = Omit<Problem, 'message'>;

/**
 * One parsed YAML file and the problems found in it so far. Readers report here and go on,
 * so one pass lists every problem in the file instead of stopping at the first.
 */
export class YamlFile {
  readonly problems: Problem[] = [];
  private readonly unknownAliases = new Set<unknown>();
  /** Per node, the paths with a problem. */
  private readonly reported = new Map<unknown, Set<string>>();

  constructor(
    readonly name: string,
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  root(): Cursor {
    return this.cursor(this.doc.contents, '');
  }

  /** `near` locates problems when the node itself is absent (`key:` with no value). */
  cursor(node: Node | null, path: string, near: Node | null = null): Cursor {
    return { file: this, at: node ?? near, node: this.resolve(node, path), path };
  }

  locate(at: Node | null | undefined, path: string): Location {
    const offset = at?.range?.[0];
    if (offset === undefined) return { file: this.name, path };
    const { line, col } = this.lines.linePos(offset);
    return { file: this.name, line, column: col, path };
  }

  report(at: Node | null | undefined, path: string, message: string): void {
    // An unknown alias reads as nothing; what that nothing fails to be is noise.
    if (this.unknownAliases.has(at)) return;
    const paths = this.reported.get(at ?? null) ?? new Set<string>();
    paths.add(path);
    this.reported.set(at ?? null, paths);
    this.problems.push({ ...this.locate(at, path), message });
  }

  /** Whether something is already wrong at this place, so that nothing more is said or built on it. */
  hasProblemAt(cursor: Pick<Cursor, 'at' | 'path'>): boolean {
    return this.reported.get(cursor.at ?? null)?.has(cursor.path) ?? false;
  }

  /** Aliases are followed so `*anchor` reads like the node it names. */
  private resolve(node: Node | null, path: string): Node | null {
    let current: unknown = node;
    for (let hops = 0; isAlias(current) && hops < 32; hops++) {
      const target = current.resolve(this.doc);
      if (target === undefined && !this.unknownAliases.has(current)) {
        this.report(current, path, `unknown alias *${current.source}; no anchor &${current.source} comes before it`);
        this.unknownAliases.add(current);
      }
      current = target ?? null;
    }
    return isAlias(current) ? null : ((current as Node | null) ?? null);
  }
}

/** A node together with how to name it in a problem. `at` is where it was written (an alias, maybe). */
export interface Cursor {
  file: YamlFile;
  at: Node | null;
  node: Node | null;
  path: string;
}

export function report(cursor: Cursor, message: string): void {
  cursor.file.report(cursor.at, cursor.path, message);
}

export function locate(cursor: Cursor): Location {
  return cursor.file.locate(cursor.at, cursor.path);
}

export function childPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** The key of a mapping entry as the catalogue names it, or undefined for a key that is no plain word. */
export function keyOf(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  return typeof key.value === 'string' || typeof key.value === 'number' ? String(key.value) : undefined;
}

/** The fields of a mapping, read by name. */
export class Fields {
  constructor(
    readonly cursor: Cursor,
    private readonly byKey: Map<string, Cursor>,
  ) {}

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  get(key: string): Cursor | undefined {
    return this.byKey.get(key);
  }

  /** The field, or undefined after reporting it missing with what it should have held. */
  require(key: string, expectation: string): Cursor | undefined {
    const field = this.byKey.get(key);
    if (field === undefined) {
      this.cursor.file.report(this.cursor.at, childPath(this.cursor.path, key), `is required; ${expectation}`);
    }
    return field;
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }
}

/**
 * Reads a mapping, reporting every key outside `known` (with the closest known key, since
 * a misspelt optional key would otherwise be silently ignored).
 */
export function readMap(cursor: Cursor, known: readonly string[] | 'any', expectation = 'expected a mapping'): Fields | undefined {
  if (!isMap(cursor.node)) {
    report(cursor, expectation);
    return undefined;
  }
  const byKey = new Map<string, Cursor>();
  for (const pair of cursor.node.items) {
    const keyNode = pair.key as Node | null;
    const key = isScalar(keyNode) ? keyNode.value : undefined;
    if (typeof key !== 'string' && typeof key !== 'number') {
      cursor.file.report(keyNode ?? cursor.at, cursor.path, 'expected a plain key');
      continue;
    }
    const name = String(key);
    if (known !== 'any' && !known.includes(name)) {
      cursor.file.report(keyNode, childPath(cursor.path, name), `unknown key "${name}"${didYouMean(name, known)}`);
      continue;
    }
    // The YAML parser already reports duplicate keys; the first one wins here.
    if (!byKey.has(name)) {
      byKey.set(name, cursor.file.cursor(pair.value as Node | null, childPath(cursor.path, name), keyNode));
    }
  }
  return new Fields(cursor, byKey);
}

/** The items of a sequence; a single scalar is not promoted, so `[a]` and `a` never mix. */
export function readList(cursor: Cursor, expectation = 'expected a list'): Cursor[] | undefined {
  if (!isSeq(cursor.node)) {
    report(cursor, expectation);
    return undefined;
  }
  return cursor.node.items.map((item, index) =>
    cursor.file.cursor(item as Node | null, `${cursor.path}[${index}]`, cursor.at),
  );
}

export function scalar(cursor: Cursor): unknown {
  return isScalar(cursor.node) ? cursor.node.value : undefined;
}

export function readString(cursor: Cursor, expectation = 'expected text'): string | undefined {
  const value = scalar(cursor);
  if (typeof value === 'string' && value.trim() !== '') return value;
  report(cursor, expectation);
  return undefined;
}

const ID_EXPECTATION = `expected ${ENTITY_ID_DESCRIPTION}`;

/** The platform's one id pattern (ids/entity-id.constant.ts). */
export const isId = isEntityId;

export function readId(cursor: Cursor): string | undefined {
  const value = scalar(cursor);
  if (isId(value)) return value;
  report(cursor, ID_EXPECTATION);
  return undefined;
}

export function readEnum<T extends string>(cursor: Cursor, values: readonly T[]): T | undefined {
  const value = scalar(cursor);
  if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
  const shown = typeof value === 'string' ? `"${value}"` : 'this';
  const hint = typeof value === 'string' ? didYouMean(value, values) : '';
  report(cursor, `expected one of ${values.join(', ')}; got ${shown}${hint}`);
  return undefined;
}

export interface NumberRule {
  min?: number;
  /** When set, `min` itself is not allowed. */
  exclusiveMin?: boolean;
  max?: number;
  integer?: boolean;
}

export function readNumber(cursor: Cursor, rule: NumberRule = {}, expectation?: string): number | undefined {
  const value = scalar(cursor);
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.min === undefined || (rule.exclusiveMin ? value > rule.min : value >= rule.min)) &&
    (rule.max === undefined || value <= rule.max);
  if (ok) return value;
  report(cursor, expectation ?? describeNumber(rule));
  return undefined;
}

function describeNumber(rule: NumberRule): string {
  const noun = rule.integer ? 'a whole number' : 'a number';
  const bounds: string[] = [];
  if (rule.min !== undefined) bounds.push(rule.exclusiveMin ? `above ${rule.min}` : `at least ${rule.min}`);
  if (rule.max !== undefined) bounds.push(`at most ${rule.max}`);
  return bounds.length ? `expected ${noun} ${bounds.join(' and ')}` : `expected ${noun}`;
}

export function readBoolean(cursor: Cursor): boolean | undefined {
  const value = scalar(cursor);
  if (typeof value === 'boolean') return value;
  report(cursor, 'expected true or false');
  return undefined;
}

/** A list read item by item; items that fail are reported by their reader and left out. */
export function readListOf<T>(cursor: Cursor, readItem: (item: Cursor) => T | undefined, expectation?: string): T[] {
  const items = readList(cursor, expectation);
  if (items === undefined) return [];
  const out: T[] = [];
  for (const item of items) {
    const value = readItem(item);
    if (value !== undefined) out.push(value);
  }
  return out;
}

/** A field read without judging the mapping (no unknown-key reports), for looking ahead. */
export function peekField(cursor: Cursor, key: string): Cursor | undefined {
  if (!isMap(cursor.node)) return undefined;
  const pair = cursor.node.items.find((item) => isScalar(item.key) && item.key.value === key);
  return pair ? cursor.file.cursor(pair.value as Node | null, childPath(cursor.path, key), pair.key as Node) : undefined;
}

/** The ids the items declare, reporting each id declared twice in the list. */
export function declaredIds(items: readonly Cursor[], noun: string): Set<string> {
  const ids = new Set<string>();
  for (const item of items) {
    const idAt = peekField(item, 'id');
    const id = idAt && scalar(idAt);
    if (typeof id !== 'string') continue;
    if (ids.has(id)) report(idAt as Cursor, `duplicate ${noun} id "${id}"`);
    ids.add(id);
  }
  return ids;
}
