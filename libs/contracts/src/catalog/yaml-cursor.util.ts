import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { Problem } from './problem.type';

/** Where something sits: a problem without its message. */
export type Location = Omit<Problem, 'message'>;

/**
 * One parsed YAML file and the problems found in it so far. Readers report here and go on,
 * so one pass lists every problem in the file instead of stopping at the first. The same
 * problem found twice (two rules reaching one value) is listed once.
 */
export class YamlFile {
  readonly problems: Problem[] = [];
  private readonly unknownAliases = new Set<unknown>();
  /** Per node, the paths with a problem and their messages. */
  private readonly reported = new Map<unknown, Map<string, Set<string>>>();

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
    const paths = this.reported.get(at ?? null) ?? new Map<string, Set<string>>();
    const messages = paths.get(path) ?? new Set<string>();
    if (messages.has(message)) return;
    messages.add(message);
    paths.set(path, messages);
    this.reported.set(at ?? null, paths);
    this.problems.push({ ...this.locate(at, path), message });
  }

  /** Whether something is already wrong at this place, so that nothing more is said or built on it. */
  hasProblemAt(cursor: Pick<Cursor, 'at' | 'path'>): boolean {
    return this.reported.get(cursor.at ?? null)?.has(cursor.path) ?? false;
  }

  /** Whether anything is wrong at this place or inside it. */
  hasProblemsWithin(cursor: Cursor): boolean {
    const { path } = cursor;
    return this.problems.some((p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`));
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

/*
 * Reading after the schema walk: the walk has reported every value of the wrong shape, so
 * these accessors only take what is there and say nothing; a value the walk found wrong
 * reads as absent, so no rule is checked against it a second time.
 */

/** The field `key` of a mapping (the first, when a key is given twice). */
export function field(cursor: Cursor | undefined, key: string): Cursor | undefined {
  if (cursor === undefined || !isMap(cursor.node)) return undefined;
  const pair = cursor.node.items.find((item) => keyOf(item.key) === key);
  return pair ? cursor.file.cursor(pair.value as Node | null, childPath(cursor.path, key), pair.key as Node) : undefined;
}

/** The entries of a mapping, first of each key, in the order written. */
export function entries(cursor: Cursor | undefined): Array<[string, Cursor]> {
  if (cursor === undefined || !isMap(cursor.node)) return [];
  const out = new Map<string, Cursor>();
  for (const pair of cursor.node.items) {
    const key = keyOf(pair.key);
    if (key !== undefined && !out.has(key)) {
      out.set(key, cursor.file.cursor(pair.value as Node | null, childPath(cursor.path, key), pair.key as Node));
    }
  }
  return [...out];
}

/** The items of a sequence; none for anything else. */
export function items(cursor: Cursor | undefined): Cursor[] {
  if (cursor === undefined || !isSeq(cursor.node)) return [];
  return cursor.node.items.map((item, index) => cursor.file.cursor(item as Node | null, `${cursor.path}[${index}]`, cursor.at));
}

/** A scalar's value, whether or not anything is wrong with it. */
export function scalar(cursor: Cursor | undefined): unknown {
  return cursor !== undefined && isScalar(cursor.node) ? cursor.node.value : undefined;
}

/** A scalar's value when nothing is wrong with it. */
export function sound(cursor: Cursor | undefined): unknown {
  return cursor === undefined || cursor.file.hasProblemAt(cursor) ? undefined : scalar(cursor);
}

export function text(cursor: Cursor | undefined): string | undefined {
  const value = sound(cursor);
  return typeof value === 'string' ? value : undefined;
}

export function numberAt(cursor: Cursor | undefined): number | undefined {
  const value = sound(cursor);
  return typeof value === 'number' ? value : undefined;
}

export function booleanAt(cursor: Cursor | undefined): boolean | undefined {
  const value = sound(cursor);
  return typeof value === 'boolean' ? value : undefined;
}

/** The sound words of a list, each with where it was written. */
export function words(cursor: Cursor | undefined): Array<{ value: string; at: Cursor }> {
  return items(cursor).flatMap((at) => {
    const value = text(at);
    return value === undefined ? [] : [{ value, at }];
  });
}

/** `priority: P1` and `priority: [P1, P2]` read alike. */
export function oneOrMany(cursor: Cursor | undefined): Array<{ value: string; at: Cursor }> {
  if (cursor === undefined) return [];
  if (isSeq(cursor.node)) return words(cursor);
  const value = text(cursor);
  return value === undefined ? [] : [{ value, at: cursor }];
}
