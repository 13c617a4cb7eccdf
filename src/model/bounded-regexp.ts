import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { smsError } from '../errors.js';

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

/** How long one test may take in the worker, start-up included. */
const LIMIT_MS = 2000;

/**
 * Whether backtracking stays tame: no repeated group (`(…)*`, `(…)+`, `(…){2,}`), no back-reference
 * and no lookaround. Character classes and escapes are skipped, so `[(]+` is a class, not a group.
 */
export function linearEnough(pattern: string): boolean {
  const groups: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9k]/.test(next)) return false;
      i++;
    } else if (c === '[') {
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
    } else if (c === '(') {
      if (pattern.startsWith('(?=', i) || pattern.startsWith('(?!', i) || pattern.startsWith('(?<=', i) || pattern.startsWith('(?<!', i))
        return false;
      groups.push(i);
    } else if (c === ')') {
      groups.pop();
      const q = pattern[i + 1];
      if (q === '*' || q === '+' || (q === '{' && /^\{\d*,\d*\}|^\{\d{2,}\}/.test(pattern.slice(i + 1)))) return false;
    }
  }
  return true;
}

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ pattern, flags, value, state, port }) => {
  let result;
  try { result = new RegExp(pattern, flags).test(value) ? 1 : 2; } catch { result = 3; }
  port.postMessage(result);
  const cell = new Int32Array(state);
  Atomics.store(cell, 0, result);
  Atomics.notify(cell, 0);
});
`;

let worker: Worker | undefined;

function tester(): Worker {
  if (!worker) {
    worker = new Worker(WORKER_SOURCE, { eval: true, stdout: false, stderr: false });
    // Never the reason the process stays alive.
    worker.unref();
    worker.on('error', () => (worker = undefined));
  }
  return worker;
}

/** Tests in the worker and waits at most LIMIT_MS; a test that takes longer ends the run. */
function testInWorker(pattern: string, flags: string, value: string): boolean {
  const state = new SharedArrayBuffer(4);
  const cell = new Int32Array(state);
  const { port1, port2 }: { port1: MessagePort; port2: MessagePort } = new MessageChannel();
  tester().postMessage({ pattern, flags, value, state, port: port2 }, [port2]);
  const waited = Atomics.wait(cell, 0, 0, LIMIT_MS);
  receiveMessageOnPort(port1);
  port1.close();
  if (waited === 'timed-out') {
    void worker?.terminate();
    worker = undefined;
    throw smsError('PATTERN_TOO_SLOW', { pattern, length: value.length, seconds: LIMIT_MS / 1000 });
  }
  return Atomics.load(cell, 0) === 1;
}

/** A pattern from the configuration, checked as ajv's `code.regExp` engine asks. */
export function boundedRegExp(pattern: string, flags: string): RegExpLike {
  // Compiled here too, so a pattern that is not a regular expression fails where ajv reports it.
  const native = new RegExp(pattern, flags);
  if (linearEnough(pattern)) return native;
  return {
    test: (value: string) => testInWorker(pattern, flags, String(value)),
    // ajv keys its compiled patterns by this.
    toString: () => native.toString(),
  };
}
boundedRegExp.code = 'boundedRegExp';
