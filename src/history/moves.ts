import type { FileChange, HistoryCommit } from '../git/history.js';

/**
 * What a commit changed outside the SMS's folders that may once have been the SMS: Markdown files
 * and configuration files (paths from the top of the work tree).
 */
export type OutsideChanges = Map<number, FileChange[]>;

/**
 * Follows an SMS that was moved as a whole (into a subfolder of a larger repository, or out of
 * one): before the move, its documents lived under another root, which the log's paths, read
 * against today's root, would never match, so every document would seem to appear in the move
 * commit already approved. A move is a commit that deletes the configuration file under another
 * root and adds it under today's. The documents under that root become this SMS's documents in
 * every commit, until a document has arrived under today's root (in the move or in a later commit
 * that moves it): after that, a file at its old path is another file. A document moved in one
 * commit (deleted there, added here) is one change, or none when its content did not change; a
 * document taken out of the SMS and brought back is deleted and added again, and judged so.
 * Repeated for a root that was itself moved. Pure: mutates `commits` (paths relative to today's
 * root; oldest first, parents before children) and returns the blobs the added changes need read,
 * and the roots the SMS was moved from, the latest move first.
 *
 * @param configFile the configuration file's name
 * @param here where today's configuration file is, from the top of the work tree
 * @param isDocument whether a path relative to the SMS root names a document
 */
export function followMoves(
  commits: HistoryCommit[],
  outside: OutsideChanges,
  configFile: string,
  here: string,
  isDocument: (rel: string) => boolean,
): { blobs: string[]; roots: string[] } {
  const blobs: string[] = [];
  const roots: string[] = [];
  let limit = commits.length;
  for (;;) {
    const move = lastMove(outside, limit, configFile, here);
    if (!move) return { blobs, roots };
    const { index, root } = move;
    roots.push(root);
    const under = root ? `${root}/` : '';
    const after = descendants(commits, index);
    const before = ancestors(commits, index);
    // Documents already under today's root: from then on, a file at the old root is another file.
    const arrived = new Set<string>();
    // Versions made under the old root by branches beside the move (see below).
    const carried = new Set<string>();
    for (let j = 0; j < commits.length; j++) {
      const c = commits[j]!;
      const descendant = j > index && after.has(c.sha);
      const added = c.changes.filter((ch) => ch.newBlob).map((ch) => ch.path);
      const list = outside.get(j);
      let mapped = false;
      if (list) {
        const kept: FileChange[] = [];
        for (const ch of list) {
          const rel = ch.path.startsWith(under) ? ch.path.slice(under.length) : undefined;
          if (rel === undefined || !isDocument(rel) || (descendant && arrived.has(rel))) {
            kept.push(ch);
            continue;
          }
          c.changes.push({ ...ch, path: rel });
          mapped = true;
          if (!descendant && !before.has(c.sha) && j !== index) carried.add(`${rel}\0${ch.newBlob ?? ''}`);
          if (ch.oldBlob) blobs.push(ch.oldBlob);
          if (ch.newBlob) blobs.push(ch.newBlob);
        }
        outside.set(j, kept);
      }
      if (mapped) c.changes = joinMoved(c.changes);
      if (j <= index || descendant) for (const p of added) arrived.add(p);
    }
    // A merge that brings such a branch in lists its documents as changed (they sit at another
    // path on each side); where it kept the branch's version, the branch's commits made it.
    for (let j = index + 1; j < commits.length && carried.size > 0; j++) {
      const c = commits[j]!;
      if (c.parents.length > 1 && after.has(c.sha)) c.changes = c.changes.filter((ch) => !carried.has(`${ch.path}\0${ch.newBlob ?? ''}`));
    }
    // An earlier move: the configuration file came to `root` from somewhere else.
    here = `${under}${configFile}`;
    limit = index;
  }
}

/** The commits commits[index] descends from (commits in the log's order, parents first). */
export function ancestors(commits: readonly HistoryCommit[], index: number): Set<string> {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const out = new Set<string>();
  const todo = [...commits[index]!.parents];
  for (let sha = todo.pop(); sha !== undefined; sha = todo.pop()) {
    if (out.has(sha)) continue;
    out.add(sha);
    todo.push(...(bySha.get(sha)?.parents ?? []));
  }
  return out;
}

/** The commits that descend from commits[index], itself included (commits in the log's order, parents first). */
function descendants(commits: readonly HistoryCommit[], index: number): Set<string> {
  const out = new Set<string>([commits[index]!.sha]);
  for (let j = index + 1; j < commits.length; j++) if (commits[j]!.parents.some((p) => out.has(p))) out.add(commits[j]!.sha);
  return out;
}

/** The latest commit before `limit` that moved the configuration file to `here`, and from which root. */
function lastMove(outside: OutsideChanges, limit: number, configFile: string, here: string): { index: number; root: string } | undefined {
  let found: { index: number; root: string } | undefined;
  for (const [index, list] of outside) {
    if (index >= limit || (found && index < found.index)) continue;
    if (!list.some((ch) => ch.path === here && ch.newBlob && !ch.oldBlob)) continue;
    const from = list.find(
      (ch) => ch.oldBlob && !ch.newBlob && ch.path !== here && (ch.path === configFile || ch.path.endsWith(`/${configFile}`)),
    );
    if (from) found = { index, root: from.path.slice(0, -configFile.length).replace(/\/$/, '') };
  }
  return found;
}

/** A deletion and an addition of one path in one commit: one change, or none when the content is the same. */
function joinMoved(changes: FileChange[]): FileChange[] {
  const byPath = new Map<string, FileChange>();
  for (const ch of changes) {
    const other = byPath.get(ch.path);
    if (!other) {
      byPath.set(ch.path, ch);
      continue;
    }
    const oldBlob = other.oldBlob ?? ch.oldBlob;
    const newBlob = other.newBlob ?? ch.newBlob;
    if (oldBlob === newBlob) byPath.delete(ch.path);
    else byPath.set(ch.path, { path: ch.path, oldBlob, newBlob });
  }
  return [...byPath.values()];
}
