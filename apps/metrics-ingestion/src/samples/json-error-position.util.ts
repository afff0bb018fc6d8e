/** Where a text stops being JSON, and why. */
export interface JsonErrorLocation {
  /** 1-based, as editors count. */
  line: number;
  column: number;
  message: string;
  /** When the text is an array: the 0-based index of the element the error is in (or after). */
  index?: number;
}

/** Deeper than this the scan stops: a sample is two levels deep. */
const MAX_DEPTH = 256;

class JsonSyntaxException extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Finds the first place where `text` breaks JSON's grammar (RFC 8259), for a text that
 * JSON.parse refused: V8's messages do not always say where. Run only on refused bodies, so
 * its speed matters little; it allocates nothing per value.
 */
export function locateJsonError(text: string): JsonErrorLocation {
  const scanner = new Scanner(text);
  try {
    scanner.document();
  } catch (error) {
    if (!(error instanceof JsonSyntaxException)) throw error;
    return { ...position(text, error.offset), message: error.message, ...(scanner.index !== undefined ? { index: scanner.index } : {}) };
  }
  // JSON.parse refused what the grammar takes; say so rather than point nowhere.
  return { line: 1, column: 1, message: 'not valid JSON' };
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

class Scanner {
  private at = 0;
  /** The element of a top-level array being read. */
  index: number | undefined;

  constructor(private readonly text: string) {}

  document(): void {
    this.space();
    if (this.at >= this.text.length) this.fail('the body is empty');
    if (this.text[this.at] === '[') this.array(0, true);
    else this.value(0);
    this.space();
    if (this.at < this.text.length) this.fail(`unexpected ${this.seen()} after the end of the JSON value`);
  }

  private value(depth: number): void {
    if (depth > MAX_DEPTH) this.fail(`nested deeper than ${MAX_DEPTH} levels`);
    this.space();
    const c = this.text[this.at];
    if (c === '{') this.object(depth);
    else if (c === '[') this.array(depth, false);
    else if (c === '"') this.string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.number();
    else if (c === 't') this.word('true');
    else if (c === 'f') this.word('false');
    else if (c === 'n') this.word('null');
    else this.fail(`expected a value, got ${this.seen()}`);
  }

  private object(depth: number): void {
    this.at += 1;
    this.space();
    if (this.text[this.at] === '}') {
      this.at += 1;
      return;
    }
    for (;;) {
      this.space();
      if (this.text[this.at] !== '"') this.fail(`expected a field name in double quotes, got ${this.seen()}`);
      this.string();
      this.space();
      if (this.text[this.at] !== ':') this.fail(`expected ':' after a field name, got ${this.seen()}`);
      this.at += 1;
      this.value(depth + 1);
      this.space();
      const c = this.text[this.at];
      if (c === '}') {
        this.at += 1;
        return;
      }
      if (c !== ',') this.fail(`expected ',' or '}' after a field, got ${this.seen()}`);
      this.at += 1;
    }
  }

  private array(depth: number, top: boolean): void {
    this.at += 1;
    this.space();
    if (this.text[this.at] === ']') {
      this.at += 1;
      return;
    }
    for (let element = 0; ; element += 1) {
      if (top) this.index = element;
      this.value(depth + 1);
      this.space();
      const c = this.text[this.at];
      if (c === ']') {
        this.at += 1;
        if (top) this.index = undefined;
        return;
      }
      if (c !== ',') this.fail(`expected ',' or ']' after an array element, got ${this.seen()}`);
      this.at += 1;
    }
  }

  private string(): void {
    this.at += 1;
    for (;;) {
      const c = this.text.charCodeAt(this.at);
      if (Number.isNaN(c)) this.fail('a string is not closed');
      if (c === 0x22) {
        this.at += 1;
        return;
      }
      if (c < 0x20) this.fail('a string holds a control character (a raw line break?); escape it');
      if (c === 0x5c) {
        const escaped = this.text[this.at + 1];
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 2, this.at + 6))) this.fail('\\u must be followed by four hex digits');
          this.at += 6;
          continue;
        }
        if (escaped === undefined || !'"\\/bfnrt'.includes(escaped)) this.fail(`unknown escape \\${escaped ?? ''}`);
        this.at += 2;
        continue;
      }
      this.at += 1;
    }
  }

  private number(): void {
    const match = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    match.lastIndex = this.at;
    if (!match.test(this.text)) this.fail(`expected a number, got ${this.seen()}`);
    this.at = match.lastIndex;
    const next = this.text[this.at];
    if (next !== undefined && /[0-9.eE+-]/.test(next)) this.fail(`a number cannot go on with ${this.seen()}`);
  }

  private word(word: string): void {
    if (this.text.startsWith(word, this.at)) this.at += word.length;
    else this.fail(`expected a value, got ${this.seen()}`);
  }

  private space(): void {
    for (let c = this.text[this.at]; c === ' ' || c === '\t' || c === '\n' || c === '\r'; c = this.text[this.at]) this.at += 1;
  }

  private seen(): string {
    const c = this.text[this.at];
    return c === undefined ? 'the end of the body' : JSON.stringify(c);
  }

  private fail(message: string): never {
    throw new JsonSyntaxException(this.at, message);
  }
}
