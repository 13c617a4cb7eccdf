import { createRequire } from 'node:module';
import type { Worker as WorkerThread } from 'node:worker_threads';
import { smsError } from '../errors.js';

// Loaded on first use: most runs never test a pattern in a worker, and start-up is measured.
const require = createRequire(import.meta.url);
const threads = (): typeof import('node:worker_threads') => require('node:worker_threads') as typeof import('node:worker_threads');

/**
 * Regular expressions from the configuration (`pattern` in extra fields and custom types) are
 * written by whoever edits sms.config.yaml, and JavaScript's engine backtracks: `^(a+)+$` takes
 * minutes on forty characters. A pattern whose shape cannot backtrack badly runs as it is; any
 * other is tested in a worker thread that is stopped after a time limit, so a run ends with an
 * error naming the pattern instead of hanging.
 */
export interface RegExpLike {
  test(value: string): boolean;
  toString(): string;
}

/**
 * How long one test may take in the worker (start-up included), and how long the slow tests of
 * one pattern (those over `slowMs`; a test normally takes well under a millisecond) may take
 * together in a run.
 */
export interface Limits {
  oneMs: number;
  totalMs: number;
  slowMs: number;
}
const LIMITS: Limits = { oneMs: 2000, totalMs: 5000, slowMs: 100 };
const spent = new Map<string, number>();

/**
 * Whether the pattern runs in time proportional to the value, so it may run as it is: anchored at
 * the start, at most one unbounded quantifier (`*`, `+`, `{n,}`, `{n,m}` from m = 100), no quantified group, no
 * back-reference and no lookaround. Anything else (`(a+)+`, `(a+){9}`, `a*a*b`, an unanchored
 * `a+b` on a long value) goes to the worker. Character classes and escapes are skipped, so `[(]+`
 * is a class, not a group.
 */
export function linearEnough(pattern: string): boolean {
  if (!pattern.startsWith('^')) return false;
  let unbounded = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (/[1-9k]/.test(pattern[i + 1] ?? '')) return false;
      i++;
    } else if (c === '[') {
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
    } else if (c === '(' && /^\(\?<?[=!]/.test(pattern.slice(i, i + 4))) {
      return false;
    } else if (c === ')' && /^[*+{]/.test(pattern[i + 1] ?? '')) {
      return false;
    } else if (c === '*' || c === '+' || (c === '{' && /^\{\d+,(\d{3,})?\}/.test(pattern.slice(i)))) {
      if (++unbounded > 1) return false;
    }
  }
  return true;
}

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ pattern, flags, value, state }) => {
  let result;
  try { result = new RegExp(pattern, flags).test(value) ? 1 : 2; } catch { result = 3; }
  const cell = new Int32Array(state);
  Atomics.store(cell, 0, result);
  Atomics.notify(cell, 0);
});
`;

let worker: WorkerThread | undefined;

function tester(): WorkerThread {
  if (!worker) {
    worker = new (threads().Worker)(WORKER_SOURCE, { eval: true, stdout: false, stderr: false });
    // Never the reason the process stays alive.
    worker.unref();
    worker.on('error', () => (worker = undefined));
  }
  return worker;
}

/** Tests in the worker and waits at most `limits.oneMs`; a test that takes longer ends the run, and so do tests that take longer than `limits.totalMs` together. */
function testInWorker(pattern: string, flags: string, value: string, limits: Limits): boolean {
  const state = new SharedArrayBuffer(4);
  const cell = new Int32Array(state);
  const started = Date.now();
  tester().postMessage({ pattern, flags, value, state });
  const waited = Atomics.wait(cell, 0, 0, limits.oneMs);
  const took = Date.now() - started;
  const total = (spent.get(pattern) ?? 0) + (took >= limits.slowMs ? took : 0);
  spent.set(pattern, total);
  if (waited === 'timed-out') {
    void worker?.terminate();
    worker = undefined;
    throw smsError('PATTERN_TOO_SLOW', { pattern, length: value.length, seconds: limits.oneMs / 1000 });
  }
  // Values each a little under the limit add up: the run has a budget per pattern too.
  if (took >= limits.slowMs && total >= limits.totalMs)
    throw smsError('PATTERN_TOO_SLOW_TOTAL', { pattern, seconds: limits.totalMs / 1000 });
  return Atomics.load(cell, 0) === 1;
}

/** A pattern from the configuration, checked as ajv's `code.regExp` engine asks. */
export function boundedRegExp(pattern: string, flags: string, limits: Limits = LIMITS): RegExpLike {
  // Compiled here too, so a pattern that is not a regular expression fails where ajv reports it.
  const native = new RegExp(pattern, flags);
  if (linearEnough(pattern)) return native;
  return {
    test: (value: string) => testInWorker(pattern, flags, String(value), limits),
    // ajv keys its compiled patterns by this.
    toString: () => native.toString(),
  };
}
boundedRegExp.code = 'boundedRegExp';
