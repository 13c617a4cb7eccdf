/**
 * A strict reader for the block YAML that front matter and sms.config.yaml are written in:
 * mappings of simple keys, nested by indentation, whose values are scalars (plain, single- or
 * double-quoted), flow sequences of scalars and one-line flow mappings, flow mappings of scalars,
 * nested mappings or block sequences; sequence
 * items are scalars, flow sequences or mappings (`- name: Ana` and its further keys), with
 * comments anywhere. It returns exactly what `yaml` (1.2 core schema) would, or undefined the
 * moment anything is outside that subset (anchors, tags, block scalars, multi-line scalars, odd
 * indentation, a repeated key below the top level…), and the caller falls back to `yaml`. Parsing
 * is the cost that dominates validation (docs/decisions/0001-front-matter-split-here.md), and
 * loading `yaml` alone costs more than reading a small repository: this path is several times
 * faster and needs no parser module.
 *
 * Every scan is a single pass over the characters: front matter is untrusted and a line may hold
 * a hundred thousand spaces, so there are no regular expressions that could backtrack over a line
 * (the few patterns below run only on short, bounded strings).
 */
export function fastParseMapping(yamlText: string): Record<string, unknown> | undefined {
  const r = fastReadMapping(yamlText);
  return r && 'data' in r ? r.data : undefined;
}

/**
 * What `yaml` would make of the text when it is in the subset: the mapping, or (for a mapping
 * that repeats a top-level key) the 0-based line of the first repeated key, where `yaml` reports
 * its error; undefined when the text is outside the subset.
 */
export function fastReadMapping(yamlText: string): { data: Record<string, unknown> } | { duplicateLine: number } | undefined {
  // Tabs, carriage returns, control characters, byte order marks and the Unicode line and
  // paragraph separators each have rules of their own in YAML: leave them to the real parser.
  if (UNUSUAL.test(yamlText)) return undefined;
  const lines: Line[] = [];
  const raw = yamlText.split('\n');
  for (let no = 0; no < raw.length; no++) {
    const text = raw[no]!;
    const indent = skipSpaces(text, 0);
    if (indent === text.length || text.charCodeAt(indent) === HASH) continue;
    lines.push({ no, indent, text });
  }
  if (lines.length === 0) return undefined;
  const reader = new BlockReader(lines);
  const out = reader.mapping(0);
  // With no key at all yaml reads null (or a scalar): not a mapping this reader can vouch for.
  if (out === NOPE || reader.pos !== lines.length || Object.keys(out).length === 0) return undefined;
  return reader.duplicateLine === undefined ? { data: out } : { duplicateLine: reader.duplicateLine };
}

/**
 * Where `yaml` would place a top-level key, or its value, of text that fastReadMapping read
 * without a repeated key: the 0-based line and column, or undefined when it cannot vouch for the
 * answer (the key is not there, its value is empty, or a comment stands between the key and a
 * nested value) and the caller asks `yaml`. Findings point at top-level fields, and a repository
 * with thousands of findings would otherwise have yaml parse thousands of documents again only to
 * find a line. Only text in the subset comes here, so a line that starts at column 0 with a key is
 * a top-level key: no scalar in the subset spans lines.
 */
export function fastLocate(yamlText: string, key: string, part: 'key' | 'value'): { line: number; column: number } | undefined {
  let start = 0;
  for (let no = 0; start < yamlText.length; no++) {
    const nl = yamlText.indexOf('\n', start);
    const end = nl < 0 ? yamlText.length : nl;
    const text = yamlText.slice(start, end);
    const afterColon = keyAt(text, 0);
    if (afterColon - 1 === key.length && text.startsWith(key)) {
      if (part === 'key') return { line: no, column: 0 };
      const restAt = skipSpaces(text, afterColon);
      if (restAt < text.length) return text.charCodeAt(restAt) === HASH ? undefined : { line: no, column: restAt };
      // A nested mapping or sequence starts on the very next line; `yaml` places it at its first key or dash.
      if (nl < 0) return undefined;
      const nextEnd = yamlText.indexOf('\n', nl + 1);
      const next = yamlText.slice(nl + 1, nextEnd < 0 ? yamlText.length : nextEnd);
      const indent = skipSpaces(next, 0);
      if (indent === next.length || next.charCodeAt(indent) === HASH) return undefined;
      if (indent === 0 && !isDashAt(next, 0)) return undefined;
      return { line: no + 1, column: indent };
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  return undefined;
}

interface Line {
  /** 0-based line number in the text. */
  no: number;
  /** Column of the first character that is not a space. */
  indent: number;
  /** The whole line; blank and comment-only lines are left out. */
  text: string;
}

/** Deeper nesting than real front matter ever has is left to yaml, which guards against runaway nesting. */
const MAX_DEPTH = 32;

/** A `-` indicator at `at`: followed by a space or the end of the line. */
function isDashAt(line: string, at: number): boolean {
  return line.charCodeAt(at) === DASH && (at + 1 === line.length || line.charCodeAt(at + 1) === SPACE);
}

/** `key:` at `at` followed by a space or the end of the line: the index after the colon, else 0. */
function keyAt(line: string, at: number): number {
  const end = keyLength(line, at);
  if (end === at || line.charCodeAt(end) !== COLON) return 0;
  const afterColon = end + 1;
  return afterColon === line.length || line.charCodeAt(afterColon) === SPACE ? afterColon : 0;
}

class BlockReader {
  pos = 0;
  duplicateLine: number | undefined;
  private depth = 0;
  constructor(private readonly lines: Line[]) {}

  /**
   * A block mapping whose keys sit at column `indent`; `first` is the column of its first key on
   * the current line when that line began with `- ` (the line is then already taken).
   */
  mapping(indent: number, first?: Line): Record<string, unknown> | typeof NOPE {
    const out: Record<string, unknown> = {};
    let line = first;
    for (;;) {
      if (line === undefined) {
        const l = this.lines[this.pos];
        if (!l || l.indent < indent) break;
        if (l.indent > indent) return NOPE;
        line = l;
        this.pos++;
      }
      const { text, no } = line;
      line = undefined;
      const afterColon = keyAt(text, indent);
      // yaml refuses an implicit block key whose ":" is more than 1024 characters after its start.
      if (afterColon === 0 || afterColon - 1 - indent > 1024) return NOPE;
      const key = text.slice(indent, afterColon - 1);
      // `null:`, `TRUE:` and the like are not string keys in YAML 1.2 (and `null:` twice is a duplicate).
      if (key === '__proto__' || NON_STRING_WORDS.has(key)) return NOPE;
      if (Object.prototype.hasOwnProperty.call(out, key)) {
        // A repeated key is an error in yaml; at the top level the rest is still read, to be sure
        // nothing else is. Below it, yaml is left to say so.
        if (this.depth > 0) return NOPE;
        this.duplicateLine ??= no;
      }
      const v = this.value(text, afterColon, indent);
      if (v === NOPE) return NOPE;
      out[key] = v;
    }
    return out;
  }

  /** The value of a key at column `indent` whose colon ends at `afterColon` of `text`. */
  private value(text: string, afterColon: number, indent: number): unknown {
    const restAt = skipSpaces(text, afterColon);
    const next = this.lines[this.pos];
    if (restAt === text.length || text.charCodeAt(restAt) === HASH) {
      if (!next || next.indent < indent || (next.indent === indent && !isDashAt(next.text, next.indent))) return null;
      if (++this.depth > MAX_DEPTH) return NOPE;
      const v = isDashAt(next.text, next.indent) ? this.sequence(next.indent) : this.mapping(next.indent);
      this.depth--;
      return v;
    }
    // A more indented line would continue the scalar over several lines: left to yaml.
    if (next && next.indent > indent) return NOPE;
    return inline(text, restAt);
  }

  /** A block sequence whose dashes sit at column `indent`. */
  private sequence(indent: number): unknown[] | typeof NOPE {
    const items: unknown[] = [];
    for (;;) {
      const l = this.lines[this.pos];
      if (!l || l.indent < indent || !isDashAt(l.text, l.indent)) break;
      if (l.indent > indent) return NOPE;
      this.pos++;
      const at = skipSpaces(l.text, indent + 1);
      const next = this.lines[this.pos];
      if (at === l.text.length || l.text.charCodeAt(at) === HASH) {
        // A bare dash: null, unless something nested follows, which is left to yaml.
        if (next && next.indent > indent) return NOPE;
        items.push(null);
        continue;
      }
      if (isDashAt(l.text, at)) return NOPE;
      if (keyAt(l.text, at) !== 0) {
        if (++this.depth > MAX_DEPTH) return NOPE;
        const m = this.mapping(at, l);
        this.depth--;
        if (m === NOPE) return NOPE;
        items.push(m);
        continue;
      }
      if (next && next.indent > indent) return NOPE;
      const v = inline(l.text, at);
      if (v === NOPE) return NOPE;
      items.push(v);
    }
    return items;
  }
}

/** A value written on the line of its key or dash, starting at `at`: a flow sequence, `{}` or a scalar. */
function inline(line: string, at: number): unknown {
  const c = line.charCodeAt(at);
  if (c === OPEN_BRACKET) return flowSequence(line, at);
  if (c === OPEN_BRACE) return inlineMapping(line, at);
  return scalar(line, at, false);
}

const NOPE = Symbol('not in the subset');

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const COMMA = 44;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** One character class, so the test is a linear scan. */
const UNUSUAL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;

/** Plain words the core schema reads as null or a boolean (every spelling it accepts). */
const NON_STRING_WORDS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

function skipSpaces(s: string, from: number): number {
  let i = from;
  while (i < s.length && s.charCodeAt(i) === SPACE) i++;
  return i;
}

/** Position after the last character that is not a space, searching back from `end` to `from`. */
function trimSpacesEnd(s: string, from: number, end: number): number {
  let e = end;
  while (e > from && s.charCodeAt(e - 1) === SPACE) e--;
  return e;
}

/** End of a `[A-Za-z_][A-Za-z0-9_-]*` key starting at `at`; `at` itself when there is none. */
function keyLength(line: string, at: number): number {
  const c0 = line.charCodeAt(at);
  if (!((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122) || c0 === 95)) return at;
  let i = at + 1;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === DASH)) break;
  }
  return i;
}

/**
 * After a value ends at `at`: nothing but spaces, optionally followed by a comment (which YAML
 * only recognises after a space).
 */
function onlyCommentAfter(line: string, at: number): boolean {
  const i = skipSpaces(line, at);
  return i === line.length || (i > at && line.charCodeAt(i) === HASH);
}

/** A flow mapping (`{}` or `{ a: b, c: "d" }`), then nothing but a comment. */
function inlineMapping(line: string, at: number): unknown {
  const m = flowMapping(line, at);
  return m && onlyCommentAfter(line, m.end) ? m.value : NOPE;
}

/**
 * `{ a: b, c: "d", e: [f, g] }` on one line: simple keys, each followed by ": ", and scalars or
 * flow sequences of scalars as values; the mapping and the index after its brace. Undefined for anything nested, empty or unusual.
 */
function flowMapping(line: string, at: number): { value: Record<string, unknown>; end: number } | undefined {
  const out: Record<string, unknown> = {};
  let i = skipSpaces(line, at + 1);
  if (line.charCodeAt(i) === CLOSE_BRACE) return { value: out, end: i + 1 };
  for (;;) {
    const afterColon = keyAt(line, i);
    if (afterColon === 0) return undefined;
    const key = line.slice(i, afterColon - 1);
    if (key === '__proto__' || NON_STRING_WORDS.has(key) || Object.prototype.hasOwnProperty.call(out, key)) return undefined;
    i = skipSpaces(line, afterColon);
    const entry = line.charCodeAt(i) === OPEN_BRACKET ? flowSequenceAt(line, i, false) : flowScalar(line, i, CLOSE_BRACE);
    if (entry === undefined) return undefined;
    out[key] = entry.value;
    const next = nextEntry(line, entry.end, CLOSE_BRACE);
    if (next === undefined) return undefined;
    if (next.closed) return { value: out, end: next.at };
    i = next.at;
  }
}

/** `[a, "b", { c: d }]` of scalars and flow mappings, then nothing but a comment; NOPE for anything deeper or unusual. */
function flowSequence(line: string, at: number): unknown {
  const r = flowSequenceAt(line, at, true);
  return r && onlyCommentAfter(line, r.end) ? r.value : NOPE;
}

/**
 * A flow sequence on one line starting at `at`: its items and the index after its bracket.
 * Items are scalars, and (when `mappings`) flow mappings, which may hold flow sequences of scalars.
 */
function flowSequenceAt(line: string, at: number, mappings: boolean): { value: unknown[]; end: number } | undefined {
  const items: unknown[] = [];
  let i = skipSpaces(line, at + 1);
  if (line.charCodeAt(i) === CLOSE_BRACKET) return { value: items, end: i + 1 };
  for (;;) {
    const entry = mappings && line.charCodeAt(i) === OPEN_BRACE ? flowMapping(line, i) : flowScalar(line, i, CLOSE_BRACKET);
    if (entry === undefined) return undefined;
    items.push(entry.value);
    const next = nextEntry(line, entry.end, CLOSE_BRACKET);
    if (next === undefined) return undefined;
    if (next.closed) return { value: items, end: next.at };
    i = next.at;
  }
}

/**
 * A scalar entry of a flow collection starting at `at`: quoted, or plain up to the next comma or
 * `close`; its value and the index after it. What a plain one may contain is checked by plainScalar.
 */
function flowScalar(line: string, at: number, close: number): { value: unknown; end: number } | undefined {
  const c = line.charCodeAt(at);
  if (c === DQUOTE || c === SQUOTE) return c === DQUOTE ? doubleQuoted(line, at) : singleQuoted(line, at);
  let end = at;
  while (end < line.length) {
    const d = line.charCodeAt(end);
    if (d === COMMA || d === close) break;
    end++;
  }
  const stop = trimSpacesEnd(line, at, end);
  if (stop === at) return undefined;
  const value = plainScalar(line.slice(at, stop), true);
  return value === NOPE ? undefined : { value, end };
}

/**
 * After an entry of a flow collection that ends at `end`: the index after `close` when the
 * collection ends there, or the start of the next entry after a comma. Undefined for anything
 * else, and for a trailing comma or an empty entry (the finer points of flow syntax go to yaml).
 */
function nextEntry(line: string, end: number, close: number): { closed: boolean; at: number } | undefined {
  const i = skipSpaces(line, end);
  const d = line.charCodeAt(i);
  if (d === close) return { closed: true, at: i + 1 };
  if (d !== COMMA) return undefined;
  const at = skipSpaces(line, i + 1);
  if (at === line.length || line.charCodeAt(at) === close || line.charCodeAt(at) === COMMA) return undefined;
  return { closed: false, at };
}

/** One scalar starting at `at` and running to the end of the line (or its comment). */
function scalar(line: string, at: number, inFlow: boolean): unknown {
  const c = line.charCodeAt(at);
  if (c === DQUOTE || c === SQUOTE) {
    const q = c === DQUOTE ? doubleQuoted(line, at) : singleQuoted(line, at);
    return q && onlyCommentAfter(line, q.end) ? q.value : NOPE;
  }
  // A comment starts at the first " #"; the value is what comes before it, without trailing spaces.
  const hash = line.indexOf(' #', at);
  const end = trimSpacesEnd(line, at, hash < 0 ? line.length : hash);
  if (end === at) return NOPE;
  return plainScalar(line.slice(at, end), inFlow);
}

/** `"…"` with JSON's escapes only (YAML has more; those go to yaml); the value and the index after the quote. */
function doubleQuoted(line: string, at: number): { value: string; end: number } | undefined {
  let i = at + 1;
  let plain = true;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === DQUOTE) break;
    if (c === BACKSLASH) {
      plain = false;
      const e = line.charCodeAt(i + 1);
      if (e === 117 /* u */) {
        for (let k = 2; k < 6; k++) if (!isHex(line.charCodeAt(i + k))) return undefined;
        i += 5;
      } else if (e === DQUOTE || e === BACKSLASH || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
        i += 1;
      } else return undefined;
    }
  }
  if (i >= line.length) return undefined;
  const raw = line.slice(at + 1, i);
  if (plain) return { value: raw, end: i + 1 };
  try {
    return { value: JSON.parse(`"${raw}"`) as string, end: i + 1 };
  } catch {
    return undefined;
  }
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** `'…'` where `''` stands for one quote; the value and the index after the closing quote. */
function singleQuoted(line: string, at: number): { value: string; end: number } | undefined {
  const parts: string[] = [];
  let from = at + 1;
  for (let i = from; i < line.length; i++) {
    if (line.charCodeAt(i) !== SQUOTE) continue;
    parts.push(line.slice(from, i));
    if (line.charCodeAt(i + 1) === SQUOTE) {
      parts.push("'");
      from = i + 2;
      i++;
      continue;
    }
    return { value: parts.join(''), end: i + 1 };
  }
  return undefined;
}

/** Characters that may not start a plain scalar (YAML indicators), or that this reader leaves to yaml. */
const INDICATOR_START = new Set([...'[]{}|>&*!%@`#,?:"\'-'].map((c) => c.charCodeAt(0)));

/** Longest plain scalar whose type is judged here; longer ones that could be numbers go to yaml. */
const SHORT = 64;

const INT = /^[0-9]+$/;
const DECIMAL = /^[0-9]+\.[0-9]+$/;
/** YAML 1.2 core schema: null, bool, int (10, 8, 16) and float. Run only on strings of at most SHORT characters. */
const CORE_NON_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** A plain scalar (comment and surrounding spaces already removed) as the core schema resolves it, or NOPE when unsure. */
function plainScalar(plain: string, inFlow: boolean): unknown {
  if (INDICATOR_START.has(plain.charCodeAt(0))) return NOPE;
  // ": " or a final ":" would make it a mapping; " #" inside a flow list comments out the rest of the line.
  if (plain.includes(': ') || plain.charCodeAt(plain.length - 1) === COLON || plain.includes(' #')) return NOPE;
  if (inFlow) {
    for (let i = 0; i < plain.length; i++) {
      const c = plain.charCodeAt(i);
      if (c === OPEN_BRACKET || c === CLOSE_BRACKET || c === OPEN_BRACE || c === CLOSE_BRACE || c === COMMA) return NOPE;
    }
  }
  if (plain.length > SHORT) {
    // Only a digit, sign or dot can start a number: anything else this long is a string.
    const c = plain.charCodeAt(0);
    return (c >= 48 && c <= 57) || c === 43 || c === DASH || c === 46 ? NOPE : plain;
  }
  if (plain === 'true') return true;
  if (plain === 'false') return false;
  if (INT.test(plain) && plain.length < 16 && !(plain.length > 1 && plain[0] === '0')) return Number(plain);
  if (DECIMAL.test(plain) && plain.length < 16 && !(plain[0] === '0' && plain[1] !== '.')) return Number(plain);
  // Everything else the core schema would not read as a string goes to the real parser.
  if (CORE_NON_STRING.test(plain)) return NOPE;
  return plain;
}
