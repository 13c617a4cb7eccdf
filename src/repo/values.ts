/**
 * Reading untyped front-matter values. Documents are untrusted input: a field that should be a
 * string may be a list, a mapping, a number or null, so every accessor checks the type and returns
 * undefined rather than converting (`String({})` would throw for `{toString: x}`).
 */

/** Own property only: a `__proto__` or `constructor` key must never reach the prototype chain. */
export function own(data: Readonly<Record<string, unknown>> | null | undefined, key: string): unknown {
  return data && Object.prototype.hasOwnProperty.call(data, key) ? data[key] : undefined;
}

/** A string field, or undefined for any other value. */
export function ownString(data: Readonly<Record<string, unknown>> | null | undefined, key: string): string | undefined {
  const v = own(data, key);
  return typeof v === 'string' ? v : undefined;
}

/** A finite number field, or undefined. */
export function ownNumber(data: Readonly<Record<string, unknown>> | null | undefined, key: string): number | undefined {
  const v = own(data, key);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A mapping field (not a list), or undefined. */
export function ownRecord(data: Readonly<Record<string, unknown>> | null | undefined, key: string): Record<string, unknown> | undefined {
  const v = own(data, key);
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Values of a field as a list of strings (a scalar field counts as a one-item list). */
export function stringValues(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** Mappings in a list field, skipping anything else. */
export function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v))
    : [];
}

/**
 * Values at a field path like `services` or `changes[].change_request`, each with the YAML path
 * that locates it.
 */
export function valuesAtPath(data: Readonly<Record<string, unknown>>, fieldPath: string): { value: string; path: (string | number)[] }[] {
  const out: { value: string; path: (string | number)[] }[] = [];
  const walk = (node: unknown, parts: string[], at: (string | number)[]): void => {
    if (parts.length === 0) {
      if (typeof node === 'string') out.push({ value: node, path: at });
      else if (Array.isArray(node)) node.forEach((v, i) => typeof v === 'string' && out.push({ value: v, path: [...at, i] }));
      return;
    }
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    const [head, ...rest] = parts;
    const many = head!.endsWith('[]');
    const key = many ? head!.slice(0, -2) : head!;
    if (!Object.prototype.hasOwnProperty.call(node, key)) return;
    const child = (node as Record<string, unknown>)[key];
    if (many) {
      if (Array.isArray(child)) child.forEach((c, i) => walk(c, rest, [...at, key, i]));
    } else walk(child, rest, [...at, key]);
  };
  walk(data, fieldPath.split('.'), []);
  return out;
}

const METHOD_KEYS = ['toString', 'valueOf'];

/**
 * The value without mapping keys named `toString` or `valueOf`, and the paths of the keys left
 * out. A JSON Schema validator compares mappings (`uniqueItems`, `enum`, `const`) by a deep
 * equality that calls a mapping's own `toString` or `valueOf` when they are not Object's: a
 * document with such a key would make it throw. Values without one (nearly all) are returned
 * as they are; shared values (YAML aliases) stay shared in the copy.
 */
export function withoutMethodKeys(value: unknown): { value: unknown; removed: (string | number)[][] } {
  const removed: (string | number)[][] = [];
  const copies = new Map<object, unknown>();
  const needs = new Map<object, boolean>();
  const has = (v: unknown): boolean => {
    if (!v || typeof v !== 'object') return false;
    const known = needs.get(v);
    if (known !== undefined) return known;
    needs.set(v, false);
    let found = !Array.isArray(v) && METHOD_KEYS.some((k) => Object.prototype.hasOwnProperty.call(v, k));
    for (const x of Object.values(v)) if (has(x)) found = true;
    needs.set(v, found);
    return found;
  };
  const copy = (v: unknown, at: (string | number)[]): unknown => {
    if (!v || typeof v !== 'object' || !needs.get(v)) return v;
    const done = copies.get(v);
    if (done !== undefined) return done;
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      copies.set(v, out);
      v.forEach((x, i) => out.push(copy(x, [...at, i])));
      return out;
    }
    const out: Record<string, unknown> = {};
    copies.set(v, out);
    for (const [k, x] of Object.entries(v)) {
      if (METHOD_KEYS.includes(k)) removed.push([...at, k]);
      else Object.defineProperty(out, k, { value: copy(x, [...at, k]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return has(value) ? { value: copy(value, []), removed } : { value, removed };
}
