import { isMap, isPair, isScalar, parseDocument, type Node, type Pair } from 'yaml';
import { smsError } from '../errors.js';
import { parseYamlBlock } from './frontmatter.js';
import { own } from './values.js';

/**
 * The one front-matter editor (`sms new --set`, `sms set-status`, the sample builder). It works on
 * the YAML document model but writes by splicing new text into the original at the nodes' ranges,
 * so comments, key order, quoting, line endings and everything it does not touch stay byte for
 * byte. The result is parsed again before it is returned: unless it reads back as exactly the
 * intended values, with every other field unchanged, nothing is written.
 */
export interface FrontMatterEdit {
  /** Top-level fields to set, in order; a missing field is added. */
  set?: readonly (readonly [string, unknown])[];
  /** Top-level fields to remove with their lines. */
  remove?: readonly string[];
  /** Add missing fields after this field's line (else at the end of the front matter). */
  after?: string;
}

interface Splice {
  start: number;
  end: number;
  text: string;
}

/** The edited text; throws EDIT_UNSAFE (naming `file`) when the edit could not be made safely. */
export function editFrontMatter(text: string, edit: FrontMatterEdit, file = 'the document'): string {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const src = text.slice(bom.length);
  const eol = src.includes('\r\n') ? '\r\n' : '\n';
  const block = frontMatterBlock(src);
  if (!block) throw smsError('EDIT_UNSAFE', { file, reason: 'it has no closed front matter' });
  const yamlText = src.slice(block.start, block.end);
  const before = parseYamlBlock(yamlText, 2);
  if (!before.data || before.issues.some((i) => i.severity === 'error')) {
    throw smsError('EDIT_UNSAFE', { file, reason: 'its front matter is not valid YAML' });
  }
  // Keys were checked for duplicates above (in one pass); yaml's own check compares every pair. The
  // front matter was read above with its warnings as findings: none is printed as a Node warning.
  const doc = parseDocument(yamlText, { version: '1.2', keepSourceTokens: true, uniqueKeys: false, logLevel: 'error' });
  if (!isMap(doc.contents)) throw smsError('EDIT_UNSAFE', { file, reason: 'its front matter is not a mapping' });
  const pairs = doc.contents.items as Pair<Node, Node | null>[];
  const pairOf = (key: string): Pair<Node, Node | null> | undefined =>
    pairs.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);

  const splices: Splice[] = [];
  const missing: [string, unknown][] = [];
  // A field named twice is set once, to its last value (as a mapping would hold it).
  for (const [key, value] of new Map(edit.set ?? [])) {
    const pair = pairOf(key);
    if (!pair) {
      missing.push([key, value]);
      continue;
    }
    const keyEnd = (pair.key as Node).range![1];
    const colon = yamlText.indexOf(':', keyEnd);
    if (colon < 0) throw smsError('EDIT_UNSAFE', { file, reason: `the field "${key}" could not be located` });
    const node = pair.value;
    const rendered = renderValue(value);
    if (!node || !node.range || node.range[0] === node.range[1]) {
      // `key:` with no value, perhaps a comment after it: the value goes right after the colon,
      // so the comment keeps its separating space.
      splices.push({ start: colon + 1, end: colon + 1, text: ` ${rendered}` });
    } else if (isScalar(node) && !blockStyle(node.type)) {
      splices.push({
        start: node.range[0],
        end: node.range[1],
        text: typeof value === 'string' && quotedStyle(node.type) ? JSON.stringify(value) : rendered,
      });
    } else {
      // A list, a mapping or a block scalar (| or >) becomes the new value on the key's line.
      const segment = yamlText.slice(colon + 1, node.range[1]);
      splices.push({ start: colon + 1, end: node.range[1], text: ` ${rendered}${segment.endsWith('\n') ? eol : ''}` });
    }
  }
  for (const key of edit.remove ?? []) {
    const pair = pairOf(key);
    if (!pair) continue;
    const start = lineStart(yamlText, (pair.key as Node).range![0]);
    const end = lineEnd(yamlText, Math.max((pair.value?.range?.[2] ?? (pair.key as Node).range![1]) - 1, (pair.key as Node).range![1]));
    splices.push({ start, end, text: '' });
  }
  if (missing.length) {
    const anchor = edit.after ? pairOf(edit.after) : undefined;
    const at = anchor
      ? lineEnd(yamlText, Math.max((anchor.value?.range?.[2] ?? (anchor.key as Node).range![1]) - 1, (anchor.key as Node).range![1]))
      : yamlText.length;
    const lines = missing.map(([k, v]) => `${k}: ${renderValue(v)}${eol}`).join('');
    const needsBreak = at === yamlText.length && yamlText.length > 0 && !yamlText.endsWith('\n');
    splices.push({ start: at, end: at, text: needsBreak ? `${eol}${lines}` : lines });
  }

  let out = yamlText;
  for (const s of splices.sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  verify(before.data, out, edit, file);
  return bom + src.slice(0, block.start) + out + src.slice(block.end);
}

/** Checks that the edited YAML reads back as intended, every other field unchanged. */
function verify(original: Record<string, unknown>, yamlText: string, edit: FrontMatterEdit, file: string): void {
  const after = parseYamlBlock(yamlText, 2);
  if (!after.data || after.issues.some((i) => i.severity === 'error')) {
    throw smsError('EDIT_UNSAFE', { file, reason: 'the change would not leave valid YAML' });
  }
  const expected: Record<string, unknown> = { ...original };
  for (const key of edit.remove ?? []) delete expected[key];
  for (const [k, v] of edit.set ?? []) expected[k] = v;
  const keys = new Set([...Object.keys(expected), ...Object.keys(after.data)]);
  for (const k of keys) {
    if (!sameValue(own(expected, k), own(after.data, k)) || Object.hasOwn(expected, k) !== Object.hasOwn(after.data, k)) {
      throw smsError('EDIT_UNSAFE', { file, reason: `the field "${k}" would not read back as intended` });
    }
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function blockStyle(type: unknown): boolean {
  return type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED';
}

function quotedStyle(type: unknown): boolean {
  return type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE';
}

/** A value as YAML on one line: a plain scalar where that reads back the same, else JSON-quoted; collections in flow style. */
export function renderValue(value: unknown): string {
  if (typeof value === 'string') {
    const plain =
      /^[A-Za-z0-9][A-Za-z0-9@._+-]*$/.test(value) && !/^(?:true|false|null|yes|no|on|off|~|[-+]?\d[\d.eE+_:-]*|\.inf|\.nan)$/i.test(value);
    return plain ? value : JSON.stringify(value);
  }
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(renderValue).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${renderValue(k)}: ${renderValue(v)}`);
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  return JSON.stringify(String(value));
}

/** Offsets of the YAML between the opening `---` line and the closing `---`/`...` line. */
function frontMatterBlock(src: string): { start: number; end: number } | undefined {
  const firstEnd = src.indexOf('\n');
  if (firstEnd < 0 || src.slice(0, firstEnd).replace(/\r$/, '').trimEnd() !== '---') return undefined;
  let pos = firstEnd + 1;
  while (pos <= src.length) {
    const nl = src.indexOf('\n', pos);
    const end = nl < 0 ? src.length : nl;
    const line = src.slice(pos, end).replace(/\r$/, '');
    if (line === '---' || line === '...' || /^(?:---|\.\.\.)[ \t]+$/.test(line)) return { start: firstEnd + 1, end: pos };
    if (nl < 0) break;
    pos = nl + 1;
  }
  return undefined;
}

function lineStart(s: string, at: number): number {
  return s.lastIndexOf('\n', at - 1) + 1;
}

function lineEnd(s: string, from: number): number {
  const nl = s.indexOf('\n', from);
  return nl < 0 ? s.length : nl + 1;
}
