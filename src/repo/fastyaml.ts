/**
 * A strict reader for the block YAML that front matter and sms.config.yaml are written in:
 * mappings of simple keys, nested by indentation, whose values are scalars (plain, single- or
 * double-quoted), flow sequences of scalars, `{}`, nested mappings or block sequences; sequence
 * items are scalars or mappings (`- name: Ana` and its further keys), with comments anywhere.
 * It returns exactly what `yaml` (1.2 core schema) would, or undefined the moment anything is outside
 * that subset (anchors, tags, block scalars, multi-line scalars, odd indentation, duplicate keys…),
 * and the caller falls back to `yaml`. Parsing dominates validation
 * (docs/decisions/0001-front-matter-split-here.md), and loading `yaml` alone costs
 * more than reading a small repository: this path is several times faster and needs no parser module.
 */
export function fastParseMapping(yamlText: string): Record<string, unknown> | undefined {
  if (yamlText.includes('\t') || yamlText.includes('\r')) return undefined;
  const lines: Line[] = [];
  for (const raw of yamlText.split('\n')) {
    const indent = leadingSpaces(raw);
    if (indent === raw.length || raw[indent] === '#') continue;
    lines.push({ indent, text: raw.slice(indent) });
  }
  if (lines.length === 0) return undefined;
  const reader = new BlockReader(lines);
  const out = reader.mapping(0);
  // With no key at all yaml reads null (or a scalar): not a mapping this reader can vouch for.
  if (out === NOPE || reader.pos !== lines.length || Object.keys(out).length === 0) return undefined;
  return out;
}

interface Line {
  indent: number;
  /** The line without its indentation; blank and comment-only lines are left out. */
  text: string;
}

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/;

function leadingSpaces(s: string): number {
  let i = 0;
  while (s.charCodeAt(i) === 32) i++;
  return i;
}

const isDash = (text: string): boolean => text === '-' || text.startsWith('- ');

/** Deeper nesting than real front matter ever has is left to yaml, which guards against runaway nesting. */
const MAX_DEPTH = 32;

class BlockReader {
  pos = 0;
  private depth = 0;
  constructor(private readonly lines: Line[]) {}

  /** A block mapping whose keys sit at `indent`; `first` is its first line when that began after a `- `. */
  mapping(indent: number, first?: string): Record<string, unknown> | typeof NOPE {
    const out: Record<string, unknown> = {};
    let text = first;
    for (;;) {
      if (text === undefined) {
        const l = this.lines[this.pos];
        if (!l || l.indent < indent) break;
        if (l.indent > indent) return NOPE;
        text = l.text;
        this.pos++;
      }
      const m = KEY.exec(text);
      text = undefined;
      if (!m) return NOPE;
      const key = m[1]!;
      if (key === '__proto__' || CORE_NON_STRING.test(key) || Object.prototype.hasOwnProperty.call(out, key)) return NOPE;
      const v = this.value(m[2], indent);
      if (v === NOPE) return NOPE;
      out[key] = v;
    }
    return out;
  }

  /** The value after `key:` (the rest of its line, if any) of a key at `indent`. */
  private value(rest: string | undefined, indent: number): unknown {
    const next = this.lines[this.pos];
    if (rest === undefined || rest === '' || rest[0] === '#') {
      if (!next || next.indent < indent || (next.indent === indent && !isDash(next.text))) return null;
      if (++this.depth > MAX_DEPTH) return NOPE;
      const v = isDash(next.text) ? this.sequence(next.indent) : this.mapping(next.indent);
      this.depth--;
      return v;
    }
    // A more indented line would continue the scalar over several lines: left to yaml.
    if (next && next.indent > indent) return NOPE;
    return inline(rest);
  }

  /** A block sequence whose dashes sit at `indent`. */
  private sequence(indent: number): unknown[] | typeof NOPE {
    const items: unknown[] = [];
    for (;;) {
      const l = this.lines[this.pos];
      if (!l || l.indent < indent || !isDash(l.text)) break;
      if (l.indent > indent) return NOPE;
      this.pos++;
      const spaces = leadingSpaces(l.text.slice(1));
      const content = l.text.slice(1 + spaces);
      const next = this.lines[this.pos];
      if (content === '' || content[0] === '#') {
        // A bare dash: null, unless something nested follows, which is left to yaml.
        if (next && next.indent > indent) return NOPE;
        items.push(null);
        continue;
      }
      if (isDash(content)) return NOPE;
      if (KEY.test(content)) {
        if (++this.depth > MAX_DEPTH) return NOPE;
        const m = this.mapping(indent + 1 + spaces, content);
        this.depth--;
        if (m === NOPE) return NOPE;
        items.push(m);
        continue;
      }
      if (next && next.indent > indent) return NOPE;
      const v = inline(content);
      if (v === NOPE) return NOPE;
      items.push(v);
    }
    return items;
  }
}

/** A value written on the line of its key or dash: a flow sequence, `{}` or a scalar. */
function inline(text: string): unknown {
  if (text[0] === '[') return flowSequence(text) ?? NOPE;
  if (/^\{\s*\}(?: +#.*)?$/.test(text)) return {};
  return scalar(text, false);
}

const NOPE = Symbol('not in the subset');

/** `[a, "b", 'c']` of scalars only; undefined for anything nested or unusual. */
function flowSequence(text: string): unknown[] | undefined {
  const m = /^\[(.*)\](?: +#.*)?$/.exec(text);
  if (!m) return undefined;
  const inner = m[1]!;
  if (inner.trim() === '') return [];
  const items: unknown[] = [];
  let i = 0;
  while (i <= inner.length) {
    while (inner[i] === ' ') i++;
    let token: string;
    if (inner[i] === '"') {
      const q = /^"(?:[^"\\]|\\.)*"/.exec(inner.slice(i));
      if (!q) return undefined;
      token = q[0];
    } else if (inner[i] === "'") {
      const q = /^'(?:[^']|'')*'/.exec(inner.slice(i));
      if (!q) return undefined;
      token = q[0];
    } else {
      const end = inner.indexOf(',', i);
      token = (end < 0 ? inner.slice(i) : inner.slice(i, end)).trimEnd();
      if (token === '') return undefined;
    }
    const v = scalar(token, true);
    if (v === NOPE) return undefined;
    items.push(v);
    i += token.length;
    while (inner[i] === ' ') i++;
    if (i >= inner.length) break;
    if (inner[i] !== ',') return undefined;
    i++;
    if (inner.slice(i).trim() === '') return undefined;
  }
  return items;
}

const INT = /^[0-9]+$/;
/** YAML 1.2 core schema: null, bool, int (10, 8, 16) and float; any other plain scalar is a string. */
const CORE_NON_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const DECIMAL = /^[0-9]+\.[0-9]+$/;

/** One scalar as the YAML 1.2 core schema resolves it, or NOPE when unsure. */
function scalar(raw: string, inFlow: boolean): unknown {
  const v = raw.trimEnd();
  if (v[0] === '"') {
    const m = /^"((?:[^"\\]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*)"(?: +#.*)?$/.exec(v);
    if (!m) return NOPE;
    try {
      return JSON.parse(`"${m[1]}"`) as string;
    } catch {
      return NOPE;
    }
  }
  if (v[0] === "'") {
    const m = /^'((?:[^']|'')*)'(?: +#.*)?$/.exec(v);
    return m ? m[1]!.replace(/''/g, "'") : NOPE;
  }
  const plain = v.replace(/ +#.*$/, '');
  if (plain === '' || /^[[\]{}|>&*!%@`#,?:"'-]/.test(plain)) return NOPE;
  if (/: |:$| #/.test(plain)) return NOPE;
  if (inFlow && /[[\]{},]/.test(plain)) return NOPE;
  if (plain === 'true') return true;
  if (plain === 'false') return false;
  if (INT.test(plain) && plain.length < 16 && !(plain.length > 1 && plain[0] === '0')) return Number(plain);
  if (DECIMAL.test(plain) && plain.length < 16 && !(plain[0] === '0' && plain[1] !== '.')) return Number(plain);
  // Everything else the core schema would not read as a string goes to the real parser.
  if (CORE_NON_STRING.test(plain)) return NOPE;
  return plain;
}
