import { createRequire } from 'node:module';
import type { Document, Node, YAMLError } from 'yaml';
import type { Position } from '../diagnostic.js';
import { fastLocate, fastReadMapping } from './fastyaml.js';

// yaml is loaded on first use only: most front matter and configuration files are read by the
// fast reader, and positions are looked up only when there is something to report, so a clean
// repository is validated without loading it at all.
let yamlModule: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

/**
 * Options that make `yaml` safe for untrusted front matter: YAML 1.2 core schema, no merge keys,
 * strict. Keys must be unique, but `yaml` checks that by comparing each key with every earlier
 * one (minutes for 60,000 keys), so the check is made here instead, in one pass (duplicateKeys).
 */
const YAML_OPTIONS = {
  version: '1.2',
  schema: 'core',
  uniqueKeys: false,
  merge: false,
  resolveKnownTags: false,
  prettyErrors: false,
  strict: true,
  // The library's warnings (an unresolved tag, a collection used as a key) would otherwise go to
  // process.emitWarning and print a multi-line Node warning; the ones that matter are reported as
  // findings from doc.warnings.
  logLevel: 'error',
} as const;

/** Alias expansion limit: enough for real documents, far too small for a "billion laughs". */
const MAX_ALIAS_COUNT = 50;

/**
 * Largest front matter that is parsed. Real front matter is a few kilobytes (a roles document of
 * 25 people is about 3 KB); YAML parsing costs far more per byte than reading a Markdown body, so
 * the front matter has a limit of its own, well below the file limit.
 */
export const MAX_FRONT_MATTER_BYTES = 32 * 1024;

export interface FrontMatterIssue {
  rule: 'front-matter' | 'yaml-syntax';
  severity: 'error' | 'warning';
  message: string;
  line: number;
  column: number;
  hint?: string;
}

export interface ParsedFrontMatter {
  /** The front matter as plain data, or null when it is missing or unusable. */
  data: Record<string, unknown> | null;
  issues: FrontMatterIssue[];
  /** 1-based line of the first YAML line (the one after the opening `---`). */
  yamlStartLine: number;
  /** The YAML text between the delimiters. */
  yamlText: string;
  /** 1-based line where the Markdown body starts. */
  bodyStartLine: number;
  body: string;
  /** Lazily built YAML AST for locating a field; only needed when there is something to report. */
  locate(path: readonly (string | number)[], part?: 'key' | 'value'): Position;
}

const OPEN = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

/**
 * Splits `---` front matter from the body and parses it with `yaml`. The opening delimiter must be
 * exactly on line 1 and the closing one exactly `---` or `...`: anything else (a language tag like
 * `---js`, a leading blank line, `----`) is reported, never guessed at and never executed.
 */
export function parseFrontMatter(input: string): ParsedFrontMatter {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const issues: FrontMatterIssue[] = [];
  const none = (bodyStartLine = 1): ParsedFrontMatter => ({
    data: null,
    issues,
    yamlStartLine: 2,
    yamlText: '',
    bodyStartLine,
    body: text,
    locate: () => ({ line: 1, column: 1 }),
  });

  // Lines are read one at a time up to the closing delimiter; the body is never split.
  const lineAt = (from: number): { line: string; next: number } => {
    const nl = text.indexOf('\n', from);
    const end = nl < 0 ? text.length : nl;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(from, end - 1) : text.slice(from, end);
    return { line, next: nl < 0 ? text.length + 1 : nl + 1 };
  };
  const first = lineAt(0).line;
  if (!OPEN.test(first)) {
    const lines = text.split(/\r?\n/);
    const tag = /^---\s*(\S+)/.exec(first);
    const openAt = lines.findIndex((l) => OPEN.test(l));
    if (tag) {
      issues.push({
        rule: 'front-matter',
        severity: 'error',
        line: 1,
        column: 4,
        message: `front matter language "${tag[1]}" is not supported; it was not read and nothing in it was executed`,
        hint: 'start the file with a line containing only --- and write YAML',
      });
    } else if (first.trim() === '' && openAt > 0 && lines.slice(0, openAt).every((l) => l.trim() === '')) {
      issues.push({
        rule: 'front-matter',
        severity: 'error',
        line: 1,
        column: 1,
        message: 'blank line before the front matter: the opening --- must be on line 1',
        hint: 'delete the blank lines at the top of the file',
      });
    } else {
      issues.push({
        rule: 'front-matter',
        severity: 'error',
        line: 1,
        column: 1,
        message: text.length === 0 ? 'empty file: no front matter' : 'no front matter: the file must start with a line containing only ---',
        hint: 'add front matter with at least id, type, title and status',
      });
    }
    return none();
  }

  // The YAML lines are not cut out one by one: only a line starting with - or . can close, so only
  // those are looked at, and the YAML is one slice of the text (front matter of 100,000 lines
  // otherwise costs 100,000 strings before its size is even known).
  const yamlFrom = lineAt(0).next;
  let yamlTo = yamlFrom;
  let pos = yamlFrom;
  let lineNo = 1;
  let closeLine = -1;
  let bodyFrom = text.length;
  let dashes: { line: string; no: number } | undefined;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    lineNo++;
    const c0 = text.charCodeAt(pos);
    if (c0 === 45 || c0 === 46) {
      const line = lineAt(pos).line;
      if (CLOSE.test(line)) {
        closeLine = lineNo;
        bodyFrom = Math.min(end + 1, text.length);
        break;
      }
      if (!dashes && c0 === 45 && /^-{4,}[ \t]*$/.test(line)) dashes = { line, no: lineNo };
    }
    yamlTo = end;
    pos = end + 1;
  }
  if (closeLine < 0) {
    issues.push({
      rule: 'front-matter',
      severity: 'error',
      line: dashes ? dashes.no : 1,
      column: 1,
      message: dashes
        ? `front matter is not closed: "${dashes.line.trim()}" is not a closing delimiter`
        : 'front matter is not closed: no line containing only --- after the opening one',
      hint: 'close the front matter with a line containing only ---',
    });
    return none();
  }

  // Each line without the CR of its CRLF, joined by LF: as the lines were read.
  const raw = text.slice(yamlFrom, Math.max(yamlFrom, yamlTo));
  const yamlText = raw.includes('\r') ? raw.replace(/\r\n/g, '\n').replace(/\r$/, '') : raw;
  const body = text.slice(bodyFrom);
  const bodyStartLine = closeLine + 1;
  const yamlBytes = yamlText.length * 3 > MAX_FRONT_MATTER_BYTES ? Buffer.byteLength(yamlText) : yamlText.length;
  if (yamlBytes > MAX_FRONT_MATTER_BYTES) {
    issues.push({
      rule: 'front-matter',
      severity: 'error',
      line: 1,
      column: 1,
      message: `front matter is ${Math.ceil(yamlBytes / 1024)} KB, over the ${MAX_FRONT_MATTER_BYTES / 1024} KB limit for front matter; it was not read`,
      hint: 'keep long text in the Markdown body; front matter holds the fields of the document',
    });
    return { ...none(bodyStartLine), yamlText, body };
  }
  if (yamlText.trim() === '') {
    issues.push({
      rule: 'front-matter',
      severity: 'error',
      line: 1,
      column: 1,
      message: 'front matter is empty',
      hint: 'add at least id, type, title and status',
    });
    return { ...none(bodyStartLine), body };
  }
  const block = parseYamlMapping(yamlText, 2);
  return { ...block, issues: block.issues.length ? [...issues, ...block.issues] : issues, yamlStartLine: 2, yamlText, bodyStartLine, body };
}

export interface ParsedYaml {
  data: Record<string, unknown> | null;
  issues: FrontMatterIssue[];
  locate(path: readonly (string | number)[], part?: 'key' | 'value'): Position;
}

/**
 * Reads one YAML mapping (front matter or a config file) that starts at `startLine` of its file:
 * with the fast reader when it can vouch for the text, else with yaml. Positions are only needed
 * when there is something to report, so for fast-read text yaml parses for them on demand.
 */
export function parseYamlMapping(yamlText: string, startLine: number): ParsedYaml {
  const fast = fastReadMapping(yamlText);
  if (!fast) return parseYamlBlock(yamlText, startLine);
  let located: ParsedYaml | undefined;
  const locate = (p: readonly (string | number)[], part?: 'key' | 'value'): Position =>
    (located ??= parseYamlBlock(yamlText, startLine)).locate(p, part);
  if ('data' in fast) {
    const quick = (p: readonly (string | number)[], part: 'key' | 'value' = 'value'): Position => {
      const at = p.length === 1 && typeof p[0] === 'string' ? fastLocate(yamlText, p[0], part) : undefined;
      return at ? { line: at.line + startLine, column: at.column + 1 } : locate(p, part);
    };
    return { data: fast.data, issues: [], locate: quick };
  }
  // A repeated key: the finding parseYamlBlock would make, without parsing thousands of keys again.
  const issue: FrontMatterIssue = {
    rule: 'yaml-syntax',
    severity: 'error',
    line: fast.duplicateLine + startLine,
    column: 1,
    message: DUPLICATE_KEY,
    hint: undefined,
  };
  return { data: null, issues: [issue], locate };
}

/**
 * Parses one YAML mapping (front matter or a config file) that starts at `startLine` of its file,
 * with yaml. Positions of errors and of any field are reported in file lines.
 */
export function parseYamlBlock(yamlText: string, startLine: number): ParsedYaml {
  const issues: FrontMatterIssue[] = [];
  const deep = tooDeep(yamlText);
  if (deep !== undefined) {
    // yaml builds every level before it runs out of stack: a linear scan refuses such text first.
    issues.push({
      rule: 'yaml-syntax',
      severity: 'error',
      line: startLine + deep,
      column: 1,
      message: TOO_DEEP,
      hint: TOO_DEEP_HINT,
    });
    return { data: null, issues, locate: () => ({ line: startLine, column: 1 }) };
  }
  // What parseDocument does, in its two steps, with a look at the syntax tree between them: the
  // parser keeps a stack of its own, but turning the tree into nodes recurses once per level, and
  // a stack that runs out there can take the whole process down with it (V8 aborts, uncatchable,
  // when it next compiles a regular expression). The scan above is only an estimate of nesting.
  const { Composer, LineCounter, Parser, YAMLParseError } = yaml();
  const lineCounter = new LineCounter();
  const toFilePos = (offset: number): Position => {
    const p = lineCounter.linePos(Math.max(0, Math.min(offset, yamlText.length)));
    return { line: p.line + startLine - 1, column: p.col };
  };
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(yamlText));
  const deepToken = syntaxTooDeep(tokens);
  if (deepToken !== undefined) {
    issues.push({ rule: 'yaml-syntax', severity: 'error', ...toFilePos(deepToken), message: TOO_DEEP, hint: TOO_DEEP_HINT });
    return { data: null, issues, locate: () => ({ line: startLine, column: 1 }) };
  }
  let doc: Document | undefined;
  for (const next of new Composer({ ...YAML_OPTIONS }).compose(tokens, true, yamlText.length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(
        new YAMLParseError(next.range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', 'Source contains multiple documents'),
      );
      break;
    }
  }
  if (!doc) return { data: null, issues, locate: () => ({ line: startLine, column: 1 }) };
  if (doc.errors.length === 0) {
    const duplicate = duplicateKey(doc.contents as Node | null);
    if (duplicate !== undefined)
      doc.errors.push({ code: 'DUPLICATE_KEY', message: DUPLICATE_KEY, pos: [duplicate, duplicate] } as YAMLError);
  }
  const found = doc;
  const locate = (path: readonly (string | number)[], part: 'key' | 'value' = 'value'): Position => {
    const at = locateNode(found.contents as Node | null, path, part);
    return at === undefined ? { line: startLine, column: 1 } : toFilePos(at);
  };
  const result: ParsedYaml = { data: null, issues, locate };

  // The first error is the cause; those after it are mostly the parser losing its footing.
  for (const e of doc.errors.slice(0, 1)) {
    const multiple = e.code === 'MULTIPLE_DOCS';
    issues.push({
      rule: multiple ? 'front-matter' : 'yaml-syntax',
      severity: 'error',
      ...toFilePos(e.pos[0]),
      message: multiple ? 'more than one YAML document' : firstLine(e.message),
      hint: multiple ? 'remove the second document (the part after "..." or "---")' : undefined,
    });
  }
  for (const w of doc.warnings) {
    const tag = w.code === 'TAG_RESOLVE_FAILED';
    issues.push({
      rule: tag ? 'front-matter' : 'yaml-syntax',
      severity: 'warning',
      ...toFilePos(w.pos[0]),
      message: tag ? `${firstLine(w.message)}; the value was read as plain text` : firstLine(w.message),
      hint: tag ? 'remove the !! tag' : undefined,
    });
  }
  if (doc.errors.length > 0) return result;
  // The scan above is an estimate made before yaml reads the text; this is the measure, on what
  // yaml read, aliases followed: nothing nested deeper reaches the rules or any other reader.
  const nodes = nodesInOrder(doc);
  const deepAt = nestedTooDeep(doc, nodes);
  if (deepAt !== undefined) {
    issues.push({ rule: 'yaml-syntax', severity: 'error', ...toFilePos(deepAt), message: TOO_DEEP, hint: TOO_DEEP_HINT });
    return result;
  }
  // yaml counts the nodes behind each alias again for every alias that uses it, walking the whole
  // document: 400 aliases in 3 KB take it 13 s, 100 beside 30 KB of keys 9 s, 16 about what the
  // keys alone take. Real front matter has none.
  const aliasAt = tooManyAliases(nodes);
  if (aliasAt !== undefined) {
    issues.push({
      rule: 'yaml-syntax',
      severity: 'error',
      ...toFilePos(aliasAt),
      message: `YAML with more than ${MAX_ALIASES} aliases (*name); it was not read`,
      hint: 'write the values out instead of referring to an anchor (&name)',
    });
    return result;
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    issues.push({
      rule: 'yaml-syntax',
      severity: 'error',
      line: startLine,
      column: 1,
      message: `YAML could not be expanded: ${firstLine((err as Error).message)}`,
      hint: 'remove YAML aliases (*name)',
    });
    return result;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    issues.push({
      rule: 'front-matter',
      severity: 'error',
      line: startLine,
      column: 1,
      message: `expected a mapping of keys to values, found ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value}`,
      hint: 'write "key: value" lines',
    });
    return result;
  }
  result.data = value as Record<string, unknown>;
  return result;
}

const DUPLICATE_KEY = 'Map keys must be unique';

/** Deeper than any real front matter (a few levels), far below where yaml's recursion gives out. */
const MAX_NESTING = 64;
const TOO_DEEP = `YAML nested more than ${MAX_NESTING} levels deep; it was not read`;
const TOO_DEEP_HINT = 'front matter holds flat fields and short lists';

/** More aliases than any real front matter uses (it uses none). */
const MAX_ALIASES = 16;

/** The keys and values of a mapping, or the items of a sequence; nothing for any other node. */
function childNodes(node: object): unknown[] {
  const { isMap, isPair, isSeq } = yaml();
  return isMap(node) || isSeq(node) ? (node.items as unknown[]).flatMap((it) => (isPair(it) ? [it.key, it.value] : [it])) : [];
}

/**
 * Every node of the document in document order (a key before its value), aliases as themselves
 * and not followed: one walk with a stack of its own, shared by the alias checks.
 */
function nodesInOrder(doc: Document): object[] {
  const out: object[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    out.push(node);
    const children = childNodes(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

/** Offset of the alias past MAX_ALIASES, in document order; undefined within the limit. */
function tooManyAliases(nodes: readonly object[]): number | undefined {
  const { isAlias } = yaml();
  let count = 0;
  for (const node of nodes) if (isAlias(node) && ++count > MAX_ALIASES) return node.range?.[0] ?? 0;
  return undefined;
}

/**
 * Offset of the first collection of yaml's syntax tree that is nested more than MAX_NESTING levels
 * below the top-level one, or undefined: read with a stack of its own, before anything recurses.
 */
function syntaxTooDeep(tokens: readonly unknown[]): number | undefined {
  interface Token {
    type?: string;
    offset?: number;
    value?: unknown;
    items?: { key?: unknown; value?: unknown }[];
  }
  const stack: [unknown, number][] = tokens.map((t) => [t, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (token === null || typeof token !== 'object') continue;
    const t = token as Token;
    if (t.type === 'document') stack.push([t.value, 0]);
    else if (t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection') {
      if (depth + 1 > MAX_NESTING + 1) return t.offset ?? 0;
      for (const it of t.items ?? []) stack.push([it.key, depth + 1], [it.value, depth + 1]);
    }
  }
  return undefined;
}

/**
 * Offset of the first node nested more than MAX_NESTING collections below the top-level one, with
 * aliases followed (an alias stands for its anchor's whole tree, so five short lines can nest
 * hundreds of levels), or undefined. The height of every node is computed once, bottom up, with a
 * stack of its own: linear in the nodes however they are shared, and no recursion. An alias that
 * refers to a node containing it nests without end.
 */
function nestedTooDeep(doc: Document, nodes: readonly object[]): number | undefined {
  const { isAlias, isMap, isSeq } = yaml();
  // What each alias refers to: the last node before it, in document order, with that anchor (as
  // yaml resolves it), found in one pass rather than one walk of the document per alias.
  const targets = new Map<object, object>();
  const latest = new Map<string, object>();
  for (const node of nodes) {
    if (isAlias(node)) {
      const target = latest.get(node.source);
      if (target) targets.set(node, target);
    } else {
      const anchor = (node as { anchor?: string }).anchor;
      if (anchor) latest.set(anchor, node);
    }
  }
  const children = (node: object): unknown[] => (isAlias(node) ? [targets.get(node)] : childNodes(node));
  const own = (node: object): number => (isMap(node) || isSeq(node) ? 1 : 0);
  const IN_PROGRESS = -1;
  const height = new Map<object, number>();
  const heightOf = (node: unknown): number => {
    if (node === null || typeof node !== 'object') return 0;
    const h = height.get(node) ?? 0;
    return h === IN_PROGRESS ? Infinity : h;
  };
  const stack: [object, boolean][] = [];
  if (doc.contents && typeof doc.contents === 'object') stack.push([doc.contents, false]);
  while (stack.length > 0) {
    const [node, done] = stack.pop()!;
    if (done) {
      let h = 0;
      for (const c of children(node)) h = Math.max(h, heightOf(c));
      height.set(node, own(node) + h);
      continue;
    }
    if (height.has(node)) continue;
    height.set(node, IN_PROGRESS);
    stack.push([node, true]);
    for (const c of children(node)) if (c !== null && typeof c === 'object' && !height.has(c)) stack.push([c, false]);
  }
  const limit = MAX_NESTING + 1;
  if (heightOf(doc.contents) <= limit) return undefined;
  // Down the deepest branch to where it passes the limit; past an alias, the alias is the place.
  let node: unknown = doc.contents;
  let depth = 0;
  let at: number | undefined;
  while (node !== null && typeof node === 'object') {
    const offset = (node as { range?: [number, number, number] }).range?.[0];
    if (isAlias(node)) at ??= offset;
    depth += own(node);
    if (depth > limit) return at ?? offset ?? 0;
    let next: unknown;
    for (const c of children(node)) if (next === undefined || heightOf(c) > heightOf(next)) next = c;
    node = next;
  }
  return at ?? 0;
}

/**
 * The 0-based line where the text first nests more than MAX_NESTING levels, or undefined. An
 * estimate in one pass: flow collections (`[`, `{`) outside quoted scalars and comments, plus the
 * compact block indicators (`- - -`, `? `) that open a line. Indentation cannot nest deeply within
 * the front-matter size limit (each level costs a longer line).
 */
function tooDeep(text: string): number | undefined {
  const n = text.length;
  let flow = 0;
  let line = 0;
  let i = 0;
  const at = (k: number): number => text.charCodeAt(k);
  // A tab separates tokens as a space does (it is only not indentation).
  const blank = (c: number): boolean => c === 32 || c === 9;
  const spaceOrEnd = (k: number): boolean => k >= n || blank(at(k)) || at(k) === 10;
  const skipSpaces = (): void => {
    while (blank(at(i))) i++;
  };
  const skipToEol = (): void => {
    while (i < n && at(i) !== 10) i++;
  };
  /** From an opening quote past the closing one, across lines: `\` escapes in double quotes, `''` in single. */
  const skipQuoted = (q: number): void => {
    i++;
    while (i < n) {
      const c = at(i);
      if (c === 10) line++;
      if (q === 34 && c === 92) i += 2;
      else if (c !== q) i++;
      else if (q === 39 && at(i + 1) === 39) i += 2;
      else {
        i++;
        return;
      }
    }
  };
  // The column of the key or dash that a block scalar (| or >) belongs to: the lines indented
  // further, and blank lines, are its text, where brackets and quotes are only characters.
  let scalarOwner: number | undefined;
  while (i < n) {
    let block = 0;
    if (flow === 0) {
      // A line in block context: compact indicators ("- - -", "? "), then one node.
      const lineStart = i;
      skipSpaces();
      if (scalarOwner !== undefined) {
        if (at(i) === 10 || i >= n || i - lineStart > scalarOwner) {
          skipToEol();
          if (at(i) === 10) {
            line++;
            i++;
          }
          continue;
        }
        scalarOwner = undefined;
      }
      let owner = i - lineStart;
      while ((at(i) === 45 || at(i) === 63 || at(i) === 58) && spaceOrEnd(i + 1)) {
        block++;
        owner = i - lineStart;
        i++;
        skipSpaces();
      }
      if (block > MAX_NESTING) return line;
      // The node's first token (a key, its anchor or its quote) gives the column a block scalar
      // on this line belongs to; a scalar that opens the line belongs to a key above it.
      let first = true;
      const startsNode = (): void => {
        if (first) owner = i - lineStart;
        first = false;
      };
      while (i < n && flow === 0 && at(i) !== 10) {
        const c = at(i);
        if (c === 34 || c === 39) {
          startsNode();
          skipQuoted(c);
        } else if (c === 124 || c === 62) {
          scalarOwner = first && block === 0 ? i - lineStart - 1 : owner;
          skipToEol();
        } else if (c === 91 || c === 123) {
          flow = 1;
          i++;
        } else if (c === 35) skipToEol();
        else if (c === 38 || c === 33 || c === 42) {
          // An anchor, tag or alias before the node.
          startsNode();
          while (i < n && !blank(at(i)) && at(i) !== 10) i++;
          skipSpaces();
        } else {
          // Plain text (brackets in it are text) up to ": ", after which a value node starts.
          startsNode();
          while (i < n && at(i) !== 10) {
            if (at(i) === 58 && spaceOrEnd(i + 1)) {
              i++;
              skipSpaces();
              break;
            }
            if (at(i) === 35 && blank(at(i - 1))) {
              skipToEol();
              break;
            }
            i++;
          }
        }
      }
    }
    // Flow context: every bracket outside quotes and comments opens or closes a collection. A
    // quote opens a quoted scalar only where a node starts (after "[", "{", ",", ": " or a tag or
    // anchor there); inside plain text such as x'y it is text, and the brackets after it count.
    // Whenever this cannot tell, it counts: refusing odd text is safe, skipping nesting is not.
    let nodeStart = true;
    while (i < n && flow > 0) {
      const c = at(i);
      if (c === 91 || c === 123) {
        if (block + ++flow > MAX_NESTING) return line;
        i++;
        nodeStart = true;
      } else if (c === 93 || c === 125) {
        flow--;
        i++;
        nodeStart = false;
      } else if ((c === 34 || c === 39) && nodeStart) {
        skipQuoted(c);
        nodeStart = false;
      } else if (c === 35 && (blank(at(i - 1)) || at(i - 1) === 10)) skipToEol();
      else if (c === 44 || (c === 58 && spaceOrEnd(i + 1))) {
        i++;
        nodeStart = true;
      } else if ((c === 33 || c === 38) && nodeStart) {
        // A tag or an anchor: the node itself follows it.
        while (i < n && !blank(at(i)) && at(i) !== 10 && at(i) !== 44 && at(i) !== 91 && at(i) !== 93 && at(i) !== 123 && at(i) !== 125)
          i++;
      } else {
        if (c === 10) line++;
        else if (!blank(c)) nodeStart = false;
        i++;
      }
    }
    if (at(i) === 10) {
      line++;
      i++;
    }
  }
  return undefined;
}

/**
 * Offset of the first key that repeats an earlier key of the same mapping, by the rule `yaml`
 * applies with `uniqueKeys` (scalar keys with the same value: `null:` and `~:` are the same key,
 * as are `true:` and `TRUE:`), but with a set per mapping: linear in the number of keys. The walk
 * keeps its own stack, so deep nesting cannot overflow the call stack.
 */
function duplicateKey(root: Node | null): number | undefined {
  const { isMap, isPair, isScalar, isSeq } = yaml();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (isScalar(key)) {
          // NaN is never equal to itself, so `.nan` keys never repeat (a Set would say they do).
          if (!Number.isNaN(key.value)) {
            if (seen.has(key.value)) return key.range?.[0] ?? 0;
            seen.add(key.value);
          }
        } else if (key) stack.push(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isPair(node)) {
      stack.push(node.key, node.value);
    }
  }
  return undefined;
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

/** Offset of the node at `path` (a key when `part` is key); falls back to the nearest ancestor. */
function locateNode(root: Node | null, path: readonly (string | number)[], part: 'key' | 'value'): number | undefined {
  const { isMap, isPair, isScalar, isSeq } = yaml();
  let node: Node | null = root;
  let best: number | undefined = node?.range?.[0];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return best;
      const key = pair.key as Node;
      if (last && part === 'key') return key.range?.[0] ?? best;
      best = key.range?.[0] ?? best;
      node = (pair.value as Node | null) ?? null;
      if (node?.range) best = node.range[0];
      else return best;
    } else if (isSeq(node) && (typeof seg === 'number' || /^\d+$/.test(seg))) {
      // A JSON pointer (a schema error's path) names list items with digits.
      const item = node.items[Number(seg)] as Node | undefined;
      if (!item?.range) return best;
      node = item;
      best = item.range[0];
    } else {
      return best;
    }
  }
  return best;
}
