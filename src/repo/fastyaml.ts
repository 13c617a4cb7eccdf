/**
 * A strict reader for the shapes most front matter has: `key: scalar`, `key: [a, b]` and
 * `key:` followed by `- item` lines, with plain, single- or double-quoted scalars and comments.
 * It returns exactly what `yaml` (1.2 core schema) would, or undefined the moment anything is
 * outside that subset, and the caller falls back to `yaml`. Parsing is the cost that dominates
 * validation (docs/decisions/0001-front-matter-split-here.md); this path is several times faster and allocates far less.
 */
export function fastParseMapping(yamlText: string): Record<string, unknown> | undefined {
  if (yamlText.includes('\t') || yamlText.includes('\r')) return undefined;
  const lines = yamlText.split('\n');
  const out: Record<string, unknown> = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '' || /^ *#/.test(line) || /^ +$/.test(line)) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/.exec(line);
    if (!m) return undefined;
    const key = m[1]!;
    if (key === '__proto__' || Object.prototype.hasOwnProperty.call(out, key)) return undefined;
    const rest = m[2];
    if (rest === undefined || rest === '' || rest.startsWith('#')) {
      // A block sequence of scalars may follow; anything else indented is a nested structure.
      const items: unknown[] = [];
      let indent = -1;
      let j = i + 1;
      for (; j < lines.length; j++) {
        const l = lines[j]!;
        if (l === '' || /^ *#/.test(l)) continue;
        const im = /^( *)- +(.*)$/.exec(l) ?? /^( *)-$/.exec(l);
        if (!im) {
          if (l.startsWith(' ')) return undefined;
          break;
        }
        if (indent < 0) indent = im[1]!.length;
        else if (im[1]!.length !== indent) return undefined;
        const v = im[2] === undefined ? null : scalar(im[2], false);
        if (v === NOPE) return undefined;
        items.push(v);
      }
      out[key] = indent < 0 ? null : items;
      i = j - 1;
      continue;
    }
    const next = lines[i + 1];
    if (next !== undefined && next.startsWith(' ') && next.trim() !== '' && !next.trim().startsWith('#')) return undefined;
    if (rest.startsWith('[')) {
      const list = flowSequence(rest);
      if (list === undefined) return undefined;
      out[key] = list;
      continue;
    }
    if (/^\{\s*\}(?: +#.*)?$/.test(rest)) {
      out[key] = {};
      continue;
    }
    const v = scalar(rest, false);
    if (v === NOPE) return undefined;
    out[key] = v;
  }
  // With no key at all yaml reads null (or a scalar): not a mapping this reader can vouch for.
  return Object.keys(out).length ? out : undefined;
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
