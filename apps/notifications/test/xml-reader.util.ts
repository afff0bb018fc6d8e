/** An element of a parsed XML document. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, entities decoded. */
  text: string;
}

const NAME = '[A-Za-z_][\\w.:-]*';
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * A strict reader for the XML a feed produces: one root, balanced tags, quoted attributes,
 * only the five predefined entities or character references, no raw `<` or `&` in text.
 * Throws on anything else, so a test fails when the feed is not well-formed.
 */
export function readXml(source: string): XmlElement {
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(`malformed XML at ${at}: ${what} near ${JSON.stringify(source.slice(at, at + 40))}`);
  };
  const decode = (raw: string): string => {
    if (/[<]/.test(raw)) fail('raw < in text');
    return raw.replace(/&([^;\s]*);?/g, (match, name: string) => {
      if (!match.endsWith(';')) fail('& without an entity');
      if (name in ENTITIES) return ENTITIES[name]!;
      const code = /^#x([0-9a-f]+)$/i.exec(name)?.[1] ?? /^#(\d+)$/.exec(name)?.[1];
      if (code === undefined) return fail(`unknown entity &${name};`);
      return String.fromCodePoint(name.startsWith('#x') || name.startsWith('#X') ? parseInt(code, 16) : Number(code));
    });
  };
  const skipSpace = () => {
    while (/\s/.test(source[at] ?? '')) at++;
  };
  const element = (): XmlElement => {
    const open = new RegExp(`^<(${NAME})`).exec(source.slice(at));
    if (open === null) return fail('expected an element');
    at += open[0].length;
    const node: XmlElement = { name: open[1]!, attributes: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (source.startsWith('/>', at)) {
        at += 2;
        return node;
      }
      if (source[at] === '>') {
        at++;
        break;
      }
      const attribute = new RegExp(`^(${NAME})\\s*=\\s*"([^"]*)"`).exec(source.slice(at));
      if (attribute === null) return fail('expected an attribute');
      if (attribute[1]! in node.attributes) fail(`attribute ${attribute[1]} twice`);
      node.attributes[attribute[1]!] = decode(attribute[2]!);
      at += attribute[0].length;
    }
    for (;;) {
      const next = source.indexOf('<', at);
      if (next < 0) return fail(`unclosed <${node.name}>`);
      node.text += decode(source.slice(at, next));
      at = next;
      if (source.startsWith(`</${node.name}>`, at)) {
        at += node.name.length + 3;
        return node;
      }
      if (source.startsWith('</', at)) return fail(`mismatched closing tag inside <${node.name}>`);
      node.children.push(element());
    }
  };
  if (source.startsWith('<?xml')) {
    const end = source.indexOf('?>');
    if (end < 0) fail('unterminated declaration');
    at = end + 2;
  }
  skipSpace();
  const root = element();
  skipSpace();
  if (at !== source.length) fail('content after the root element');
  return root;
}

export function child(element: XmlElement, name: string): XmlElement {
  const found = element.children.find((c) => c.name === name);
  if (found === undefined) throw new Error(`<${element.name}> has no <${name}>`);
  return found;
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}
