import { valuesAtPath } from '../repo/values.js';
import { defineRule } from './registry.js';

/** A loop as read: whole up to ten documents, else its first five, how many more, and its end. */
const shown = (loop: readonly string[]): string =>
  loop.length <= 10 ? loop.join(' → ') : `${loop.slice(0, 5).join(' → ')} → … (${loop.length - 7} more) → ${loop.slice(-2).join(' → ')}`;

export default defineRule({
  id: 'dependency-cycle',
  description: 'A document does not depend on itself, directly or through others of its type (a service on a service).',
  help:
    "A field that names documents of its own type (a service's depends_on) describes an order: what must run for this " +
    'to run. A service named in its own dependencies, or a loop of them (SVC-0002 on SVC-0003 on SVC-0002), is ' +
    'usually a mistake, and it leaves nothing to start from when a service is designed, changed or restored. A ' +
    'warning: two services can truly need each other (turn it off with rules: { dependency-cycle: off }). Reported once ' +
    'per loop, at the document whose dependency closes it.',
  severity: 'warning',
  relational: true,
  needs: [],
  check(ctx, report) {
    for (const t of ctx.config.types) {
      const fields = Object.entries(t.refs)
        .filter(([, target]) => target === t.key)
        .map(([field]) => field);
      if (fields.length === 0) continue;
      const docs = ctx.documents.filter((d) => d.type?.key === t.key && d.id && d.data);
      const next = new Map(
        docs.map((d) => {
          // Each document it names once: an ID listed again adds no edge (and no second finding).
          const seen = new Set<string>();
          const edges = fields.flatMap((f) => valuesAtPath(d.data!, f).map((v) => ({ id: v.value, field: f, path: v.path })));
          return [d.id!, edges.filter((e) => !seen.has(e.id) && seen.add(e.id))];
        }),
      );
      // Depth-first, each document once, with a stack of its own (a chain of thousands of documents
      // must not exhaust the call stack): an edge to one on the current path closes a loop.
      const state = new Map<string, 'open' | 'done'>();
      for (const start of [...docs].map((d) => d.id!).sort()) {
        if (state.has(start)) continue;
        const path: { id: string; edge: number }[] = [{ id: start, edge: 0 }];
        state.set(start, 'open');
        while (path.length) {
          const top = path.at(-1)!;
          const edges = next.get(top.id) ?? [];
          if (top.edge >= edges.length) {
            state.set(top.id, 'done');
            path.pop();
            continue;
          }
          const edge = edges[top.edge++]!;
          if (!next.has(edge.id)) continue;
          if (state.get(edge.id) === 'open') {
            const loop = [...path.slice(path.findIndex((p) => p.id === edge.id)).map((p) => p.id), edge.id];
            const doc = ctx.byId.get(top.id)?.[0];
            if (doc)
              report({
                doc,
                field: edge.path,
                message:
                  loop.length === 2 ? `${edge.id} names itself in ${edge.field}` : `${edge.field} goes round in a loop: ${shown(loop)}`,
                hint: `take out the dependency that closes the loop; where they truly need each other, the warning stays until the rule is turned off (rules: { dependency-cycle: off })`,
              });
          } else if (!state.has(edge.id)) {
            state.set(edge.id, 'open');
            path.push({ id: edge.id, edge: 0 });
          }
        }
      }
    }
  },
});
