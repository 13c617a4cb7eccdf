/**
 * Holds off SIGINT and SIGTERM until `release()`. Ended at once, a run that has changed a document
 * and staged it would leave both behind, and its locks; instead a signal aborts `interrupt`, and the
 * run lets the running step end, undoes its change and says so. Ctrl-C in a terminal signals the
 * whole foreground process group, so a git step that is running (and its hooks) ends by itself.
 */
export function holdSignals(): { interrupt: AbortSignal; release: () => void } {
  const ac = new AbortController();
  const onSignal = (): void => ac.abort();
  const signals = ['SIGINT', 'SIGTERM'] as const;
  for (const s of signals) process.on(s, onSignal);
  return {
    interrupt: ac.signal,
    release: () => {
      for (const s of signals) process.off(s, onSignal);
    },
  };
}
