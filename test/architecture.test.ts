import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

/**
 * The shape of the house: data flows one way (files and history → documents → rules → results →
 * formatters → CLI). Each module belongs to a layer and imports only from its own layer or lower
 * ones, and the import graph has no cycles.
 */
const LAYERS: [RegExp, number, string][] = [
  [/^src\/(dates|errors|diagnostic|strings|paths|version|markdown|calendar|period)\.ts$/, 0, 'base'],
  [/^src\/model\//, 1, 'model'],
  [/^src\/repo\//, 2, 'repo'],
  [/^src\/git\//, 3, 'git'],
  [/^src\/history\//, 4, 'history'],
  [/^src\/rules\//, 5, 'rules'],
  [/^src\/(load|validate)\.ts$/, 6, 'engine'],
  [/^src\/formatters\//, 7, 'formatters'],
  [/^src\/report\//, 8, 'report'],
  [/^src\/cli\//, 9, 'cli'],
  [/^src\/index\.ts$/, 10, 'library entry'],
];

function layerOf(file: string): { level: number; name: string } {
  const hit = LAYERS.find(([re]) => re.test(file));
  if (!hit) throw new Error(`${file} belongs to no layer: add it to LAYERS`);
  return { level: hit[1], name: hit[2] };
}

function sourceFiles(dir: string): string[] {
  return (readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${dir}/${f.split(path.sep).join('/')}`);
}

/** Runtime imports (static and dynamic); `import type` is erased and cannot form a loop at run time. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const out: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\s+(?!type\s)[^'"]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g;
  for (const m of text.matchAll(re)) {
    const spec = (m[1] ?? m[2])!;
    out.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts'));
  }
  return out;
}

describe('architecture', () => {
  const files = sourceFiles('src');
  const graph = new Map(files.map((f) => [f, importsOf(f)]));

  it('every import resolves to a source file', () => {
    for (const [f, deps] of graph) for (const d of deps) expect(files, `${f} imports ${d}`).toContain(d);
  });

  it('no module imports from a higher layer (the core never imports the CLI)', () => {
    const wrong: string[] = [];
    for (const [f, deps] of graph) {
      const from = layerOf(f);
      for (const d of deps) {
        const to = layerOf(d);
        if (to.level > from.level) wrong.push(`${f} (${from.name}) imports ${d} (${to.name})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the import graph has no cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...stack.slice(stack.indexOf(f)), f].join(' → '));
        return;
      }
      state.set(f, 'open');
      stack.push(f);
      for (const d of graph.get(f) ?? []) visit(d);
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) visit(f);
    expect(cycles).toEqual([]);
  });

  it('the layer check can fail: a cli import from a rule is reported', () => {
    const from = layerOf('src/rules/schema.ts');
    const to = layerOf('src/cli/io.ts');
    expect(to.level).toBeGreaterThan(from.level);
  });

  it('comments never point at files outside this repository', () => {
    const outside: string[] = [];
    const data = ['model', 'schemas', 'templates'].flatMap((d) =>
      (readdirSync(path.join(ROOT, d), { recursive: true }) as string[])
        .map((f) => `${d}/${f.split(path.sep).join('/')}`)
        .filter((f) => /\.(ya?ml|json|hbs|css)$/.test(f)),
    );
    for (const f of [
      ...files,
      ...data,
      ...(readdirSync(path.join(ROOT, 'scripts'), { recursive: true }) as string[])
        .filter((x) => x.endsWith('.mjs'))
        .map((x) => `scripts/${x}`),
    ]) {
      const text = readFileSync(path.join(ROOT, f), 'utf8');
      if (/(?:DOMAIN|NOTES|STYLE|ASSESSMENT)\.md|\.\.\/shared\//.test(text)) outside.push(f);
    }
    expect(outside).toEqual([]);
  });
});
